/**
 * The event mix of the benchmarks: one plausible run per ticket — most answered, some routed,
 * a few failing and retried or dry-run. Deterministic: ticket i always yields the same events.
 * (The same mix as bench/replay.bench.ts, so that SQLite and Kafka figures compare.)
 */
import type { DocflowEvent } from "../../src/schemas/events.ts"
import { ticketRun, type RunSpec } from "../../test/fixtures/events/builders.ts"

export const runFor = (i: number): Array<DocflowEvent> => {
  const ticketId = `1987090004${String(i).padStart(8, "0")}`
  const at = new Date(Date.parse("2026-01-01T00:00:00.000Z") + i * 7_000).toISOString()
  const base: Omit<RunSpec, "outcome"> = { ticketId, runId: `batch-${Math.floor(i / 500)}`, firstSeq: 0, at, primaryIntent: "DEMANDE_DATE_EXAMEN" }
  switch (i % 20) {
    case 0:
    case 1:
    case 2:
    case 3:
      return ticketRun({ ...base, triageAction: "ROUTE", primaryIntent: null, outcome: { kind: "stopped", stage: "STOPPED_AT_TRIAGE", reason: "Contact" } })
    case 4:
      return ticketRun({ ...base, triageAction: "NEEDS_CLARIFICATION", outcome: { kind: "completed", stage: "NEEDS_CLARIFICATION", draftCreated: true } })
    case 5:
      return ticketRun({ ...base, decided: false, outcome: { kind: "failed", stage: "ANALYSIS", message: "CRM 503", willRetry: true } })
    case 6:
      return ticketRun({ ...base, mode: "dry-run", outcome: { kind: "completed", draftCreated: true } })
    default:
      return ticketRun({ ...base, outcome: { kind: "completed", draftCreated: i % 20 !== 7 } })
  }
}

/** The first `count` events of the mix, in ticket order, in slices of at most `sliceSize`. */
export function* eventSlices(count: number, sliceSize: number): Generator<Array<DocflowEvent>> {
  let slice: Array<DocflowEvent> = []
  let produced = 0
  for (let i = 0; produced < count; i++) {
    for (const event of runFor(i)) {
      if (produced === count) break
      slice.push(event)
      produced++
      if (slice.length === sliceSize) {
        yield slice
        slice = []
      }
    }
  }
  if (slice.length > 0) yield slice
}
