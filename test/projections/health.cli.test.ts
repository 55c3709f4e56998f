/** `docflow report --health` as an operator runs it, on a store holding a few realistic runs. */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { spawnSync } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DATABASE_FILE, EventLog, layerSqliteStore } from "../../src/services/store/Store.ts"
import { healthRun, SESSION_REPLY, wrapDraft } from "./healthFixtures.ts"

const report = (dataDir: string, ...args: Array<string>) =>
  spawnSync(process.execPath, ["bin/docflow.js", "report", ...args], { env: { ...process.env, DOCFLOW_DATA_DIR: dataDir }, encoding: "utf8" })

describe("docflow report --health", () => {
  it.effect("prints counts per check and the offending tickets, exits 0 and says there are findings", () =>
    Effect.gen(function* () {
      const dataDir = mkdtempSync(join(tmpdir(), "docflow-health-"))
      const leak = SESSION_REPLY.replace("Indiquez-nous", "Votre offre à 20 € reste valable. Indiquez-nous")
      yield* Effect.provide(
        Effect.flatMap(EventLog, (log) =>
          log.append([
            ...healthRun({ ticketId: "501" }),
            ...healthRun({ ticketId: "502", draftHtml: wrapDraft("502:t-new:CreateDraft:502", leak) })
          ])
        ),
        layerSqliteStore({ filename: join(dataDir, DATABASE_FILE) })
      )
      const out = report(dataDir, "--health")
      expect(out.status).toBe(0)
      expect(out.stdout).toContain("Tickets : 2 (2 contrôlés, 0 ignorés), 1 sans anomalie.")
      expect(out.stdout).toContain("| E1_AMOUNT_LEAK | ERROR | 1 |")
      expect(out.stdout).toContain("| 502 | COMPLETED | ERROR | E1_AMOUNT_LEAK | le prix de 20 € apparaît hors demande d'annulation |")
      expect(out.stderr).toContain("1 ticket(s) en anomalie (critiques ou erreurs) — le code de sortie reste 0.")
      // A rebuild from position 0 gives the same health text.
      expect(spawnSync(process.execPath, ["bin/docflow.js", "replay"], { env: { ...process.env, DOCFLOW_DATA_DIR: dataDir } }).status).toBe(0)
      expect(report(dataDir, "--health").stdout).toBe(out.stdout)
    }), { timeout: 300_000 })
})
