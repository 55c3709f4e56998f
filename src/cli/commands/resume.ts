import { Command } from "@effect/cli"
import { Clock, Console, Effect } from "effect"
import { RunnerControl } from "../../services/store/ports.ts"
import { storeForCli } from "./replay.ts"

/** Lifts a pause, the operator's or the circuit breaker's (which closes with it). */
export const resumeCommand = Command.make("resume", {}, () =>
  Effect.gen(function* () {
    const control = yield* RunnerControl
    const before = yield* control.get
    const since = new Date(yield* Clock.currentTimeMillis).toISOString()
    yield* control.set({ paused: false, reason: null, since, by: "operator" })
    yield* Console.log(before.paused ? `Reprise (la pause venait de ${before.by ?? "?"} : ${before.reason ?? "-"})` : "Le runner n'était pas en pause")
  }).pipe(Effect.provide(storeForCli))
).pipe(Command.withDescription("Resume the runner after docflow pause or an open circuit breaker."))
