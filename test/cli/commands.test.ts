/**
 * The workflow commands end to end, as an operator runs them, against the in-process sandbox
 * (no Zoho credentials configured): a dry-run batch, then status, result and audit.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { freshDataDir, runCli } from "./support.ts"

describe("docflow batch / result / audit on the embedded sandbox", () => {
  it.live("a dry-run batch leaves every ticket pending; result and audit read the recorded run", () =>
    Effect.sync(() => {
      const env = { DOCFLOW_DATA_DIR: freshDataDir() }
      const batch = runCli(["batch", "-d", "-n", "3", "--delay", "0"], env)
      expect(batch.status, batch.stderr).toBe(0)
      expect(batch.stderr).toContain("in-process sandbox")
      expect(batch.stdout).toMatch(/3\/3 · .* reste ~/)
      expect(batch.stdout).toContain("dry-run : rien écrit dans Zoho")
      const processed = /^\[OK\] (\d+) /m.exec(batch.stdout)?.[1]
      if (processed === undefined) throw new Error(`no processed ticket in:\n${batch.stdout}`)

      const status = runCli(["batch", "-s"], env)
      expect(status.status, status.stderr).toBe(0)
      const pending = Number(/En attente : (\d+)/.exec(status.stdout)?.[1])
      expect(pending).toBeGreaterThanOrEqual(3)
      expect(status.stdout).toContain("Traités : 0")

      const result = runCli(["result", processed], env)
      expect(result.status, result.stderr).toBe(0)
      const json = JSON.parse(result.stdout) as Record<string, unknown>
      expect(json["ticket_id"]).toBe(processed)
      expect(json["mode"]).toBe("dry-run")
      expect(json["draft_created"]).toBe(false)
      expect(Object.keys(json)).toEqual(expect.arrayContaining(["triage", "input", "template_vars", "output", "error", "stage"]))

      const audit = runCli(["audit", processed], env)
      expect(audit.status, audit.stderr).toBe(0)
      expect(audit.stdout).toContain("Décision enregistrée")
      expect(audit.stdout).toContain("Aucune différence")

      expect(runCli(["result", "not-a-ticket"], env).status).toBe(2)
    }), 300_000)
})
