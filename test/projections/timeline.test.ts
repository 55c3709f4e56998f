import { describe, expect, it } from "@effect/vitest"
import { buildTimeline, renderTimeline } from "../../src/pipeline/projections/timeline.ts"
import { ticketRun } from "../fixtures/events/builders.ts"
import { stored } from "./given.ts"

const at = "2026-02-03T00:00:00.000Z"

describe("ticket timeline", () => {
  const events = stored([
    ...ticketRun({ ticketId: "1", runId: "dry", firstSeq: 0, at, mode: "dry-run", outcome: { kind: "completed", draftCreated: true } }),
    ...ticketRun({ ticketId: "2", runId: "r", firstSeq: 0, at, outcome: { kind: "completed", draftCreated: true } }),
    ...ticketRun({ ticketId: "1", runId: "live", firstSeq: 4, at: "2026-02-04T00:00:00.000Z", enqueue: false, primaryIntent: "REPORT_DATE", outcome: { kind: "completed", draftCreated: true } })
  ])

  it("keeps the ticket's own events, in order, each summarised", () => {
    const view = buildTimeline("1", events)
    expect(view.entries.map((e) => [e.ticketSeq, e.mode, e.type])).toEqual([
      [0, "dry-run", "TicketEnqueued"],
      [1, "dry-run", "CaseGathered"],
      [2, "dry-run", "Decided"],
      [3, "dry-run", "TicketCompleted"],
      [4, "live", "CaseGathered"],
      [5, "live", "Decided"],
      [6, "live", "ActionRequested"],
      [7, "live", "ActionSucceeded"],
      [8, "live", "TicketCompleted"]
    ])
    expect(view.entries[5]?.summary).toBe("Décision : GO / REPORT_DATE, étape COMPLETED")
  })

  it("ignores a redelivered event", () => {
    const again = [...events, ...events.slice(3, 6)]
    expect(buildTimeline("1", again)).toEqual(buildTimeline("1", events))
  })

  it("marks dry-run steps in the text", () => {
    const text = renderTimeline(buildTimeline("1", events))
    expect(text.split("\n")[1]).toContain("[essai] Mis en file (producer)")
    expect(text).toContain("Terminé : COMPLETED, brouillon créé  (run live)")
  })
})
