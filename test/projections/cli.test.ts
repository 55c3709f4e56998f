/** `docflow replay` / `docflow report` as an operator runs them, on a store holding the golden history. */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { SqlClient } from "@effect/sql"
import { execFileSync, spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DATABASE_FILE, layerSqliteStore } from "../../src/services/store/Store.ts"
import { fixtureUrl, historyRows, insertRows } from "../fixtures/events/history.ts"

const docflow = (dataDir: string, ...args: Array<string>) =>
  execFileSync(process.execPath, ["bin/docflow.js", ...args], {
    env: { ...process.env, DOCFLOW_DATA_DIR: dataDir },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"]
  })

describe("docflow replay / report / status", () => {
  it.effect("replay prints the golden report byte for byte; report and status read the projections", () =>
    Effect.gen(function* () {
      const dataDir = mkdtempSync(join(tmpdir(), "docflow-cli-"))
      // The golden history plus a torn last write: quarantined, reported on stderr, report unchanged.
      const tornWrite = Effect.flatMap(SqlClient.SqlClient, (sql) =>
        sql.unsafe(
          "INSERT INTO events (event_id, type, version, ticket_id, ticket_seq, run_id, occurred_at, payload) VALUES ('torn', 'TicketCompleted', 1, '1', 0, 'r', '2026-02-05T00:00:00Z', '{\"mode\":\"li')"
        )
      )
      yield* Effect.provide(Effect.zipRight(insertRows(historyRows), tornWrite), layerSqliteStore({ filename: join(dataDir, DATABASE_FILE) }))
      const golden = readFileSync(fixtureUrl("history.report.txt"), "utf8")
      const replayed = spawnSync(process.execPath, ["bin/docflow.js", "replay"], { env: { ...process.env, DOCFLOW_DATA_DIR: dataDir }, encoding: "utf8" })
      expect(replayed.status).toBe(0)
      expect(replayed.stdout).toBe(golden)
      expect(replayed.stderr).toContain("1 event(s) in quarantine")
      expect(replayed.stderr).toContain("UnreadableJson")
      expect(docflow(dataDir, "report")).toBe(golden)
      const processed = JSON.parse(docflow(dataDir, "report", "--processed")) as ReadonlyArray<{ id: string }>
      expect(processed.length).toBe(40)
      expect(docflow(dataDir, "status")).toContain("En attente : 3")
      const ticketId = String(historyRows[0]?.["ticketId"])
      expect(docflow(dataDir, "status", ticketId)).toContain(`Ticket ${ticketId}`)
    })
  , 120_000)
})
