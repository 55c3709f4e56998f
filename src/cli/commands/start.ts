import { Command, Options } from "@effect/cli"
import { Console, Duration, Effect, Either } from "effect"
import { appendFileSync, mkdirSync } from "node:fs"
import { join } from "node:path"
import { sandboxTarget } from "../../pipeline/runner/sandboxTarget.ts"
import { runMainJob, startMode } from "../../pipeline/runner/start.ts"
import { workflowServices, zohoFromConfig } from "../../pipeline/workflow/platform/environment.ts"
import type { TicketRunResult } from "../../pipeline/workflow/runTicket.ts"
import { consumeSettings } from "../../pipeline/runner/settings.ts"
import { AppConfig, AppConfigLive, runnerSettings } from "../../services/config/AppConfig.ts"
import { zohoSettingsFromConfig } from "../../services/zoho/index.ts"
import { InvalidInput } from "../errors.ts"
import { finishInFlightOnInterrupt } from "./consume.ts"
import { storeForCli } from "./replay.ts"

/** Where `start` appends what the in-process sandbox received (one JSON write a line). */
export const SANDBOX_WRITES_FILE = "sandbox-writes.jsonl"

const tickets = Options.integer("tickets").pipe(Options.withDefault(40), Options.withDescription("size of the generated sandbox world (no Zoho credentials only)"))
const seed = Options.integer("seed").pipe(Options.withDefault(1), Options.withDescription("seed of the generated sandbox world"))
const live = Options.boolean("live").pipe(Options.withDescription("with Zoho credentials: write drafts and updates to Zoho (default: dry-run)"))
const concurrency = Options.integer("concurrency").pipe(Options.optional, Options.withDescription("tickets in parallel (default DOCFLOW_CONCURRENCY)"))
const delay = Options.float("delay").pipe(Options.withDefault(0), Options.withDescription("seconds a worker pauses after each ticket"))

const line = (r: TicketRunResult): string =>
  r.outcome === "failed" ? `[ERREUR] ${r.ticketId} ${r.error ?? ""}` : `[${r.outcome}] ${r.ticketId} ${r.stage ?? "-"} | ${r.triageAction ?? "-"}${r.draftCreated ? " | brouillon" : ""}`

export const startCommand = Command.make("start", { tickets, seed, live, concurrency, delay }, (args) =>
  Effect.gen(function* () {
    if (args.tickets < 1) return yield* new InvalidInput({ message: `--tickets must be 1 or more, not ${args.tickets}` })
    if (args.delay < 0) return yield* new InvalidInput({ message: `--delay must be 0 or more, not ${args.delay}` })
    const config = yield* AppConfig
    const parallel = args.concurrency._tag === "Some" ? args.concurrency.value : config.limits.ticketConcurrency
    if (parallel < 1) return yield* new InvalidInput({ message: `--concurrency must be 1 or more, not ${parallel}` })
    const credentials = Either.isRight(zohoSettingsFromConfig(config))
    const target = credentials ? { choice: yield* zohoFromConfig, sandbox: undefined } : yield* sandboxTarget({ tickets: args.tickets, seed: args.seed })
    const mode = startMode(target.choice.target, args.live)
    yield* Console.error(`Zoho : ${target.choice.target}${target.sandbox === undefined ? "" : ` (${args.tickets} tickets générés, graine ${args.seed})`} · mode ${mode} · ${parallel} en parallèle`)
    const outcome = yield* runMainJob({
      departmentId: config.zoho.docDepartmentId,
      mode,
      concurrency: parallel,
      delay: Duration.seconds(args.delay),
      onResult: (r) => Console.error(line(r)),
      settings: consumeSettings(runnerSettings(config)),
      wrapRun: finishInFlightOnInterrupt
    }).pipe(Effect.provide(workflowServices(target.choice)))
    const { results, elapsedMs, maxInFlight } = outcome.consumed
    const perMinute = elapsedMs > 0 ? (results.length / elapsedMs) * 60_000 : 0
    yield* Console.error(
      `Synchronisation : ${outcome.sync.scanned} lus, ${outcome.sync.enqueued.length} ajoutés · traités : ${results.length} en ${(elapsedMs / 1000).toFixed(1)} s (${perMinute.toFixed(1)} tickets/min, jusqu'à ${maxInFlight} en parallèle)`
    )
    if (outcome.consumed.deadLettered.length > 0) yield* Console.error(`Lettres mortes : ${outcome.consumed.deadLettered.join(", ")} (docflow redrive)`)
    if (outcome.consumed.pausedBy !== null) yield* Console.error(`Runner en pause (${outcome.consumed.pausedBy.by ?? "?"}) : ${outcome.consumed.pausedBy.reason ?? "-"} — docflow resume`)
    if (target.sandbox !== undefined) {
      const writes = yield* target.sandbox.writes
      mkdirSync(config.dataDir, { recursive: true })
      const file = join(config.dataDir, SANDBOX_WRITES_FILE)
      if (writes.length > 0) appendFileSync(file, writes.map((w) => JSON.stringify(w)).join("\n") + "\n")
      yield* Console.error(`Sandbox : ${writes.length} écriture(s) dont ${writes.filter((w) => w.kind === "draft").length} brouillon(s) → ${file}`)
    }
    yield* Console.log(outcome.report)
  }).pipe(Effect.scoped, Effect.provide(storeForCli), Effect.provide(AppConfigLive))
).pipe(
  Command.withDescription(
    "The main job: sync the due DOC tickets, process them in parallel until none is due, print the report. Without Zoho credentials it runs against an in-process sandbox with a generated world; with credentials it is a dry-run unless --live."
  )
)
