/**
 * The contract every store adapter passes (SQLite now, Kafka next): call `storeContract` with a
 * name and a factory of fresh, empty store layers.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Either, Fiber, Layer, Option, Stream, TestClock } from "effect"
import { CaseGathered, makeEvent, type DocflowEvent } from "../../src/schemas/events.ts"
import { Checkpoints, consume, EventLog, TicketQueue, type ConsumerIdentity } from "../../src/services/store/Store.ts"
import { ticketRun } from "../fixtures/events/builders.ts"

export type StoreLayer = Layer.Layer<EventLog | TicketQueue | Checkpoints, unknown>

const consumer = (consumerId: string): ConsumerIdentity => ({ consumerId, host: "test-host", pid: process.pid })

const history = (tickets: number, firstSeq = 0): Array<DocflowEvent> =>
  Array.from({ length: tickets }, (_, i) =>
    ticketRun({
      ticketId: `1987090004497${String(i).padStart(5, "0")}`,
      runId: "run-1",
      firstSeq,
      at: `2026-02-03T00:${String(10 + i).padStart(2, "0")}:00.000Z`,
      primaryIntent: "DEMANDE_DATE_EXAMEN",
      outcome: { kind: "completed", draftCreated: true }
    })
  ).flat()

const readAll = (after: number, batchSize?: number) =>
  Effect.flatMap(EventLog, (log) =>
    Stream.runCollect(log.readFrom(after, batchSize === undefined ? {} : { batchSize })).pipe(Effect.map(Chunk.toReadonlyArray))
  )

export const storeContract = (name: string, makeLayer: () => StoreLayer): void => {
  const run = <A, E>(effect: Effect.Effect<A, E, EventLog | TicketQueue | Checkpoints>) =>
    Effect.provide(effect, makeLayer())

  describe(`${name}: EventLog`, () => {
    it.effect("an empty log has head 0 and reads nothing", () =>
      run(
        Effect.gen(function* () {
          const log = yield* EventLog
          expect(yield* log.head).toBe(0)
          expect(yield* readAll(0)).toEqual([])
        })
      )
    )

    it.effect("appends a batch in order and reads it back with growing positions", () =>
      run(
        Effect.gen(function* () {
          const log = yield* EventLog
          const events = history(3)
          const result = yield* log.append(events)
          expect(result.last - result.first).toBe(events.length - 1)
          const read = yield* readAll(0)
          expect(read.map((s) => s.event)).toEqual(events)
          expect(read.map((s) => s.position)).toEqual(events.map((_, i) => result.first + i))
          expect(yield* log.head).toBe(result.last)
        })
      )
    )

    it.effect("reads from a position: only what comes after it, across pages", () =>
      run(
        Effect.gen(function* () {
          const log = yield* EventLog
          const events = history(4)
          const { first } = yield* log.append(events)
          const after = first + 4
          const read = yield* readAll(after, 3)
          expect(read.map((s) => s.event)).toEqual(events.slice(5))
          expect(read.every((s) => s.position > after)).toBe(true)
        })
      )
    )

    it.effect("successive appends keep one total order", () =>
      run(
        Effect.gen(function* () {
          const log = yield* EventLog
          const a = history(1)
          const b = history(1, a.length).map((e) => ({ ...e, eventId: `${e.eventId}.b` }) as DocflowEvent)
          const ra = yield* log.append(a)
          const rb = yield* log.append(b)
          expect(rb.first).toBeGreaterThan(ra.last)
          expect((yield* readAll(ra.last)).map((s) => s.event)).toEqual(b)
        })
      )
    )

    it.effect("reads one ticket's events in sequence order", () =>
      run(
        Effect.gen(function* () {
          const log = yield* EventLog
          const events = history(3)
          yield* log.append(events)
          const ticketId = events[7]?.ticketId ?? ""
          const read = yield* log.readTicket(ticketId)
          expect(read.map((s) => s.event)).toEqual(events.filter((e) => e.ticketId === ticketId))
          expect(read.map((s) => s.event.ticketSeq)).toEqual([0, 1, 2, 3, 4, 5])
          expect(yield* log.readTicket("unknown-ticket")).toEqual([])
        })
      )
    )

    it.effect("a batch with one invalid event is refused whole: nothing is appended", () =>
      run(
        Effect.gen(function* () {
          const log = yield* EventLog
          const good = history(1)
          const leaking = makeEvent(
            "CaseGathered",
            { eventId: "leak.9", ticketId: "leak", ticketSeq: 9, runId: "run-1", occurredAt: "2026-02-03T00:00:00.000Z" },
            // built without validation on purpose: the store must still refuse to write it
            new CaseGathered({ mode: "live", caseFile: { deals: [{ MDP_EVALBOX: "hunter2" }] } }, true)
          )
          const result = yield* Effect.either(log.append([...good, leaking]))
          expect(Either.isLeft(result)).toBe(true)
          expect(yield* log.head).toBe(0)
          expect(JSON.stringify(Either.isLeft(result) ? result.left.message : "")).not.toContain("hunter2")
        })
      )
    )
  })

  describe(`${name}: TicketQueue`, () => {
    it.effect("de-duplicates tickets that are already waiting", () =>
      run(
        Effect.gen(function* () {
          const queue = yield* TicketQueue
          const first = yield* queue.enqueue([{ ticketId: "a" }, { ticketId: "b" }, { ticketId: "a" }])
          expect(first).toEqual({ enqueued: ["a", "b"], duplicates: ["a"] })
          expect(yield* queue.enqueue([{ ticketId: "b" }, { ticketId: "c" }])).toEqual({ enqueued: ["c"], duplicates: ["b"] })
          expect(yield* queue.counts).toEqual({ ready: 3, leased: 0, done: 0 })
        })
      )
    )

    it.effect("hands out the oldest tickets first and never the same ticket twice at once", () =>
      run(
        Effect.gen(function* () {
          const queue = yield* TicketQueue
          yield* queue.enqueue([{ ticketId: "a" }, { ticketId: "b" }, { ticketId: "c" }])
          const one = yield* queue.claim(consumer("one"), { max: 1, leaseFor: "30 seconds" })
          const two = yield* queue.claim(consumer("two"), { max: 10, leaseFor: "30 seconds" })
          expect(one.map((l) => l.ticketId)).toEqual(["a"])
          expect(two.map((l) => l.ticketId)).toEqual(["b", "c"])
          expect(yield* queue.claim(consumer("three"), { max: 10, leaseFor: "30 seconds" })).toEqual([])
          // A leased ticket cannot be enqueued a second time either.
          expect((yield* queue.enqueue([{ ticketId: "a" }])).duplicates).toEqual(["a"])
        })
      )
    )

    it.effect("ack advances the acknowledged position, in order, and frees the ticket id", () =>
      run(
        Effect.gen(function* () {
          const queue = yield* TicketQueue
          yield* queue.enqueue([{ ticketId: "a" }, { ticketId: "b" }])
          const [a, b] = yield* queue.claim(consumer("one"), { max: 2, leaseFor: "30 seconds" })
          if (a === undefined || b === undefined) return yield* Effect.die("expected two leases")
          expect(yield* queue.ackedPosition).toBe(0)
          yield* queue.ack(b)
          expect(yield* queue.ackedPosition).toBe(a.position - 1)
          yield* queue.ack(a)
          expect(yield* queue.ackedPosition).toBe(b.position)
          expect(yield* queue.counts).toEqual({ ready: 0, leased: 0, done: 2 })
          expect((yield* queue.enqueue([{ ticketId: "a" }])).enqueued).toEqual(["a"])
        })
      )
    )

    it.effect("an expired lease goes to another consumer, and the old holder can no longer ack", () =>
      run(
        Effect.gen(function* () {
          const queue = yield* TicketQueue
          yield* queue.enqueue([{ ticketId: "a" }])
          const [stale] = yield* queue.claim(consumer("crashed"), { max: 1, leaseFor: "30 seconds" })
          expect(yield* queue.claim(consumer("other"), { max: 1, leaseFor: "30 seconds" })).toEqual([])
          yield* TestClock.adjust("31 seconds")
          const [fresh] = yield* queue.claim(consumer("other"), { max: 1, leaseFor: "30 seconds" })
          expect(fresh?.ticketId).toBe("a")
          expect(fresh?.attempt).toBe(2)
          if (stale === undefined || fresh === undefined) return yield* Effect.die("expected leases")
          const late = yield* Effect.flip(queue.ack(stale))
          expect(late._tag).toBe("LeaseLost")
          yield* queue.ack(fresh)
        })
      )
    )

    it.effect("renew keeps the lease past its first expiry", () =>
      run(
        Effect.gen(function* () {
          const queue = yield* TicketQueue
          yield* queue.enqueue([{ ticketId: "a" }])
          const [lease] = yield* queue.claim(consumer("one"), { max: 1, leaseFor: "30 seconds" })
          if (lease === undefined) return yield* Effect.die("expected a lease")
          yield* TestClock.adjust("20 seconds")
          const renewed = yield* queue.renew(lease, "30 seconds")
          yield* TestClock.adjust("20 seconds")
          expect(yield* queue.claim(consumer("two"), { max: 1, leaseFor: "30 seconds" })).toEqual([])
          yield* queue.ack(renewed)
        })
      )
    )

    it.effect("release gives the ticket back, not before the retry delay", () =>
      run(
        Effect.gen(function* () {
          const queue = yield* TicketQueue
          yield* queue.enqueue([{ ticketId: "a" }])
          const [lease] = yield* queue.claim(consumer("one"), { max: 1, leaseFor: "30 seconds" })
          if (lease === undefined) return yield* Effect.die("expected a lease")
          yield* queue.release(lease, "10 seconds")
          expect(yield* queue.claim(consumer("one"), { max: 1, leaseFor: "30 seconds" })).toEqual([])
          yield* TestClock.adjust("10 seconds")
          const [again] = yield* queue.claim(consumer("one"), { max: 1, leaseFor: "30 seconds" })
          expect(again?.attempt).toBe(2)
          expect((yield* Effect.flip(queue.release(lease)))._tag).toBe("LeaseLost")
        })
      )
    )
  })

  describe(`${name}: consume`, () => {
    it.effect("streams leases in queue order and waits for new tickets when the queue is empty", () =>
      run(
        Effect.gen(function* () {
          const queue = yield* TicketQueue
          yield* queue.enqueue([{ ticketId: "a" }, { ticketId: "b" }])
          const fiber = yield* Effect.fork(
            Stream.runCollect(consume(consumer("one"), { max: 1, leaseFor: "30 seconds", pollEvery: "1 second" }).pipe(Stream.take(3)))
          )
          yield* TestClock.adjust("1 second")
          yield* queue.enqueue([{ ticketId: "c" }])
          yield* TestClock.adjust("1 second")
          yield* TestClock.adjust("1 second")
          const leases = Chunk.toReadonlyArray(yield* Fiber.join(fiber))
          expect(leases.map((l) => l.ticketId)).toEqual(["a", "b", "c"])
          expect(yield* queue.counts).toEqual({ ready: 0, leased: 3, done: 0 })
        })
      )
    )
  })

  describe(`${name}: Checkpoints`, () => {
    it.effect("saves, overwrites, loads and removes a projection's position and view", () =>
      run(
        Effect.gen(function* () {
          const checkpoints = yield* Checkpoints
          expect(yield* checkpoints.load("processed")).toEqual(Option.none())
          yield* checkpoints.save("processed", { position: 12, state: { records: [{ id: "1", success: true }] } })
          yield* checkpoints.save("processed", { position: 40, state: { records: [] } })
          yield* checkpoints.save("pending", { position: 3, state: ["a"] })
          expect(yield* checkpoints.load("processed")).toEqual(Option.some({ position: 40, state: { records: [] } }))
          yield* checkpoints.remove("processed")
          expect(yield* checkpoints.load("processed")).toEqual(Option.none())
          expect(Option.isSome(yield* checkpoints.load("pending"))).toBe(true)
        })
      )
    )
  })
}
