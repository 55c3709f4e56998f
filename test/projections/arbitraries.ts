/** Random but well-formed histories: several tickets, several runs each, interleaved. */
import fc from "fast-check"
import type { DocflowEvent } from "../../src/schemas/events.ts"
import { ticketRun, type RunOutcome } from "../fixtures/events/builders.ts"

const outcome: fc.Arbitrary<RunOutcome> = fc.oneof(
  fc.record({ kind: fc.constant("completed" as const), draftCreated: fc.boolean() }),
  fc.record({
    kind: fc.constant("stopped" as const),
    stage: fc.constantFrom("STOPPED_AT_TRIAGE", "STOPPED_NO_DEAL", "SKIPPED_DRAFT_EXISTS"),
    reason: fc.constantFrom("route", "no deal", "draft")
  }),
  fc.record({
    kind: fc.constant("failed" as const),
    stage: fc.constantFrom("ANALYSIS", "TRIAGE"),
    message: fc.constantFrom("CRM 503", "timeout"),
    willRetry: fc.boolean()
  }),
  fc.record({ kind: fc.constant("dead-lettered" as const), message: fc.constant("poison"), attempts: fc.integer({ min: 1, max: 5 }) })
)

const run = fc.record({
  mode: fc.constantFrom("live" as const, "live" as const, "dry-run" as const),
  triageAction: fc.constantFrom("GO", "ROUTE", "NEEDS_CLARIFICATION", "DUPLICATE_UBER"),
  primaryIntent: fc.option(fc.constantFrom("REPORT_DATE", "DEMANDE_DATE_EXAMEN"), { nil: null }),
  decided: fc.boolean(),
  outcome
})

/** Interleaves per-ticket event lists, keeping each ticket's own order (as a log does). */
const interleave = (lists: ReadonlyArray<ReadonlyArray<DocflowEvent>>, picks: ReadonlyArray<number>): Array<DocflowEvent> => {
  const cursors = lists.map(() => 0)
  const out: Array<DocflowEvent> = []
  let pick = 0
  for (;;) {
    const open = lists.map((l, i) => (cursors[i] ?? 0) < l.length ? i : -1).filter((i) => i >= 0)
    if (open.length === 0) return out
    const chosen = open[(picks[pick++ % Math.max(1, picks.length)] ?? 0) % open.length] ?? 0
    const list = lists[chosen] ?? []
    const event = list[cursors[chosen] ?? 0]
    if (event !== undefined) out.push(event)
    cursors[chosen] = (cursors[chosen] ?? 0) + 1
  }
}

export const history: fc.Arbitrary<Array<DocflowEvent>> = fc
  .record({
    tickets: fc.array(fc.array(run, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 50 })
  })
  .map(({ tickets, picks }) => {
    const lists = tickets.map((runs, t) => {
      const events: Array<DocflowEvent> = []
      runs.forEach((r, i) => {
        events.push(
          ...ticketRun({
            ticketId: `19870900044${t}`,
            runId: `t${t}-run${i}`,
            firstSeq: events.length,
            at: `2026-02-0${1 + (i % 9)}T0${t % 10}:00:00.000Z`,
            ...r
          })
        )
      })
      return events
    })
    return interleave(lists, picks)
  })
