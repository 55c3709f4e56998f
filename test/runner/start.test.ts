import { describe, expect, it } from "vitest"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { freshDataDir, runCli } from "../cli/support.ts"

interface WriteLine {
  readonly kind: string
  readonly ticketId?: string
}

const drafts = (dataDir: string): ReadonlyArray<WriteLine> =>
  readFileSync(join(dataDir, "sandbox-writes.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as WriteLine)
    .filter((w) => w.kind === "draft")

const reportFigure = (report: string, label: string): number => {
  const match = new RegExp(`\\| ${label} \\| (\\d+) \\|`).exec(report)
  if (match?.[1] === undefined) throw new Error(`no "${label}" in the report:\n${report}`)
  return Number(match[1])
}

describe("docflow start on the embedded default", () => {
  it("syncs, processes the generated tickets against the in-process sandbox, prints the report; a second start drafts nothing again", () => {
    const dataDir = freshDataDir()
    const env = { DOCFLOW_DATA_DIR: dataDir, ZOHO_CLIENT_ID: "", ZOHO_CLIENT_SECRET: "", ZOHO_REFRESH_TOKEN: "" }
    const first = runCli(["start", "--tickets", "15", "--concurrency", "4"], env)
    expect(first.stderr).toContain("in-process sandbox")
    expect(first.status).toBe(0)
    expect(first.stdout).toContain("# Rapport de traitement")
    const processed = reportFigure(first.stdout, "Tickets traités")
    const pending = reportFigure(first.stdout, "En attente")
    expect(processed + pending).toBe(15)
    const afterFirst = drafts(dataDir)
    expect(afterFirst.length).toBeGreaterThan(0)
    expect(afterFirst.length).toBe(reportFigure(first.stdout, "Brouillons créés"))
    expect(new Set(afterFirst.map((d) => d.ticketId)).size).toBe(afterFirst.length)

    const second = runCli(["start", "--tickets", "15", "--concurrency", "4"], env)
    expect(second.status).toBe(0)
    expect(second.stdout).toContain("# Rapport de traitement")
    expect(drafts(dataDir).length).toBe(afterFirst.length)
    expect(reportFigure(second.stdout, "Brouillons créés")).toBe(afterFirst.length)
  }, 240_000)
})
