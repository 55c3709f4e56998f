import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, Schema } from "effect"
import fc from "fast-check"
import { compileGuard } from "../../src/schemas/events/guard.ts"
import { compileInstantiate } from "../../src/schemas/events/instantiate.ts"
import { encodeRecord } from "../../src/services/store/kafka/eventLog.ts"
import { acceptEnvelopedValue, envelopedValueProblem } from "../../src/services/store/kafka/records.ts"
import { ticketRun } from "../fixtures/events/builders.ts"
import {
  ActionFailed,
  ActionRequested,
  ActionSucceeded,
  CaseGathered,
  decodeParsedColumns,
  EventDecodeError,
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

  it("generated constructors make what the class's own constructor makes", () => {
    for (const cls of classes) {
      const struct = Schema.Struct(cls.fields) as unknown as Schema.Schema<Record<string, unknown>>
      const make = compileInstantiate(struct.ast as never, cls.prototype as object)
      expect(make).toBeDefined()
      fc.assert(
        fc.property(Arbitrary.make(struct), (fields) => {
          const made = make?.(fields) as object
          expect(made).toBeInstanceOf(cls)
          expect(made).toStrictEqual(new (cls as unknown as new (p: unknown) => object)(fields))
        }),
        { numRuns: 50 }
      )
    }
  })
})

/** The records of some runs, parsed as the Kafka reader parses them (envelope and payload in one object). */
const parsedRecords = (): ReadonlyArray<Record<string, unknown>> =>
  [
    ...ticketRun({ ticketId: "19870900041", runId: "r1", firstSeq: 0, at: "2026-02-01T09:00:00.000Z", triageAction: "GO", primaryIntent: "REPORT_DATE", outcome: { kind: "completed", draftCreated: true } }),
    ...ticketRun({ ticketId: "19870900042", runId: "r2", firstSeq: 0, at: "2026-02-01T09:00:00.000Z", triageAction: "ROUTE", primaryIntent: null, outcome: { kind: "failed", stage: "ANALYSIS", message: "CRM 503", willRetry: true } })
  ].map((event) => JSON.parse(Either.getOrThrow(encodeRecord(event)).value) as Record<string, unknown>)

/** What the reader does without the fast path: the format-2 envelope check, then the columns' decoder. */
const slowly = (o: Record<string, unknown>) => {
  const problem = envelopedValueProblem(o)
  if (problem !== undefined) return new EventDecodeError({ reason: "MalformedEnvelope", detail: problem })
  return decodeParsedColumns(o["eventId"], o["type"], o["version"], o["ticketId"], o["ticketSeq"], o["runId"], o["occurredAt"], o["payload"])
}

describe("the record fast path (acceptEnvelopedValue)", () => {
  const records = parsedRecords()

  it("gives the full decoder's event for every valid record, the type being the registry's own string", () => {
    for (const o of records) {
      const fast = acceptEnvelopedValue(o)
      expect(fast).toBeDefined()
      expect(fast).toStrictEqual(slowly(o))
      expect(fast?.payload.constructor.name).toBe(o["type"])
    }
  })

  it("never accepts what the full decoder refuses: any field dropped, changed or added, in the envelope or the payload", () => {
    const mutated = fc.constantFrom(...records).chain((o) =>
      fc.oneof(
        fc.constantFrom(...Object.keys(o)).map((k) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k))),
        fc.tuple(fc.constantFrom(...Object.keys(o)), fc.anything()).map(([k, x]) => ({ ...o, [k]: x })),
        fc.tuple(fc.constantFrom(...Object.keys(o["payload"] as object)), fc.anything()).map(([k, x]) => ({ ...o, payload: { ...(o["payload"] as object), [k]: x } })),
        fc.constant({ ...o, extra: 1 }),
        fc.constant({ ...o, payload: { ...(o["payload"] as object), extra: 1 } })
      )
    )
    fc.assert(
      fc.property(mutated, (o) => {
        const fast = acceptEnvelopedValue(o)
        const slow = slowly(o)
        if (slow instanceof EventDecodeError) expect(fast).toBeUndefined()
        else if (fast !== undefined) expect(fast).toStrictEqual(slow)
      }),
      { numRuns: 1000 }
    )
  })
})
