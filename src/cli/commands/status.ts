import { Args, Command } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import { deadLetterList } from "../../pipeline/projections/deadLetters.ts"
import { pendingList } from "../../pipeline/projections/pending.ts"
import { failureList, processedList } from "../../pipeline/projections/processed.ts"
import { buildTimeline, renderTimeline } from "../../pipeline/projections/timeline.ts"
import { catchUp } from "../../pipeline/replay.ts"
import { EventLog, RunnerControl, running, TicketQueue } from "../../services/store/ports.ts"
import { InvalidInput } from "../errors.ts"
import { storeForCli } from "./replay.ts"

const ticket = Args.text({ name: "ticket-id" }).pipe(
  Args.withDescription("Show this ticket's timeline instead of the queue status."),
  Args.optional
)

const queueStatus = Effect.gen(function* () {
  const outcome = yield* catchUp()
  const counts = yield* Effect.flatMap(TicketQueue, (q) => q.counts)
  const pending = pendingList(outcome.views.pending.view)
  const processed = processedList(outcome.views.processed.view)
  const successes = processed.filter((r) => r.success).length
  const control = yield* Effect.serviceOption(RunnerControl)
  const runner = control._tag === "Some" ? yield* control.value.get : running
  const dead = deadLetterList(outcome.views.processed.view)
  const lines = [
    runner.paused ? `Runner : EN PAUSE depuis ${runner.since ?? "?"} (${runner.by ?? "?"}) : ${runner.reason ?? "-"}` : "Runner : actif",
    `En attente : ${pending.length}`,
    `Traités : ${processed.length} (réussis : ${successes})`,
    `File : ${counts.ready} prêts, ${counts.leased} en cours, ${counts.done} acquittés`,
    `Échecs en cours : ${failureList(outcome.views.processed.view).filter((f) => !f.dead_lettered).length}`,
    `Lettres mortes : ${dead.length}${dead.length > 0 ? " (docflow redrive <id…> | --all)" : ""}`,
    ...dead.slice(0, 10).map((d) => `  ${d.ticketId}  ${d.at}  ${d.attempts} tentative(s)  ${d.reason}: ${d.message}`),
    "Prochains tickets :",
    ...pending.slice(0, 5).map((p) => `  ${p.id}  ${p.createdTime ?? "?"}  ${p.subject ?? ""}`),
    "Derniers traités :",
    ...[...processed]
      .sort((a, b) => b.processed_at.localeCompare(a.processed_at))
      .slice(0, 3)
      .map((r) => `  ${r.id}  ${r.processed_at}  ${r.workflow_stage}  ${r.triage_action ?? "-"}`)
  ]
  for (const line of lines) yield* Console.log(line)
})

const ticketTimeline = (ticketId: string) =>
  Effect.gen(function* () {
    if (!/^\d+$/.test(ticketId)) return yield* new InvalidInput({ message: `not a Zoho ticket id: ${ticketId}` })
    const events = yield* Effect.flatMap(EventLog, (log) => log.readTicket(ticketId))
    if (events.length === 0) return yield* new InvalidInput({ message: `no event recorded for ticket ${ticketId}` })
    yield* Console.log(renderTimeline(buildTimeline(ticketId, events)).trimEnd())
  })

export const statusCommand = Command.make("status", { ticket }, ({ ticket }) =>
  Option.match(ticket, { onNone: () => queueStatus, onSome: ticketTimeline }).pipe(Effect.provide(storeForCli))
).pipe(Command.withDescription("Queue status (pending, processed, next tickets), or one ticket's timeline."))
