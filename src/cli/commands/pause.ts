import { Command, Options } from "@effect/cli"
import { Clock, Console, Effect, Option } from "effect"
import { RunnerControl } from "../../services/store/ports.ts"
import { storeForCli } from "./replay.ts"

const reason = Options.text("reason").pipe(Options.optional, Options.withDescription("why (shown by docflow status)"))

/** Persisted in the store: every consumer sharing it stops taking tickets once its current ones end. */
export const pauseCommand = Command.make("pause", { reason }, (args) =>
  Effect.gen(function* () {
    const control = yield* RunnerControl
    const since = new Date(yield* Clock.currentTimeMillis).toISOString()
    const why = Option.getOrElse(args.reason, () => "pause demandée")
    yield* control.set({ paused: true, reason: why, since, by: "operator" })
    yield* Console.log(`Runner en pause depuis ${since} : ${why}`)
  }).pipe(Effect.provide(storeForCli))
).pipe(Command.withDescription("Pause the runner: consumers (in any process sharing the store) take no new ticket until docflow resume."))
