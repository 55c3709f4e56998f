import { describe, expect, it } from "@effect/vitest"
import { pendingProjection } from "../../src/pipeline/projections/pending.ts"
import { processedProjection } from "../../src/pipeline/projections/processed.ts"
import { buildReport, renderReport } from "../../src/pipeline/projections/report.ts"
import { enqueuedOnly, ticketRun } from "../fixtures/events/builders.ts"
import { given } from "./given.ts"

const at = "2026-02-03T00:00:00.000Z"
const runs = [
  ...["1", "2", "3"].map((id) => ticketRun({ ticketId: id, runId: "r", firstSeq: 0, at, outcome: { kind: "completed", draftCreated: id !== "3" } })),
  ticketRun({ ticketId: "4", runId: "r", firstSeq: 0, at, triageAction: "ROUTE", outcome: { kind: "stopped", stage: "STOPPED_AT_TRIAGE", reason: "Contact" } }),
  ticketRun({ ticketId: "5", runId: "r", firstSeq: 0, at, triageAction: "NEEDS_CLARIFICATION", outcome: { kind: "completed", stage: "NEEDS_CLARIFICATION", draftCreated: true } }),
  ticketRun({ ticketId: "6", runId: "r", firstSeq: 0, at, decided: false, outcome: { kind: "dead-lettered", message: "Zoho 500", attempts: 3 } }),
  ticketRun({ ticketId: "7", runId: "r", firstSeq: 0, at, decided: false, outcome: { kind: "failed", stage: "ANALYSIS", message: "CRM | 503", willRetry: true } }),
  ticketRun({ ticketId: "8", runId: "dry", firstSeq: 0, at, mode: "dry-run", triageAction: "DUPLICATE_UBER", outcome: { kind: "completed", draftCreated: true } }),
  [enqueuedOnly("9", 0, at)]
]

describe("report", () => {
  const g = given(...runs)
  const report = buildReport(g.view(processedProjection), g.view(pendingProjection))

  it("counts processed tickets, successes, drafts and actions from live runs only", () => {
    expect(report.processed).toBe(6)
    expect(report.successes).toBe(5)
    expect(report.draftsCreated).toBe(3)
    expect(report.pending).toBe(2)
    expect(report.byAction).toEqual([
      { key: "GO", count: 3 },
      { key: "(aucune décision)", count: 1 },
      { key: "NEEDS_CLARIFICATION", count: 1 },
      { key: "ROUTE", count: 1 }
    ])
    expect(report.byStage).toEqual([
      { key: "COMPLETED", count: 3 },
      { key: "DEAD_LETTERED", count: 1 },
      { key: "NEEDS_CLARIFICATION", count: 1 },
      { key: "STOPPED_AT_TRIAGE", count: 1 }
    ])
    expect(report.failures.map((f) => [f.id, f.dead_lettered])).toEqual([["6", true], ["7", false]])
  })

  it("renders the 'répartition par action' table, the success rate and the failures", () => {
    const text = renderReport(report)
    expect(text).toContain("## Répartition par action\n| Action | Nombre | Signification |\n|---|---|---|\n| GO | 3 | ")
    expect(text).toContain("| Taux de succès | 83,3 % |")
    expect(text).toContain("| Brouillons créés | 3 |")
    expect(text).toContain("| 7 | 2026-02-03T00:00:02.000Z | ANALYSIS | 1 | nouvel essai prévu | ZohoUnavailable : CRM \\| 503 |")
    expect(text).not.toContain("DUPLICATE_UBER")
    expect(text.endsWith("\n")).toBe(true)
  })

  it("an empty history renders without a rate and without failures", () => {
    const empty = renderReport(buildReport(given().view(processedProjection), given().view(pendingProjection)))
    expect(empty).toContain("| Taux de succès | – |")
    expect(empty).toContain("Aucun échec.")
  })
})
