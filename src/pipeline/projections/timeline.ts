/**
 * One ticket's history, step by step, for `docflow status <ticket>` and audits. It folds the
 * ticket's own events (EventLog.readTicket), so it needs no checkpoint; dry-run runs are shown
 * and marked as such.
 */
import type { DocflowEvent, RunMode } from "../../schemas/events.ts"
import type { StoredEvent } from "../../services/store/ports.ts"

export interface TimelineEntry {
  readonly position: number
  readonly ticketSeq: number
  readonly at: string
  readonly runId: string
  readonly mode: RunMode
  readonly type: DocflowEvent["type"]
  readonly summary: string
}

export interface TimelineView {
  readonly ticketId: string
  readonly entries: ReadonlyArray<TimelineEntry>
}

export const emptyTimeline = (ticketId: string): TimelineView => ({ ticketId, entries: [] })

const yesNo = (b: boolean, yes: string, no: string) => (b ? yes : no)

export const summarize = (event: DocflowEvent): string => {
  switch (event.type) {
    case "TicketEnqueued":
      return `Mis en file (${event.payload.source})${event.payload.subject === null ? "" : ` : ${event.payload.subject}`}`
    case "CaseGathered":
      return "Dossier rassemblé (ticket, CRM, ExamT3P, sessions)"
    case "Decided":
      return `Décision : ${event.payload.triageAction}${event.payload.primaryIntent === null ? "" : ` / ${event.payload.primaryIntent}`}, étape ${event.payload.stage}`
    case "ActionRequested":
      return `Action demandée : ${event.payload.kind} → ${event.payload.target}`
    case "ActionSucceeded":
      return `Action réussie : ${event.payload.kind}${yesNo(event.payload.reconciled, " (retrouvée par rapprochement)", "")}`
    case "ActionFailed":
      return `Action échouée : ${event.payload.kind} — ${event.payload.error.message}${yesNo(event.payload.outcomeUnknown, " (issue inconnue, à rapprocher)", "")}`
    case "TicketCompleted":
      return `Terminé : ${event.payload.stage}, ${yesNo(event.payload.draftCreated, "brouillon créé", "sans brouillon")}`
    case "TicketStopped":
      return `Arrêté : ${event.payload.stage} — ${event.payload.reason}`
    case "TicketFailed":
      return `Échec à l'étape ${event.payload.stage} (tentative ${event.payload.attempt}) : ${event.payload.error.message}${yesNo(event.payload.willRetry, ", nouvel essai prévu", "")}`
    case "TicketDeadLettered":
      return `Placé en file d'erreurs après ${event.payload.attempts} tentative(s) : ${event.payload.error.message}`
  }
}

/** Folds one of the ticket's events; other tickets' events and redeliveries change nothing. */
export const applyTimeline = (view: TimelineView, { position, event }: StoredEvent): TimelineView => {
  const last = view.entries[view.entries.length - 1]
  if (event.ticketId !== view.ticketId || (last !== undefined && event.ticketSeq <= last.ticketSeq)) return view
  return {
    ticketId: view.ticketId,
    entries: [
      ...view.entries,
      { position, ticketSeq: event.ticketSeq, at: event.occurredAt, runId: event.runId, mode: event.payload.mode, type: event.type, summary: summarize(event) }
    ]
  }
}

export const buildTimeline = (ticketId: string, events: Iterable<StoredEvent>): TimelineView => {
  let view = emptyTimeline(ticketId)
  for (const stored of events) view = applyTimeline(view, stored)
  return view
}

export const renderTimeline = (view: TimelineView): string =>
  [
    `Ticket ${view.ticketId}`,
    ...view.entries.map((e) => `${e.at}  #${e.ticketSeq}  ${e.mode === "dry-run" ? "[essai] " : ""}${e.summary}  (run ${e.runId})`)
  ].join("\n") + "\n"
