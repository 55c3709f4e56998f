import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import fc from "fast-check"
import { encodeTicketRecord, readTicketRecord } from "../../src/services/store/kafka/records.ts"

describe("Kafka tickets records", () => {
  it("a record written by the queue reads back to its ticket id (property)", () =>
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (ticketId) => {
        const value = encodeTicketRecord({ ticketId, enqueuedAt: "2026-02-03T00:00:00.000Z" })
        expect(readTicketRecord(ticketId, value)).toEqual(Either.right(ticketId))
        expect(readTicketRecord(null, value)).toEqual(Either.right(ticketId))
      })
    ))

  it("a record that is not a ticket says what is wrong, with the path and the value", () => {
    const missing = readTicketRecord(null, '{"ticket":42}')
    expect(Either.isLeft(missing) && missing.left).toContain('["ticketId"]')
    const empty = readTicketRecord(null, '{"ticketId":"","enqueuedAt":"x"}')
    expect(Either.isLeft(empty) && empty.left).toContain('""')
    expect(Either.isLeft(readTicketRecord(null, "{not json"))).toBe(true)
    expect(readTicketRecord("other", '{"ticketId":"a","enqueuedAt":"x"}')).toEqual(Either.left('key "other" does not match ticketId "a"'))
  })
})
