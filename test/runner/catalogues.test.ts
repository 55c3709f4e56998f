import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Logger, TestClock } from "effect"
import { makeCatalogueCacheWith } from "../../src/pipeline/runner/catalogues.ts"
import type { Catalogues } from "../../src/pipeline/workflow/gather.ts"

class LoadFailed {
  readonly _tag = "LoadFailed"
  readonly message = "CRM indisponible"
}

describe("the runner's catalogue cache", () => {
  it.effect("loads once, serves the same catalogues until they are due, refreshes them, and keeps the old ones when a refresh fails", () =>
    Effect.gen(function* () {
      const calls: Array<number> = []
      let failNext = false
      const load = (now: Date) =>
        Effect.suspend(() => {
          calls.push(now.getTime())
          if (failNext) return Effect.fail(new LoadFailed())
          // A new object per load: identity tells which load is served.
          const catalogues: Catalogues = { examDates: [], sessions: [] }
          return Effect.succeed(catalogues)
        })
      const warnings: Array<string> = []
      const logger = Logger.make(({ message }) => { warnings.push(String(message)) })
      const cache = yield* makeCatalogueCacheWith(Duration.minutes(15), load)
      const first = yield* cache.get
      yield* TestClock.adjust(Duration.minutes(14))
      expect(yield* cache.get).toBe(first)
      expect(calls.length).toBe(1)

      yield* TestClock.adjust(Duration.minutes(1))
      const second = yield* cache.get
      expect(second).not.toBe(first)
      expect(calls.length).toBe(2)
      expect(cache.loads()).toBe(2)

      failNext = true
      yield* TestClock.adjust(Duration.minutes(15))
      const kept = yield* cache.get.pipe(Effect.provide(Logger.replace(Logger.defaultLogger, logger)))
      expect(kept).toBe(second)
      expect(calls.length).toBe(3)
      expect(cache.loads()).toBe(2)
      expect(warnings.join("\n")).toContain("CRM indisponible")
      // A failed refresh is not retried on every ticket: the next try waits for the next period.
      expect(yield* cache.get).toBe(second)
      expect(calls.length).toBe(3)
    }))
})
