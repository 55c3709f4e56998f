import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { freshDataDir, runCli, startSandboxProcess, type SandboxProcess } from "../cli/support.ts"
import { startMode } from "../../src/pipeline/runner/start.ts"

describe("docflow start with Zoho credentials configured", () => {
  let sandbox: SandboxProcess | undefined
  beforeAll(async () => {
    sandbox = await startSandboxProcess(12)
  }, 90_000)
  afterAll(async () => {
    await sandbox?.stop()
  })

  it("the mode: live on the in-process sandbox, dry-run on configured Zoho unless --live", () => {
    expect(startMode("in-process sandbox", false)).toBe("live")
    expect(startMode("configured", false)).toBe("dry-run")
    expect(startMode("configured", true)).toBe("live")
  })

  it("runs in dry-run without --live: the tickets are processed and nothing is written to Zoho", async () => {
    if (sandbox === undefined) throw new Error("no sandbox")
    const run = runCli(["start", "--concurrency", "4"], { ...sandbox.env, DOCFLOW_DATA_DIR: freshDataDir() })
    expect(run.status).toBe(0)
    expect(run.stderr).toContain("mode dry-run")
    expect(run.stdout).toContain("# Rapport de traitement")
    expect(run.stderr).toMatch(/traités : [1-9]\d* en/)
    const log = (await (await fetch(`${sandbox.baseUrl}/_sandbox/writes`)).json()) as { readonly writes: ReadonlyArray<unknown> }
    expect(log).toEqual({ writes: [] })
  }, 120_000)
})
