import { describe, expect, it } from "@effect/vitest"
import { pendingList, pendingProjection } from "../../src/pipeline/projections/pending.ts"
import { enqueuedOnly, ticketRun } from "../fixtures/events/builders.ts"
import type { DocflowEvent } from "../../src/schemas/events.ts"
import { given } from "./given.ts"

const ids = (events: ReadonlyArray<ReadonlyArray<DocflowEvent>>) => pendingList(given(...events).view(pendingProjection)).map((e) => e.id)

describe("pending projection", () => {
  it("lists enqueued tickets newest first, with the seed's fields", () => {
    const g = given([enqueuedOnly("a", 0, "2026-02-01T10:00:00.000Z"), enqueuedOnly("b", 0, "2026-02-02T10:00:00.000Z")])
    g.then(pendingProjection, [
      { id: "b", ticketNumber: null, subject: null, createdTime: "2026-02-02T10:00:00.000Z", enqueuedAt: "2026-02-02T10:00:00.000Z" },
      { id: "a", ticketNumber: null, subject: null, createdTime: "2026-02-01T10:00:00.000Z", enqueuedAt: "2026-02-01T10:00:00.000Z" }
    ])
  })

  it("a finished ticket leaves; a failure to be retried stays; a dead-lettered one leaves", () => {
    const at = "2026-02-03T00:00:00.000Z"
    expect(
      ids([
        ticketRun({ ticketId: "done", runId: "r", firstSeq: 0, at, outcome: { kind: "completed", draftCreated: true } }),
        ticketRun({ ticketId: "routed", runId: "r", firstSeq: 0, at, outcome: { kind: "stopped", stage: "STOPPED_AT_TRIAGE", reason: "x" } }),
        ticketRun({ ticketId: "retry", runId: "r", firstSeq: 0, at, outcome: { kind: "failed", stage: "ANALYSIS", message: "503", willRetry: true } }),
        ticketRun({ ticketId: "dlq", runId: "r", firstSeq: 0, at, outcome: { kind: "dead-lettered", message: "poison", attempts: 3 } })
      ])
    ).toEqual(["retry"])
  })

  it("a redriven ticket comes back; dry-run runs change nothing", () => {
    const at = "2026-02-03T00:00:00.000Z"
    expect(
      ids([
        ticketRun({ ticketId: "dlq", runId: "r", firstSeq: 0, at, outcome: { kind: "dead-lettered", message: "poison", attempts: 3 } }),
        [enqueuedOnly("dlq", 4, "2026-02-04T00:00:00.000Z")],
        [enqueuedOnly("waiting", 0, at)],
        ticketRun({ ticketId: "waiting", runId: "dry", firstSeq: 1, at, mode: "dry-run", enqueue: false, outcome: { kind: "completed", draftCreated: true } }),
        [enqueuedOnly("only-dry", 0, at, "dry-run")]
      ])
    ).toEqual(["dlq", "waiting"])
  })
})
