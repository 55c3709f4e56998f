import type { Effect } from "effect"
import { Context } from "effect"
import type { StoreError } from "./errors.ts"

/**
 * The runner's persisted switch: `docflow pause` / `docflow resume`, and the circuit breaker when
 * it opens. Every consumer, in any process sharing the store, reads it between tickets.
 */
export interface RunnerState {
  readonly paused: boolean
  readonly reason: string | null
  /** ISO time of the last change. */
  readonly since: string | null
  /** Who changed it: "operator", "circuit-breaker", … */
  readonly by: string | null
}

export const running: RunnerState = { paused: false, reason: null, since: null, by: null }

export interface RunnerControlShape {
  readonly get: Effect.Effect<RunnerState, StoreError>
  readonly set: (state: RunnerState) => Effect.Effect<void, StoreError>
}

export class RunnerControl extends Context.Tag("docflow/store/RunnerControl")<RunnerControl, RunnerControlShape>() {}
