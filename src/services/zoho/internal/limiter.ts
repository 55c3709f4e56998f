import { Effect, RateLimiter, type Scope } from "effect"
import type { ApiLimit } from "../ZohoSettings.ts"

/** Runs calls to one API within its budget: at most `concurrency` at once, `requestsPerSecond` on average. */
export interface ApiGate {
  readonly run: <A, E, R>(call: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

const open: ApiGate = { run: (call) => call }

/**
 * A semaphore for the simultaneous calls plus a token bucket for the rate. A fractional rate
 * (0.5/s) becomes one token every 2 s; a rate of 8/s allows a burst of 8, then one every 125 ms.
 */
export const makeApiGate = (limit: ApiLimit): Effect.Effect<ApiGate, never, Scope.Scope> =>
  limit === "off"
    ? Effect.succeed(open)
    : Effect.gen(function* () {
        const tokens = Math.max(1, Math.floor(limit.requestsPerSecond))
        const rate = yield* RateLimiter.make({
          limit: tokens,
          interval: `${Math.round((tokens / limit.requestsPerSecond) * 1000)} millis`,
          algorithm: "token-bucket"
        })
        const slots = yield* Effect.makeSemaphore(limit.concurrency)
        return { run: (call) => slots.withPermits(1)(rate(call)) }
      })
