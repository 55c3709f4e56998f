import { Command, Options } from "@effect/cli"
import { Console, Duration, Effect, Fiber } from "effect"
import type { ConsumerControl } from "../../pipeline/runner/consumer.ts"
import { makeConsumer } from "../../pipeline/runner/consumer.ts"
import { workflowServices, zohoFromConfig } from "../../pipeline/workflow/platform/environment.ts"
import { consumeSettings } from "../../pipeline/runner/settings.ts"
import { AppConfig, AppConfigLive, runnerSettings } from "../../services/config/AppConfig.ts"
import { InvalidInput } from "../errors.ts"
import { storeForCli } from "./replay.ts"

/**
 * SIGINT/SIGTERM (the Node runtime interrupts the main fiber): take no new ticket, let the ones in
 * flight finish, then end interrupted. The run is a daemon fiber: a child fiber would be
 * interrupted together with its parent, cutting the tickets in flight short.
 */
export const finishInFlightOnInterrupt = <A, E, R>(control: ConsumerControl, run: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.uninterruptibleMask((restore) =>
    Effect.flatMap(Effect.forkDaemon(restore(run)), (fiber) =>
      restore(Fiber.join(fiber)).pipe(
        Effect.onInterrupt(() =>
          Effect.zipRight(
            Effect.zipRight(Console.error(`Arrêt demandé : fin des ${control.inFlight.size} ticket(s) en cours, puis arrêt`), control.stop),
            Fiber.await(fiber)
          )
        )
      )
    )
  )

const untilIdle = Options.boolean("until-idle").pipe(Options.withDescription("exit once nothing is due and nothing is in flight"))
const concurrency = Options.integer("concurrency").pipe(Options.optional, Options.withDescription("tickets in parallel (default DOCFLOW_CONCURRENCY)"))
const delay = Options.float("delay").pipe(Options.withDefault(0), Options.withDescription("seconds a worker pauses after each ticket"))
const poll = Options.float("poll").pipe(Options.withDefault(30), Options.withDescription("seconds between looks at the ticket queue when idle"))
const dryRun = Options.boolean("dry-run").pipe(Options.withAlias("d"), Options.withDescription("write nothing to Zoho"))

export const consumeCommand = Command.make("consume", { untilIdle, concurrency, delay, poll, dryRun }, (args) =>
  Effect.gen(function* () {
    if (args.delay < 0) return yield* new InvalidInput({ message: `--delay must be 0 or more, not ${args.delay}` })
    if (args.poll <= 0) return yield* new InvalidInput({ message: `--poll must be more than 0, not ${args.poll}` })
    const config = yield* AppConfig
    const parallel = args.concurrency._tag === "Some" ? args.concurrency.value : config.limits.ticketConcurrency
    if (parallel < 1) return yield* new InvalidInput({ message: `--concurrency must be 1 or more, not ${parallel}` })
    const choice = yield* zohoFromConfig
    const mode = args.dryRun ? ("dry-run" as const) : ("live" as const)
    yield* Console.error(`Zoho : ${choice.target} · mode ${mode} · ${parallel} en parallèle${args.untilIdle ? " · jusqu'à épuisement" : ""}`)
    const consumer = yield* makeConsumer
    const summary = yield* finishInFlightOnInterrupt(consumer.control, consumer
      .run({
        mode,
        concurrency: parallel,
        delay: Duration.seconds(args.delay),
        untilIdle: args.untilIdle,
        pollEvery: Duration.seconds(args.poll),
        ...consumeSettings(runnerSettings(config)),
        // a continuous run prints each result as it comes and keeps only the count
        keepResults: false,
        onResult: (r) => Console.log(`${r.ticketId} ${r.outcome} ${r.stage ?? "-"}${r.draftCreated ? " brouillon" : ""}${r.error === null ? "" : ` ${r.error}`}`)
      }))
      .pipe(Effect.provide(workflowServices(choice)))
    if (summary.deadLettered.length > 0) yield* Console.error(`Lettres mortes : ${summary.deadLettered.join(", ")} (docflow redrive)`)
    if (summary.pausedBy !== null) yield* Console.error(`Runner en pause (${summary.pausedBy.by ?? "?"}) : ${summary.pausedBy.reason ?? "-"} — docflow resume`)
    yield* Console.error(`Traités : ${summary.processed} en ${(summary.elapsedMs / 1000).toFixed(1)} s (jusqu'à ${summary.maxInFlight} en parallèle)`)
  }).pipe(Effect.scoped, Effect.provide(storeForCli), Effect.provide(AppConfigLive))
).pipe(
  Command.withDescription(
    "Process the ticket queue continuously, in parallel, never two runs of one ticket at once (leases shared by every consumer of the store); idle wait when nothing is due; a ticket failing DOCFLOW_MAX_ATTEMPTS times is dead-lettered; systemic failures open the circuit breaker (pause). SIGINT/SIGTERM finish the tickets in flight, then stop."
  )
)
