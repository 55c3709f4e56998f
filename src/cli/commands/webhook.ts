import { Command, Options } from "@effect/cli"
import { Console, Duration, Effect, Option } from "effect"
import { makeConsumer } from "../../pipeline/runner/consumer.ts"
import { serveWebhook } from "../../pipeline/runner/platform/webhookServer.ts"
import { makeWebhookHandler } from "../../pipeline/runner/webhook.ts"
import { workflowServices, zohoFromConfig } from "../../pipeline/workflow/platform/environment.ts"
import { consumeSettings } from "../../pipeline/runner/settings.ts"
import { AppConfig, AppConfigLive, runnerSettings } from "../../services/config/AppConfig.ts"
import { InvalidInput } from "../errors.ts"
import { finishInFlightOnInterrupt } from "./consume.ts"
import { storeForCli } from "./replay.ts"

const port = Options.integer("port").pipe(Options.withDefault(5000), Options.withDescription("port to listen on (0: any free port)"))
const host = Options.text("host").pipe(Options.withDefault("0.0.0.0"), Options.withDescription("address to bind"))
const concurrency = Options.integer("concurrency").pipe(Options.optional, Options.withDescription("tickets in parallel (default DOCFLOW_CONCURRENCY)"))
const dryRun = Options.boolean("dry-run").pipe(Options.withAlias("d"), Options.withDescription("write nothing to Zoho"))

export const webhookCommand = Command.make("webhook", { port, host, concurrency, dryRun }, (args) =>
  Effect.gen(function* () {
    if (args.port < 0 || args.port > 65535) return yield* new InvalidInput({ message: `--port must be 0–65535, not ${args.port}` })
    const config = yield* AppConfig
    const parallel = Option.getOrElse(args.concurrency, () => config.limits.ticketConcurrency)
    if (parallel < 1) return yield* new InvalidInput({ message: `--concurrency must be 1 or more, not ${parallel}` })
    const secret = Option.getOrUndefined(config.webhookSecret)
    const choice = yield* zohoFromConfig
    const consumer = yield* makeConsumer
    const handler = yield* makeWebhookHandler({ secret, consumer: consumer.control, startedAt: Date.now() })
    const server = yield* serveWebhook(handler, { host: args.host, port: args.port })
    yield* Console.error(
      `webhook listening on http://${args.host}:${server.port} · Zoho : ${choice.target} · mode ${args.dryRun ? "dry-run" : "live"}${secret === undefined ? " · ZOHO_WEBHOOK_SECRET absent : POST refusés (503)" : ""}`
    )
    yield* finishInFlightOnInterrupt(
      consumer.control,
      consumer.run({
        mode: args.dryRun ? "dry-run" : "live",
        concurrency: parallel,
        delay: Duration.zero,
        untilIdle: false,
        pollEvery: Duration.seconds(30),
        ...consumeSettings(runnerSettings(config)),
        keepResults: false,
        onResult: (r) => Console.log(`${r.ticketId} ${r.outcome} ${r.stage ?? "-"}${r.draftCreated ? " brouillon" : ""}`)
      })
    ).pipe(Effect.provide(workflowServices(choice)))
  }).pipe(Effect.scoped, Effect.provide(storeForCli), Effect.provide(AppConfigLive))
).pipe(
  Command.withDescription(
    "Serve POST /webhook/zoho-desk (secret in X-Webhook-Secret from ZOHO_WEBHOOK_SECRET; closed while unset) and GET /health, and process the tickets it announces (and the due ones) in parallel."
  )
)
