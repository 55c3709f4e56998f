/** `docflow replay` / `docflow report` as an operator runs them, on a store holding the golden history. */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { execFileSync } from "node:child_process"
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
      yield* Effect.provide(insertRows(historyRows), layerSqliteStore({ filename: join(dataDir, DATABASE_FILE) }))
      const golden = readFileSync(fixtureUrl("history.report.txt"), "utf8")
      expect(docflow(dataDir, "replay")).toBe(golden)
      expect(docflow(dataDir, "report")).toBe(golden)
      const processed = JSON.parse(docflow(dataDir, "report", "--processed")) as ReadonlyArray<{ id: string }>
      expect(processed.length).toBe(40)
      expect(docflow(dataDir, "status")).toContain("En attente : 3")
      const ticketId = String(historyRows[0]?.["ticketId"])
      expect(docflow(dataDir, "status", ticketId)).toContain(`Ticket ${ticketId}`)
    })
  , 120_000)
})
