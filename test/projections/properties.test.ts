import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import fc from "fast-check"
import { pendingProjection } from "../../src/pipeline/projections/pending.ts"
import { processedProjection } from "../../src/pipeline/projections/processed.ts"
import {
  decodeCheckpoint,
  encodeCheckpoint,
  foldAll,
  start,
  type Checkpointed,
  type Projection
} from "../../src/pipeline/projections/projection.ts"
import type { StoredEvent } from "../../src/services/store/Store.ts"
import { history } from "./arbitraries.ts"
import { stored, unfiltered } from "./given.ts"

const onePass = <V>(p: Projection<V>, events: ReadonlyArray<StoredEvent>) => p.encode(foldAll(p, start(p), events).view)

/** Folds chunk by chunk; between chunks the state goes through its checkpoint as JSON. */
const chunked = <V>(p: Projection<V>, events: ReadonlyArray<StoredEvent>, cuts: ReadonlyArray<number>) => {
  let state: Checkpointed<V> = start(p)
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

const projections = [pendingProjection, processedProjection] as ReadonlyArray<Projection<unknown>>

describe("projection properties", () => {
  for (const p of projections) {
    it(`${p.name}: the event types it does not read change nothing (its \`reads\` list is complete)`, () => {
      expect(p.reads).toBeDefined()
      fc.assert(
        fc.property(history, (events) => {
          const delivered = stored(events)
          expect(onePass(p, delivered)).toEqual(onePass(unfiltered(p), delivered))
        }),
        { numRuns: 200 }
      )
    })
  }

  for (const p of projections) {
    it(`${p.name}: folding in one pass = folding in chunks through checkpoints`, () => {
      fc.assert(
        fc.property(history, fc.array(fc.nat({ max: 60 }), { maxLength: 5 }), (events, cuts) => {
          const delivered = stored(events)
          const sortedCuts = [...cuts].sort((a, b) => a - b)
          expect(chunked(p, delivered, sortedCuts)).toEqual(onePass(p, delivered))
        }),
        { numRuns: 200 }
      )
    })

    it(`${p.name}: redelivering events (a restart re-reading from an older offset) changes nothing`, () => {
      fc.assert(
        fc.property(history, fc.nat(), fc.nat(), (events, a, b) => {
          const delivered = stored(events)
          const to = a % (delivered.length + 1)
          const from = b % (to + 1)
          const withRedelivery = [...delivered.slice(0, to), ...delivered.slice(from, to), ...delivered.slice(from)]
          expect(onePass(p, withRedelivery)).toEqual(onePass(p, delivered))
        }),
        { numRuns: 200 }
      )
    })

    it(`${p.name}: dry-run runs leave the view as if they never happened`, () => {
      fc.assert(
        fc.property(history, (events) => {
          const live = events.filter((e) => e.payload.mode === "live")
          // Positions differ but views do not depend on positions.
          expect(onePass(p, stored(events))).toEqual(onePass(p, stored(live)))
        }),
        { numRuns: 200 }
      )
    })
  }
})
