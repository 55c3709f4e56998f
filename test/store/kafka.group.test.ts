/**
 * The consumer-group behaviour of the Kafka ticket queue, on the real broker: members of one group
 * share the partitions (a ticket never goes to two members at once), a member that leaves without
 * acknowledging hands its tickets to the other, and offsets are committed only on ack — after the
 * ticket's events are appended.
 */
import { describe, expect, it } from "@effect/vitest"
import { Context, Effect, Exit, Layer, Scope } from "effect"
import { KafkaStore } from "../../src/services/store/kafka/layer.ts"
import { layerKafkaStore } from "../../src/services/store/kafka/layer.ts"
import type { KafkaLease } from "../../src/services/store/kafka/ticketQueue.ts"
import { EventLog, type ConsumerIdentity } from "../../src/services/store/Store.ts"
import { ticketRun } from "../fixtures/events/builders.ts"
import { deleteTopics, testStoreOptions, uniquePrefix } from "../support/kafka.ts"

const PARTITIONS = 4
const who = (consumerId: string): ConsumerIdentity => ({ consumerId, host: "test-host", pid: process.pid })
const ticketIds = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}-${String(i).padStart(3, "0")}`)

/** One group member with its own scope, so a test can close (kill) it on its own. */
const member = (topicPrefix: string, groupId: string) =>
  Effect.gen(function* () {
    const scope = yield* Scope.make()
    const context = yield* Layer.buildWithScope(
      layerKafkaStore(testStoreOptions({ topicPrefix, groupId, partitions: PARTITIONS, pollWaitMs: 200 })),
      scope
    )
    const store = Context.get(context, KafkaStore)
    return { store, eventLog: Context.get(context, EventLog), close: Scope.close(scope, Exit.void) }
  })

type Member = Effect.Effect.Success<ReturnType<typeof member>>

/** Until both members own a share of the partitions and together all of them (the rebalance is over). */
const settled = (a: Member, b: Member) =>
  Effect.gen(function* () {
    for (let i = 0; i < 200; i++) {
      const [pa, pb] = [yield* a.store.queue.assignment, yield* b.store.queue.assignment]
      const union = new Set([...pa, ...pb])
      if (pa.length > 0 && pb.length > 0 && union.size === PARTITIONS && pa.length + pb.length === PARTITIONS) return [pa, pb] as const
      // A claim keeps the member fetching and heartbeating through the rebalance.
      yield* a.store.queue.claim(who("probe-a"), { max: 0, leaseFor: "1 minute" })
      yield* b.store.queue.claim(who("probe-b"), { max: 0, leaseFor: "1 minute" })
    }
    return yield* Effect.die("the group did not settle")
  })

const withTopics = <A, E, R>(body: (prefix: string, groupId: string) => Effect.Effect<A, E, R>) => {
  const prefix = uniquePrefix("group")
  return Effect.ensuring(
    body(prefix, `${prefix}consumers`),
    Effect.promise(() => deleteTopics(prefix))
  )
}

describe("Kafka ticket queue: one consumer group", () => {
  it.live(
    "two members share the tickets of a multi-partition topic; no ticket is held by both at once",
    () =>
      withTopics((prefix, groupId) =>
        Effect.gen(function* () {
          const a = yield* member(prefix, groupId)
          const b = yield* member(prefix, groupId)
          yield* Effect.all([a.store.queue.joinGroup, b.store.queue.joinGroup], { concurrency: 2 })
          const [pa, pb] = yield* settled(a, b)
          expect(pa.filter((p) => pb.includes(p))).toEqual([])

          const tickets = ticketIds(40, "share")
          expect((yield* a.store.queue.enqueue(tickets.map((ticketId) => ({ ticketId })))).enqueued).toEqual(tickets)

          const held = { a: new Set<string>(), b: new Set<string>() }
          const processedBy = new Map<string, Array<string>>()
          const work = (name: "a" | "b", m: Member) =>
            Effect.gen(function* () {
              const other = name === "a" ? held.b : held.a
              for (let round = 0; round < 200 && processedBy.size < tickets.length; round++) {
                const leases = yield* m.store.queue.claim(who(name), { max: 3, leaseFor: "1 minute" })
                for (const lease of leases) {
                  expect(other.has(lease.ticketId)).toBe(false)
                  held[name].add(lease.ticketId)
                }
                yield* Effect.sleep("20 millis")
                for (const lease of leases) {
                  processedBy.set(lease.ticketId, [...(processedBy.get(lease.ticketId) ?? []), name])
                  held[name].delete(lease.ticketId)
                  yield* m.store.queue.ack(lease)
                }
              }
            })
          yield* Effect.all([work("a", a), work("b", b)], { concurrency: 2 })

          expect([...processedBy.keys()].sort()).toEqual(tickets)
          expect([...processedBy.values()].every((by) => by.length === 1)).toBe(true)
          const byA = [...processedBy.values()].filter((by) => by[0] === "a").length
          expect(byA).toBeGreaterThan(0)
          expect(byA).toBeLessThan(tickets.length)
          expect(yield* a.store.queue.ackedPosition).toBe(tickets.length)
          yield* Effect.all([a.close, b.close], { concurrency: 2 })
        })
      ),
    90_000
  )

  it.live(
    "a member that leaves without acknowledging: its tickets are delivered to the other member",
    () =>
      withTopics((prefix, groupId) =>
        Effect.gen(function* () {
          const a = yield* member(prefix, groupId)
          const b = yield* member(prefix, groupId)
          yield* Effect.all([a.store.queue.joinGroup, b.store.queue.joinGroup], { concurrency: 2 })
          yield* settled(a, b)
          const tickets = ticketIds(24, "die")
          yield* a.store.queue.enqueue(tickets.map((ticketId) => ({ ticketId })))

          // Both claim what they own; b acknowledges its share, a dies holding its own.
          const claimAll = (m: Member, name: string) =>
            Effect.gen(function* () {
              const leases: Array<KafkaLease> = []
              for (let i = 0; i < 20; i++) leases.push(...((yield* m.store.queue.claim(who(name), { max: 100, leaseFor: "1 minute" })) as ReadonlyArray<KafkaLease>))
              return leases
            })
          const [heldByA, heldByB] = yield* Effect.all([claimAll(a, "a"), claimAll(b, "b")], { concurrency: 2 })
          expect(heldByA.length).toBeGreaterThan(0)
          expect(heldByA.length + heldByB.length).toBe(tickets.length)
          for (const lease of heldByB) yield* b.store.queue.ack(lease)
          yield* a.close

          const redelivered: Array<KafkaLease> = []
          for (let i = 0; i < 100 && redelivered.length < heldByA.length; i++) {
            const leases = (yield* b.store.queue.claim(who("b"), { max: 100, leaseFor: "1 minute" })) as ReadonlyArray<KafkaLease>
            redelivered.push(...leases)
            for (const lease of leases) yield* b.store.queue.ack(lease)
          }
          expect(redelivered.map((l) => l.ticketId).sort()).toEqual(heldByA.map((l) => l.ticketId).sort())
          expect(yield* b.store.queue.assignment).toEqual([0, 1, 2, 3])
          expect(yield* b.store.queue.ackedPosition).toBe(tickets.length)
          expect(yield* b.store.queue.counts).toEqual({ ready: 0, leased: 0, done: tickets.length })
          yield* b.close
        })
      ),
    90_000
  )

  it.live(
    "the offset is committed on ack, after the ticket's events are appended, not before",
    () =>
      withTopics((prefix, groupId) =>
        Effect.gen(function* () {
          const a = yield* member(prefix, groupId)
          const { queue } = a.store
          yield* queue.enqueue([{ ticketId: "commit-1" }])
          const [lease] = yield* queue.claim(who("a"), { max: 1, leaseFor: "1 minute" })
          if (lease === undefined) return yield* Effect.die("expected a lease")
          // Long work: heartbeats go on, nothing is committed.
          yield* Effect.sleep("1500 millis")
          expect(yield* queue.committed).toEqual([0, 0, 0, 0])
          const events = ticketRun({
            ticketId: lease.ticketId,
            runId: "run-commit",
            firstSeq: 0,
            at: "2026-02-03T00:10:00.000Z",
            primaryIntent: "DEMANDE_DATE_EXAMEN",
            outcome: { kind: "completed", draftCreated: true }
          })
          yield* a.eventLog.append(events)
          expect(yield* queue.ackedPosition).toBe(0)
          yield* queue.ack(lease)
          expect(yield* queue.ackedPosition).toBe(1)
          expect((yield* a.eventLog.readTicket(lease.ticketId)).map((s) => s.event)).toEqual(events)
          yield* a.close
        })
      ),
    60_000
  )
})
