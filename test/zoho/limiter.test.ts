import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Fiber, Ref, TestClock } from "effect"
import { makeApiGate } from "../../src/services/zoho/internal/limiter.ts"

describe("API gate", () => {
  it.scoped("spaces calls 1/rps apart, without a burst", () =>
    Effect.gen(function* () {
      const gate = yield* makeApiGate({ requestsPerSecond: 4, concurrency: 10 })
      const times = yield* Ref.make<ReadonlyArray<number>>([])
      const call = Effect.flatMap(Clock.currentTimeMillis, (t) => Ref.update(times, (all) => [...all, t]))
      const fiber = yield* Effect.fork(Effect.all(Array.from({ length: 5 }, () => gate.run(call)), { concurrency: "unbounded" }))
      yield* TestClock.adjust("2 seconds")
      yield* Fiber.join(fiber)
      expect(yield* Ref.get(times)).toEqual([0, 250, 500, 750, 1000])
    })
  )

  it.scoped("holds at most `concurrency` calls at once", () =>
    Effect.gen(function* () {
      const gate = yield* makeApiGate({ requestsPerSecond: 1000, concurrency: 2 })
      const running = yield* Ref.make(0)
      const peak = yield* Ref.make(0)
      const call = Effect.gen(function* () {
        const now = yield* Ref.updateAndGet(running, (n) => n + 1)
        yield* Ref.update(peak, (p) => Math.max(p, now))
        yield* Effect.sleep("100 millis")
        yield* Ref.update(running, (n) => n - 1)
      })
      const fiber = yield* Effect.fork(Effect.all(Array.from({ length: 6 }, () => gate.run(call)), { concurrency: "unbounded" }))
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      expect(yield* Ref.get(peak)).toBe(2)
    })
  )

  it.effect("is a pass-through when off", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const gate = yield* makeApiGate("off")
        expect(yield* gate.run(Effect.succeed(42))).toBe(42)
      })
    )
  )
})
