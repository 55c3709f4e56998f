import { Command, Options, Prompt } from "@effect/cli"
import { Console, Duration, Effect, Option } from "effect"
import { nextPending, runBatch, syncPending, type BatchProgress } from "../../pipeline/workflow/batch.ts"
import { workflowServices, zohoFromConfig } from "../../pipeline/workflow/platform/environment.ts"
import type { TicketRunResult } from "../../pipeline/workflow/runTicket.ts"
import { pendingList } from "../../pipeline/projections/pending.ts"
import { failureList, processedList } from "../../pipeline/projections/processed.ts"
import { catchUp } from "../../pipeline/replay.ts"
import { AppConfig, AppConfigLive } from "../../services/config/AppConfig.ts"
import { InvalidInput } from "../errors.ts"
import { storeForCli } from "./replay.ts"

const count = Options.integer("count").pipe(Options.withAlias("n"), Options.withDefault(10), Options.withDescription("pending tickets to process, newest first"))
const dryRun = Options.boolean("dry-run").pipe(Options.withAlias("d"), Options.withDescription("gather and decide, record as dry-run, write nothing to Zoho"))
const ticket = Options.text("ticket").pipe(Options.withAlias("t"), Options.optional, Options.withDescription("process this ticket only (no sync)"))
const delay = Options.float("delay").pipe(Options.withDefault(2), Options.withDescription("seconds to wait between tickets"))
const status = Options.boolean("status").pipe(Options.withAlias("s"), Options.withDescription("print the queue status and stop (pending, processed, dead-lettered, last run)"))
const yes = Options.boolean("yes").pipe(Options.withAlias("y"), Options.withDescription("do not ask for confirmation on a terminal"))

const seconds = (ms: number): string => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`)

const line = (r: TicketRunResult): string => {
  if (r.outcome === "failed") return `[ERREUR] ${r.ticketId} ${r.error ?? ""}`
  if (r.outcome === "already-answered") return `[DÉJÀ TRAITÉ] ${r.ticketId} (aucun nouveau message du candidat)`
  return `[OK] ${r.ticketId} ${r.stage ?? "-"} | ${r.triageAction ?? "-"} | ${r.primaryIntent ?? "-"}${r.draftCreated ? " | brouillon" : ""}`
}

const progressLine = (p: BatchProgress): string =>
  `${line(p.last)}\n  ${p.done}/${p.total} · ${seconds(p.elapsedMs)} écoulées · reste ~${seconds(p.etaMs)}`

const summary = (results: ReadonlyArray<TicketRunResult>, remaining: number, dry: boolean): ReadonlyArray<string> => {
  const ok = results.filter((r) => r.outcome === "completed" || r.outcome === "stopped")
  const byAction = new Map<string, number>()
  for (const r of ok) byAction.set(r.triageAction ?? "-", (byAction.get(r.triageAction ?? "-") ?? 0) + 1)
  return [
    `Traités : ${results.length}${dry ? " (dry-run : rien écrit dans Zoho)" : ""}`,
    `Réussis : ${ok.length} · erreurs : ${results.filter((r) => r.outcome === "failed").length} · déjà traités : ${results.filter((r) => r.outcome === "already-answered").length}`,
    `Brouillons : ${results.filter((r) => r.draftCreated).length}`,
    `Par action : ${[...byAction.entries()].sort((a, b) => b[1] - a[1]).map(([a, n]) => `${a} ${n}`).join(", ") || "-"}`,
    `Restant en attente : ${remaining}`
  ]
}

/** The seed's `--status`: pending, processed (success ratio), dead-lettered, last run, next and last tickets. */
const statusLines = Effect.map(catchUp(), (outcome): ReadonlyArray<string> => {
  const pending = pendingList(outcome.views.pending.view)
  const processed = [...processedList(outcome.views.processed.view)].sort((a, b) => b.processed_at.localeCompare(a.processed_at))
  const failures = failureList(outcome.views.processed.view)
  const ok = processed.filter((r) => r.success).length
  const last = processed[0]
  return [
    `En attente : ${pending.length}`,
    `Traités : ${processed.length} (réussis : ${ok}${processed.length === 0 ? "" : `, ${Math.round((ok / processed.length) * 100)} %`})`,
    `En échec (nouvel essai prévu) : ${failures.filter((f) => !f.dead_lettered).length} · en lettre morte : ${failures.filter((f) => f.dead_lettered).length}`,
    `Dernier traitement : ${last === undefined ? "aucun" : `${last.processed_at} (ticket ${last.id}, ${last.workflow_stage})`}`,
    "Prochains tickets :",
    ...pending.slice(0, 5).map((p) => `  ${p.id}  ${p.createdTime ?? "?"}  ${p.subject ?? ""}`),
    "Derniers traités :",
    ...processed.slice(0, 3).map((r) => `  ${r.id}  ${r.processed_at}  ${r.workflow_stage}  ${r.triage_action ?? "-"}${r.draft_created ? "  brouillon" : ""}`)
  ]
})

export const batchCommand = Command.make("batch", { count, dryRun, ticket, delay, yes, status }, (args) =>
  Effect.gen(function* () {
    if (args.status) {
      for (const l of yield* statusLines) yield* Console.log(l)
      return
    }
    if (args.count < 0) return yield* new InvalidInput({ message: `--count must be 0 or more, not ${args.count}` })
    if (args.delay < 0) return yield* new InvalidInput({ message: `--delay must be 0 or more, not ${args.delay}` })
    const only = Option.getOrUndefined(args.ticket)
    if (only !== undefined && !/^\d+$/.test(only)) return yield* new InvalidInput({ message: `not a Zoho ticket id: ${only}` })
    const config = yield* AppConfig
    const choice = yield* zohoFromConfig
    const mode = args.dryRun ? ("dry-run" as const) : ("live" as const)

    const run = Effect.gen(function* () {
      let tickets: ReadonlyArray<string>
      if (only !== undefined) tickets = [only]
      else {
        const sync = yield* syncPending(config.zoho.docDepartmentId)
        yield* Console.error(`Synchronisation : ${sync.scanned} ticket(s) ouverts lus, ${sync.enqueued.length} ajouté(s) à la file`)
        tickets = yield* nextPending(args.count)
      }
      const pendingCount = pendingList((yield* catchUp()).views.pending.view).length
      yield* Console.error(`Zoho : ${choice.target} · mode ${mode} · ${pendingCount} ticket(s) en attente · ${tickets.length} à traiter`)
      if (mode === "live" && !args.yes && process.stdin.isTTY === true && tickets.length > 0) {
        const go = yield* Prompt.confirm({ message: `Traiter ${tickets.length} ticket(s) en direct (brouillons et mises à jour dans Zoho) ?` })
        if (!go) return yield* Console.error("Annulé.")
      }
      const results = yield* runBatch({
        mode,
        tickets,
        delay: Duration.seconds(args.delay),
        onProgress: (p) => Console.log(progressLine(p))
      })
      const remaining = pendingList((yield* catchUp()).views.pending.view).length
      for (const l of summary(results, remaining, mode === "dry-run")) yield* Console.log(l)
    })
    return yield* run.pipe(Effect.provide(workflowServices(choice)))
  }).pipe(Effect.provide(storeForCli), Effect.provide(AppConfigLive))
).pipe(
  Command.withDescription(
    "Process pending DOC tickets (newest first): gather → decide → act. --dry-run writes nothing to Zoho; without credentials it runs against an in-process sandbox."
  )
)
