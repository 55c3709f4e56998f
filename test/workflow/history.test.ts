import { describe, expect, it } from "@effect/vitest"
import { foldHistory, isDue, newestInboundOf } from "../../src/pipeline/workflow/history.ts"
import { makeEvent, type DocflowEvent, type EventType, type PayloadOf } from "../../src/schemas/events.ts"
import { ActionRequested, ActionSucceeded, CaseGathered, TicketCompleted } from "../../src/schemas/events.ts"
import type { StoredEvent } from "../../src/services/store/Store.ts"

/** Given/When/Then over a ticket's events: given these, the history says that. */
const given = (...events: ReadonlyArray<readonly [string, DocflowEvent["type"], unknown]>): ReadonlyArray<StoredEvent> =>
  events.map(([runId, type, payload], i) => ({
    position: i + 1,
    event: makeEvent(type as EventType, { eventId: `e${i}`, ticketId: "100", ticketSeq: i, runId, occurredAt: "2026-03-10T09:00:00.000Z" }, payload as PayloadOf<EventType>)
  }))

const caseWith = (threads: ReadonlyArray<{ id: string; direction: "in" | "out"; createdTime: string }>) =>
  new CaseGathered({ mode: "live", caseFile: { threads } })
const draftRequest = (key: string) =>
  new ActionRequested({ mode: "live", idempotencyKey: key, kind: "CreateDraft", target: "100", action: { _tag: "CreateDraft", payload: { content: "<p>x</p>" } } })

describe("ticket history", () => {
  it("the newest inbound thread is the latest incoming one, whatever the order", () => {
    expect(newestInboundOf({ threads: [
      { id: "b", direction: "in", createdTime: "2026-03-02T00:00:00Z" },
      { id: "c", direction: "out", createdTime: "2026-03-03T00:00:00Z" },
      { id: "a", direction: "in", createdTime: "2026-03-01T00:00:00Z" }
    ] })).toBe("b")
    expect(newestInboundOf({ threads: [] })).toBeNull()
  })

  it("a finished run answers its inbound thread; a newer one makes the ticket due again", () => {
    const history = foldHistory(given(
      ["r1", "CaseGathered", caseWith([{ id: "t1", direction: "in", createdTime: "2026-03-01T00:00:00Z" }])],
      ["r1", "ActionRequested", draftRequest("k1")],
      ["r1", "ActionSucceeded", new ActionSucceeded({ mode: "live", idempotencyKey: "k1", kind: "CreateDraft", reconciled: false, outcome: {} })],
      ["r1", "TicketCompleted", new TicketCompleted({ mode: "live", stage: "COMPLETED", draftCreated: true, crmUpdated: false })]
    ))
    expect(history.answeredInbound).toBe("t1")
    expect(history.nextSeq).toBe(4)
    expect(history.unconfirmed).toEqual([])
    expect(isDue(history, "t1")).toBe(false)
    expect(isDue(history, "t2")).toBe(true)
  })

  it("a request without a recorded success stays unconfirmed; dry-run events count for nothing", () => {
    const history = foldHistory(given(
      ["r1", "CaseGathered", caseWith([{ id: "t1", direction: "in", createdTime: "2026-03-01T00:00:00Z" }])],
      ["r1", "ActionRequested", draftRequest("k1")],
      ["r2", "TicketCompleted", new TicketCompleted({ mode: "dry-run", stage: "COMPLETED", draftCreated: false, crmUpdated: false })]
    ))
    expect(history.unconfirmed.map((u) => u.key)).toEqual(["k1"])
    expect(history.answeredInbound).toBeUndefined()
    expect(isDue(history, "t1")).toBe(true)
    expect(history.draftHashes.size).toBe(1)
  })
})
