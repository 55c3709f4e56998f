import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Schema } from "effect"
import fc from "fast-check"
import { compileGuard } from "../../src/schemas/events/guard.ts"
import {
  ActionFailed,
  ActionRequested,
  ActionSucceeded,
  CaseGathered,
  Decided,
  looksLikeEnvelope,
  EventEnvelope,
  TicketCompleted,
  TicketDeadLettered,
  TicketEnqueued,
  TicketFailed,
  TicketStopped
} from "../../src/schemas/events.ts"

const classes = [TicketEnqueued, CaseGathered, Decided, ActionRequested, ActionSucceeded, ActionFailed, TicketCompleted, TicketStopped, TicketFailed, TicketDeadLettered]

/** Valid values, then the same with one field dropped, changed or added. */
const candidates = <A extends Record<string, unknown>>(valid: fc.Arbitrary<A>): fc.Arbitrary<unknown> =>
  fc.oneof(
    valid,
    valid.chain((v) => fc.constantFrom(...Object.keys(v)).map((k) => Object.fromEntries(Object.entries(v).filter(([key]) => key !== k)))),
    valid.chain((v) => fc.tuple(fc.constantFrom(...Object.keys(v)), fc.anything()).map(([k, x]) => ({ ...v, [k]: x }))),
    valid.map((v) => ({ ...v, extra: 1 })),
    fc.anything()
  )

describe("compiled payload guards", () => {
  for (const cls of classes) {
    const struct = Schema.Struct(cls.fields) as unknown as Schema.Schema<Record<string, unknown>>
    const guard = compileGuard(struct.ast)
    const exact = Schema.is(struct, { onExcessProperty: "error" })

    it(`${cls.identifier}: compiles, and agrees with Schema.is (exact) on valid and broken values`, () => {
      expect(guard).toBeDefined()
      fc.assert(
        fc.property(candidates(Arbitrary.make(struct)), (u) => {
          expect(guard?.(u)).toBe(exact(u))
        }),
        { numRuns: 300 }
      )
    })
  }

  it("the hand-written envelope check never accepts what the envelope schema refuses", () => {
    const exact = Schema.is(EventEnvelope, { onExcessProperty: "error" })
    fc.assert(
      fc.property(candidates(Arbitrary.make(EventEnvelope) as fc.Arbitrary<Record<string, unknown>>), (u) => {
        if (looksLikeEnvelope(u)) expect(exact(u)).toBe(true)
      }),
      { numRuns: 500 }
    )
  })

  it("falls back (undefined) on node kinds it does not compile", () => {
    expect(compileGuard(Schema.Array(Schema.String).ast)).toBeUndefined()
    expect(compileGuard(Schema.Struct({ a: Schema.optional(Schema.String) }).ast)).toBeUndefined()
  })
})
