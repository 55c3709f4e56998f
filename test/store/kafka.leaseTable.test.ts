/**
 * Properties of the in-process lease table of the Kafka queue: whatever workers do, a record is
 * held by one lease at most, a stale token does nothing, and the offset that may be committed
 * never passes a record that is not acknowledged.
 */
import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { LeaseTable } from "../../src/services/store/kafka/leaseTable.ts"

type Op =
  | { readonly kind: "claim"; readonly max: number; readonly leaseMs: number }
  | { readonly kind: "ack" | "release" | "renew"; readonly pick: number }
  | { readonly kind: "tick"; readonly ms: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("claim" as const), max: fc.integer({ min: 0, max: 4 }), leaseMs: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constantFrom("ack" as const, "release" as const, "renew" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("tick" as const), ms: fc.integer({ min: 0, max: 60 }) })
)

describe("Kafka lease table", () => {
  it("never lets two live tokens hold one record, and commits only below the first unacknowledged record", () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(op, { maxLength: 80 }), (size, ops) => {
        const table = new LeaseTable()
        table.addBatch(0, Array.from({ length: size }, (_, offset) => ({ offset, ticketId: `t${offset}`, timestamp: offset })))
        let now = 0
        let seq = 0
        const tokens: Array<{ token: string; offset: number }> = []
        const acked = new Set<number>()
        for (const o of ops) {
          if (o.kind === "tick") now += o.ms
          else if (o.kind === "claim") {
            const taken = table.claim(now, o.max, new Set([0]), () => ({ token: `k${++seq}`, expiresAt: now + o.leaseMs }))
            expect(taken.length).toBeLessThanOrEqual(o.max)
            for (const e of taken) tokens.push({ token: e.token ?? "", offset: e.offset })
          } else if (tokens.length > 0) {
            const pick = tokens[o.pick % tokens.length]
            if (pick === undefined) continue
            const wasHeld = table.held(pick.token) !== undefined
            const result =
              o.kind === "ack" ? table.markDone(pick.token) : o.kind === "release" ? table.release(pick.token, now + 5) : table.renew(pick.token, now + 30)
            expect(result !== undefined).toBe(wasHeld)
            if (o.kind === "ack" && result !== undefined) acked.add(pick.offset)
          }
          // At most one held token per record.
          const holders = new Map<number, number>()
          for (const t of tokens) if (table.held(t.token) !== undefined) holders.set(t.offset, (holders.get(t.offset) ?? 0) + 1)
          expect([...holders.values()].every((n) => n === 1)).toBe(true)
          // The committable offset is the first record not acknowledged.
          let firstOpen = 0
          while (firstOpen < size && acked.has(firstOpen)) firstOpen++
          expect(table.firstOpenOffset(0, 0, size)).toBe(firstOpen)
        }
      })
    ))

  it("never leases two records of one ticket at once (a ticket enqueued twice by racing producers)", () =>
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 10 }), (ids, max) => {
        const table = new LeaseTable()
        table.addBatch(0, ids.map((ticketId, offset) => ({ offset, ticketId, timestamp: offset })))
        const taken = table.claim(0, max, new Set([0]), (e) => ({ token: `k${e.offset}`, expiresAt: 100 }))
        const takenIds = taken.map((e) => e.ticketId)
        expect(new Set(takenIds).size).toBe(takenIds.length)
        expect(takenIds.length).toBe(Math.min(max, new Set(ids).size))
        expect(table.claim(0, 10, new Set([0]), (e) => ({ token: `j${e.offset}`, expiresAt: 100 })).filter((e) => takenIds.includes(e.ticketId))).toEqual([])
      })
    ))

  it("keeps the state of known records when a batch is fetched again, and forgets a revoked partition", () => {
    const table = new LeaseTable()
    const batch = [0, 1, 2].map((offset) => ({ offset, ticketId: `t${offset}`, timestamp: offset }))
    table.addBatch(3, batch)
    const [first] = table.claim(0, 1, new Set([3]), () => ({ token: "k1", expiresAt: 100 }))
    expect(first?.ticketId).toBe("t0")
    table.addBatch(3, [...batch, { offset: 3, ticketId: "t3", timestamp: 3 }])
    expect(table.held("k1")?.offset).toBe(0)
    expect(table.count("ready")).toBe(3)
    table.dropPartition(3)
    expect(table.held("k1")).toBeUndefined()
    expect(table.claim(0, 10, new Set([3]), () => ({ token: "k2", expiresAt: 100 }))).toEqual([])
  })
})
