import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Layer } from "effect"
import { BREAKER, BREAKER_COOL_DOWN, makeConsumer, type ConsumeOptions } from "../../src/pipeline/runner/consumer.ts"
import { NotDeadLettered, redrive } from "../../src/pipeline/runner/redrive.ts"
import { deadLetterList } from "../../src/pipeline/projections/deadLetters.ts"
import { pendingList } from "../../src/pipeline/projections/pending.ts"
import { catchUp } from "../../src/pipeline/replay.ts"
import { syncPending } from "../../src/pipeline/workflow/batch.ts"
import { DOC_DEPARTMENT, generateWorld } from "../../src/sandbox/index.ts"
import { EventLog, layerSqliteStore, RunnerControl, running, TicketQueue } from "../../src/services/store/Store.ts"
import { freshStoreFile, workflowLayer } from "../workflow/support/layers.ts"
import { deskFaults, withDeskFaults } from "./support/faultyDesk.ts"

const options = (patch: Partial<ConsumeOptions> = {}): ConsumeOptions => ({
  mode: "live",
  concurrency: 1,
  delay: Duration.zero,
  untilIdle: true,
  pollEvery: Duration.millis(30),
  retryAfter: Duration.zero,
  ...patch
})

const eventTypes = (ticketId: string) =>
  Effect.map(Effect.flatMap(EventLog, (log) => log.readTicket(ticketId)), (events) => events.map((e) => e.event.type))

const views = Effect.map(catchUp(), (o) => o.views)

describe("the consumer over the SQLite ticket queue", () => {
  it.live("two consumers on one SQLite file share the tickets and never run the same one", () => {
    const storeFile = freshStoreFile()
    return Effect.gen(function* () {
      const sync = yield* syncPending(DOC_DEPARTMENT)
      const other = yield* Layer.build(layerSqliteStore({ filename: storeFile }))
      const a = yield* makeConsumer
      const b = yield* makeConsumer
      const [ra, rb] = yield* Effect.all(
        [
          a.run(options({ concurrency: 3, consumerId: "a" })),
          b.run(options({ concurrency: 3, consumerId: "b" })).pipe(Effect.provide(other))
        ],
        { concurrency: 2 }
      )
      const idsA = ra.results.map((r) => r.ticketId)
      const idsB = rb.results.map((r) => r.ticketId)
      expect(idsA.filter((id) => idsB.includes(id))).toEqual([])
      expect([...idsA, ...idsB].sort()).toEqual([...sync.enqueued].sort())
      // Each ticket was gathered exactly once in the shared log.
      for (const id of sync.enqueued) expect((yield* eventTypes(id)).filter((t) => t === "CaseGathered").length).toBe(1)
      const counts = yield* Effect.flatMap(TicketQueue, (q) => q.counts)
      expect(counts).toMatchObject({ ready: 0, leased: 0 })
    }).pipe(Effect.scoped, Effect.provide(workflowLayer({ storeFile, sandbox: { world: generateWorld({ tickets: 16, seed: 5 }) } })))
  }, 90_000)

  it.live("a ticket failing on every attempt is dead-lettered after N attempts, shown in the view, and redrive brings it back", () =>
    Effect.gen(function* () {
      const sync = yield* syncPending(DOC_DEPARTMENT)
      const target = sync.enqueued[0] ?? ""
      const faults = deskFaults("Server", 500, "boom", [target])
      const consumer = yield* makeConsumer
      const summary = yield* withDeskFaults(faults, consumer.run(options({ maxAttempts: 3, sameErrorThreshold: 10 })))
      expect(summary.deadLettered).toEqual([target])
      expect(summary.results.filter((r) => r.ticketId === target).map((r) => r.outcome)).toEqual(["failed", "failed", "failed"])
      expect(summary.results.filter((r) => r.ticketId !== target).every((r) => r.outcome !== "failed")).toBe(true)
      expect((yield* eventTypes(target)).filter((t) => t === "TicketDeadLettered").length).toBe(1)
      let v = yield* views
      expect(deadLetterList(v.processed.view)).toMatchObject([{ ticketId: target, attempts: 3, reason: "ZohoUnavailable" }])
      expect(pendingList(v.pending.view).map((p) => p.id)).not.toContain(target)
      expect((yield* Effect.flatMap(TicketQueue, (q) => q.counts)).ready).toBe(0)

      // Not a dead letter: refused, nothing enqueued.
      const refused = yield* Effect.flip(redrive({ ticketIds: [sync.enqueued[1] ?? "", "999"] }))
      expect(refused).toBeInstanceOf(NotDeadLettered)
      expect(yield* redrive({ all: true })).toEqual([target])
      v = yield* views
      expect(deadLetterList(v.processed.view)).toEqual([])
      expect(pendingList(v.pending.view).map((p) => p.id)).toEqual([target])

      faults.failing.clear()
      const again = yield* (yield* makeConsumer).run(options())
      expect(again.results.map((r) => [r.ticketId, r.outcome === "failed"])).toEqual([[target, false]])
      expect(pendingList((yield* views).pending.view)).toEqual([])
    }).pipe(Effect.provide(workflowLayer({ sandbox: { world: generateWorld({ tickets: 5, seed: 7 }) } }))), 90_000)

  it.live("an authentication error opens the breaker: the ticket is released, not dead-lettered, and the runner pauses until resumed", () =>
    Effect.gen(function* () {
      const sync = yield* syncPending(DOC_DEPARTMENT)
      const faults = deskFaults("Unauthorized", 401, "INVALID_OAUTHTOKEN")
      const summary = yield* withDeskFaults(faults, (yield* makeConsumer).run(options({ concurrency: 2, maxAttempts: 1 })))
      expect(summary.results.length).toBeGreaterThanOrEqual(1)
      expect(summary.results.length).toBeLessThanOrEqual(2)
      expect(summary.deadLettered).toEqual([])
      expect(summary.pausedBy).toMatchObject({ paused: true, by: BREAKER })
      const control = yield* RunnerControl
      expect((yield* control.get).reason).toContain("auth")
      expect(deadLetterList((yield* views).processed.view)).toEqual([])
      expect((yield* Effect.flatMap(TicketQueue, (q) => q.counts)).ready).toBe(sync.enqueued.length)

      // Still paused: a new run takes nothing.
      faults.failing.clear()
      expect((yield* (yield* makeConsumer).run(options())).results).toEqual([])
      yield* control.set({ ...running, since: new Date().toISOString(), by: "operator" })
      const resumed = yield* (yield* makeConsumer).run(options({ concurrency: 3 }))
      expect(new Set(resumed.results.map((r) => r.ticketId))).toEqual(new Set(sync.enqueued))
      expect(resumed.results.every((r) => r.outcome !== "failed")).toBe(true)
    }).pipe(Effect.provide(workflowLayer({ sandbox: { world: generateWorld({ tickets: 6, seed: 9 }) } }))), 90_000)

  it.live("the same error on K tickets in a row opens the breaker for a cool-down, then one probe ticket closes it", () =>
    Effect.gen(function* () {
      const sync = yield* syncPending(DOC_DEPARTMENT)
      const faults = deskFaults("Server", 502, "bad gateway")
      const control = yield* RunnerControl
      const consumer = yield* makeConsumer
      const pauses: Array<string | null> = []
      const fiber = yield* Effect.fork(
        withDeskFaults(faults, consumer.run(options({
          untilIdle: false,
          maxAttempts: 10,
          sameErrorThreshold: 3,
          coolDown: Duration.millis(400),
          onResult: (r) =>
            Effect.gen(function* () {
              pauses.push((yield* control.get).by)
              // The third failure opened the breaker (the pause is written before the result is reported).
              if (r.outcome === "failed" && pauses.length === 3) faults.failing.clear()
            }).pipe(Effect.orDie)
        })))
      )
      for (let i = 0; i < 300; i++) {
        const counts = yield* Effect.flatMap(TicketQueue, (q) => q.counts)
        if (counts.ready === 0 && counts.leased === 0) break
        yield* Effect.sleep(Duration.millis(50))
      }
      yield* consumer.control.stop
      const summary = yield* Effect.flatten(fiber.await)
      expect(summary.results.slice(0, 3).map((r) => r.outcome)).toEqual(["failed", "failed", "failed"])
      expect(pauses.slice(0, 3)).toEqual([null, null, BREAKER_COOL_DOWN])
      expect(summary.results.slice(3).every((r) => r.outcome !== "failed")).toBe(true)
      expect(new Set(summary.results.slice(3).map((r) => r.ticketId))).toEqual(new Set(sync.enqueued))
      expect(summary.deadLettered).toEqual([])
      expect((yield* control.get).paused).toBe(false)
      expect(summary.breaker).toBe("fermé")
    }).pipe(Effect.provide(workflowLayer({ sandbox: { world: generateWorld({ tickets: 6, seed: 9 }) } }))), 90_000)

  it.live("tickets only in the pending projection (enqueued before the queue) are put in the queue at start", () =>
    Effect.gen(function* () {
      const sync = yield* syncPending(DOC_DEPARTMENT)
      // Empty the queue the way an older store would be: the tickets are pending but not queued.
      const queue = yield* TicketQueue
      const leases = yield* queue.claim({ consumerId: "old", host: "h", pid: 0 }, { max: 100, leaseFor: Duration.minutes(1) })
      for (const lease of leases) yield* queue.ack(lease)
      expect((yield* queue.counts).ready).toBe(0)
      const summary = yield* (yield* makeConsumer).run(options({ concurrency: 2 }))
      expect(summary.backfilled).toBe(sync.enqueued.length)
      expect(new Set(summary.results.map((r) => r.ticketId))).toEqual(new Set(sync.enqueued))
    }).pipe(Effect.provide(workflowLayer({ sandbox: { world: generateWorld({ tickets: 4, seed: 3 }) } }))), 90_000)
})
