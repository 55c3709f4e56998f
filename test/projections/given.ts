/**
 * Given/When/Then for projections: `given(events).then(projection, expected)` folds the events
 * (positions 1, 2, …) and compares the projection's encoded view with what is expected.
 */
import { expect } from "@effect/vitest"
import type { DocflowEvent } from "../../src/schemas/events.ts"
import { foldAll, start, type Projection } from "../../src/pipeline/projections/projection.ts"
import type { StoredEvent } from "../../src/services/store/Store.ts"

export const stored = (events: ReadonlyArray<DocflowEvent>): Array<StoredEvent> =>
  events.map((event, i) => ({ position: i + 1, event }))

/** The same projection without its `reads` filter: `apply` sees every event (to check the filter drops nothing that counts). */
export const unfiltered = <V>(p: Projection<V>): Projection<V> => ({ name: p.name, initial: p.initial, apply: p.apply, encode: p.encode, decode: p.decode })

export const given = (...histories: ReadonlyArray<ReadonlyArray<DocflowEvent>>) => {
  const delivered = stored(histories.flat())
  const view = <V>(projection: Projection<V>): V => foldAll(projection, start(projection), delivered).view
  return {
    delivered,
    view,
    then: <V>(projection: Projection<V>, expected: unknown): void => {
      expect(projection.encode(view(projection))).toEqual(expected)
    }
  }
}
