import { Layer } from "effect"
import { CrashPoints, crashPointsAt, parseCrashAt } from "../crash.ts"

/** Crash points from `DOCFLOW_CRASH_AT`; the process kills itself with SIGKILL (no cleanup, no flush). */
export const nodeCrashPoints: Layer.Layer<CrashPoints> = Layer.sync(CrashPoints, () =>
  crashPointsAt(parseCrashAt(process.env["DOCFLOW_CRASH_AT"]), () => {
    process.kill(process.pid, "SIGKILL")
  })
)
