import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import fc from "fast-check"
import { healthProjection } from "../../src/pipeline/projections/health.ts"
import { decodeCheckpoint, encodeCheckpoint, foldAll, start, type Checkpointed } from "../../src/pipeline/projections/projection.ts"
import type { DocflowEvent } from "../../src/schemas/events.ts"
import type { StoredEvent } from "../../src/services/store/Store.ts"
import { history } from "./arbitraries.ts"
import { stored, unfiltered } from "./given.ts"
import { healthRun, SESSION_REPLY, type RunOptions } from "./healthFixtures.ts"

const replies = [
  SESSION_REPLY,
  SESSION_REPLY.replace("Indiquez-nous", "Votre statut Evalbox : indiquez-nous"),
  SESSION_REPLY.replace("</b>", ""),
  "<p>Bonjour,</p>"
]

const run: fc.Arbitrary<Omit<RunOptions, "ticketId" | "runId" | "firstSeq">> = fc.record({
  mode: fc.constantFrom("live" as const, "live" as const, "dry-run" as const),
  end: fc.constantFrom("completed" as const, "stopped" as const, "failed" as const, "none" as const),
  stage: fc.constantFrom("COMPLETED", "COMPLETED", "SKIPPED_DRAFT_EXISTS", "DUPLICATE_UBER_OFFER"),
  replyHtml: fc.constantFrom(...replies),
  now: fc.constantFrom("2026-03-02T09:00:00.000Z", "2026-04-12T09:00:00.000Z")
})

/** Each ticket's runs in order, the tickets interleaved as a log interleaves them. */
const healthHistory: fc.Arbitrary<Array<DocflowEvent>> = fc
  .record({
    tickets: fc.array(fc.array(run, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
    others: history
  })
  .map(({ tickets, picks, others }) => {
    const lists = tickets.map((runs, t) => {
      const events: Array<DocflowEvent> = []
      runs.forEach((r, i) => events.push(...healthRun({ ...r, ticketId: `h${t}`, runId: `h${t}-run${i}`, firstSeq: events.length })))
      return events
    })
    lists.push(others)
    const cursors = lists.map(() => 0)
    const out: Array<DocflowEvent> = []
    for (let pick = 0; ; pick++) {
      const open = lists.flatMap((l, i) => ((cursors[i] ?? 0) < l.length ? [i] : []))
      if (open.length === 0) return out
      const chosen = open[(picks[pick % picks.length] ?? 0) % open.length] ?? 0
      const event = lists[chosen]?.[cursors[chosen] ?? 0]
      if (event !== undefined) out.push(event)
      cursors[chosen] = (cursors[chosen] ?? 0) + 1
    }
  })

const p = healthProjection
const onePass = (events: ReadonlyArray<StoredEvent>) => p.encode(foldAll(p, start(p), events).view)

const chunked = (events: ReadonlyArray<StoredEvent>, cuts: ReadonlyArray<number>) => {
  let state: Checkpointed<ReturnType<typeof p.initial>> = start(p)
  let from = 0
  for (const cut of [...cuts, events.length]) {
    state = foldAll(p, state, events.slice(from, Math.max(from, cut)))
    from = Math.max(from, cut)
    const json = JSON.parse(JSON.stringify(encodeCheckpoint(p, state))) as { position: number; state: unknown }
    const restored = decodeCheckpoint(p, json)
    if (Either.isLeft(restored)) throw restored.left
    state = restored.right
  }
  return p.encode(state.view)
}

describe("health projection properties", () => {
  it("the event types it does not read change nothing (its `reads` list is complete)", () => {
    fc.assert(
      fc.property(healthHistory, (events) => {
        const delivered = stored(events)
        expect(onePass(delivered)).toEqual(unfiltered(p).encode(foldAll(unfiltered(p), start(p), delivered).view))
      }),
      { numRuns: 150 }
    )
  })

  it("folding in one pass = folding in chunks through checkpoints", () => {
    fc.assert(
      fc.property(healthHistory, fc.array(fc.nat({ max: 80 }), { maxLength: 5 }), (events, cuts) => {
        const delivered = stored(events)
        expect(chunked(delivered, [...cuts].sort((a, b) => a - b))).toEqual(onePass(delivered))
      }),
      { numRuns: 150 }
    )
  })

  it("redelivering events (a restart re-reading from an older offset) changes nothing", () => {
    fc.assert(
      fc.property(healthHistory, fc.nat(), fc.nat(), (events, a, b) => {
        const delivered = stored(events)
        const to = a % (delivered.length + 1)
        const from = b % (to + 1)
        expect(onePass([...delivered.slice(0, to), ...delivered.slice(from, to), ...delivered.slice(from)])).toEqual(onePass(delivered))
      }),
      { numRuns: 150 }
    )
  })

  it("dry-run runs leave the view as if they never happened", () => {
    fc.assert(
      fc.property(healthHistory, (events) => {
        expect(onePass(stored(events))).toEqual(onePass(stored(events.filter((e) => e.payload.mode === "live"))))
      }),
      { numRuns: 150 }
    )
  })

  it("finds something on some histories (the properties are not about empty views)", () => {
    const sampleViews = fc.sample(healthHistory, { numRuns: 40, seed: 7 }).map((events) => onePass(stored(events)) as { tickets: ReadonlyArray<{ findings: ReadonlyArray<unknown> }> })
    expect(sampleViews.some((v) => v.tickets.some((t) => t.findings.length > 0))).toBe(true)
  })
})
