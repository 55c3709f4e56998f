/**
 * Injected crash points for the crash-safety test: `DOCFLOW_CRASH_AT=<stage>:<n>` kills the
 * process the n-th time the workflow reaches that stage boundary. The default layer does nothing.
 */
import { Context, Layer, Effect } from "effect"

export const crashStages = ["after-gather", "after-decide", "before-action", "after-action", "before-complete"] as const
export type CrashStage = (typeof crashStages)[number]

export interface CrashPointsShape {
  readonly hit: (stage: CrashStage) => Effect.Effect<void>
}

export class CrashPoints extends Context.Tag("docflow/workflow/CrashPoints")<CrashPoints, CrashPointsShape>() {}

export const noCrashes: Layer.Layer<CrashPoints> = Layer.succeed(CrashPoints, { hit: () => Effect.void })

/** Parses `<stage>:<n>` (n ≥ 1); undefined when the value is absent or malformed. */
export const parseCrashAt = (value: string | undefined): { readonly stage: CrashStage; readonly nth: number } | undefined => {
  if (value === undefined) return undefined
  const match = /^([a-z-]+):(\d+)$/.exec(value.trim())
  const stage = crashStages.find((s) => s === match?.[1])
  const nth = Number(match?.[2])
  return stage === undefined || !Number.isSafeInteger(nth) || nth < 1 ? undefined : { stage, nth }
}

/** Counts hits and calls `die` on the chosen one (the Node layer passes a SIGKILL of itself). */
export const crashPointsAt = (spec: { readonly stage: CrashStage; readonly nth: number } | undefined, die: () => void): CrashPointsShape => {
  let seen = 0
  return {
    hit: (stage) =>
      Effect.sync(() => {
        if (spec === undefined || stage !== spec.stage) return
        seen += 1
        if (seen === spec.nth) die()
      })
  }
}
