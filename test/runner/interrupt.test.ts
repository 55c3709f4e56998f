import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber } from "effect"
import { finishInFlightOnInterrupt } from "../../src/cli/commands/consume.ts"
import { makeConsumer } from "../../src/pipeline/runner/consumer.ts"
import { syncPending } from "../../src/pipeline/workflow/batch.ts"
import { DOC_DEPARTMENT, generateWorld } from "../../src/sandbox/index.ts"
import { EventLog } from "../../src/services/store/Store.ts"
import { workflowLayer } from "../workflow/support/layers.ts"

describe("interrupting the consumer (SIGINT/SIGTERM)", () => {
  it.live("lets every ticket it started finish, starts no other, and ends", () =>
    Effect.gen(function* () {
      const sync = yield* syncPending(DOC_DEPARTMENT)
      const consumer = yield* makeConsumer
      let finished = 0
      const fiber = yield* Effect.fork(finishInFlightOnInterrupt(consumer.control, consumer.run({
        mode: "live", concurrency: 3, delay: Duration.zero, untilIdle: true, pollEvery: Duration.millis(50), retryAfter: Duration.minutes(10),
        onResult: () => Effect.sync(() => { finished += 1 })
      })))
      while (finished === 0) yield* Effect.sleep(Duration.millis(5))
      yield* Fiber.interrupt(fiber)
      expect((yield* Fiber.await(fiber))._tag).toBe("Failure")
      expect(consumer.control.inFlight.size).toBe(0)
      expect(finished).toBeLessThan(sync.enqueued.length)
      // A started ticket has events after its TicketEnqueued; each one started was also finished.
      const log = yield* EventLog
      let started = 0
      for (const id of sync.enqueued) if ((yield* log.readTicket(id)).length > 1) started += 1
      expect(started).toBe(finished)
    }).pipe(Effect.provide(workflowLayer({ sandbox: { world: generateWorld({ tickets: 30, seed: 11 }) } }))), 60_000)
})
