import { Clock, Duration, Effect, Ref, type Scope } from "effect"
import type { ApiLimit } from "../ZohoSettings.ts"

/** Runs calls to one API within its budget: at most `concurrency` at once, `requestsPerSecond` on average. */
export interface ApiGate {
  readonly run: <A, E, R>(call: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

const open: ApiGate = { run: (call) => call }

/**
 * A semaphore for the simultaneous calls plus a spacing schedule for the rate: each call
 * reserves the next free slot, one every 1/rps seconds, and waits for it. Unlike a token bucket
 * there is no burst, so no one-second window ever holds more than the rate (Zoho counts that way).
 */
export const makeApiGate = (limit: ApiLimit): Effect.Effect<ApiGate, never, Scope.Scope> =>
  limit === "off"
    ? Effect.succeed(open)
    : Effect.gen(function* () {
        const spacingMs = 1000 / limit.requestsPerSecond
        const nextSlot = yield* Ref.make(0)
        const slots = yield* Effect.makeSemaphore(limit.concurrency)
        const waitForSlot = Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const slot = yield* Ref.modify(nextSlot, (next) => {
            const at = Math.max(now, next)
            return [at, at + spacingMs] as const
          })
          if (slot > now) yield* Effect.sleep(Duration.millis(slot - now))
        })
        return { run: (call) => slots.withPermits(1)(Effect.zipRight(waitForSlot, call)) }
      })
