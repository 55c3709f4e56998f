/**
 * Health of the processed tickets (DOMAIN.md §12.3) as a projection: each finished live run's
 * recorded case file, decision, draft request and deal updates are checked by `checkTicket`, and
 * the ticket keeps the findings of its latest finished run. What a run in progress recorded so far
 * is kept (and checkpointed) until it ends; a failed run leaves the ticket's earlier result alone.
 */
import { Schema } from "effect"
import { todayInParis } from "../../schemas/time.ts"
import type { DocflowEvent } from "../../schemas/events.ts"
import { readHumanizerNote } from "../workflow/humanizerNote.ts"
import { checkTicket, dossierTermine, TICKET_CHECKS, type Finding, type HealthInput, type TicketCheck } from "./healthChecks.ts"
import { codec, type Projection } from "./projection.ts"

const CheckName = Schema.Literal(...(Object.keys(TICKET_CHECKS) as [TicketCheck, ...Array<TicketCheck>]))

export const HealthFinding = Schema.Struct({
  check: CheckName,
  severity: Schema.Literal("CRITICAL", "ERROR", "WARNING", "INFO"),
  detail: Schema.String
})

/** One ticket's latest finished run, with what the batch-level checks need. */
export const TicketHealth = Schema.Struct({
  id: Schema.String,
  runId: Schema.String,
  checkedAt: Schema.String,
  stage: Schema.String,
  intent: Schema.NullOr(Schema.String),
  dealId: Schema.NullOr(Schema.String),
  /** null when the run stopped before the state engine (no template variables). */
  dossierTermine: Schema.NullOr(Schema.Boolean),
  /** Validator verdict on the rendered reply; null when no reply was rendered. */
  validationOk: Schema.NullOr(Schema.Boolean),
  /** The humanizer's status; null when it was not asked (no reply, or an older event). */
  humanizer: Schema.NullOr(Schema.String),
  findings: Schema.Array(HealthFinding)
})
export type TicketHealth = typeof TicketHealth.Type

/** What the run in progress recorded so far. */
const RunNotes = Schema.Struct({
  ticketId: Schema.String,
  runId: Schema.String,
  today: Schema.String,
  message: Schema.NullOr(Schema.String),
  decision: Schema.NullOr(Schema.Struct({ triageAction: Schema.String, primaryIntent: Schema.NullOr(Schema.String), json: Schema.Unknown, humanizer: Schema.Unknown })),
  draftHtml: Schema.NullOr(Schema.String),
  dealUpdates: Schema.Array(Schema.Unknown)
})
type RunNotes = typeof RunNotes.Type

export interface HealthView {
  readonly tickets: Map<string, TicketHealth>
  readonly runs: Map<string, RunNotes>
}

const isObject = (u: unknown): u is { readonly [key: string]: unknown } => typeof u === "object" && u !== null && !Array.isArray(u)
const at = (value: unknown, ...path: ReadonlyArray<string>): unknown =>
  path.reduce<unknown>((v, key) => (isObject(v) ? v[key] : undefined), value)
const str = (u: unknown): string | null => (typeof u === "string" ? u : null)
const strings = (u: unknown): ReadonlyArray<string> => (Array.isArray(u) ? u.filter((x): x is string => typeof x === "string") : [])

const MESSAGE_MAX = 4_000

/** The candidate's newest message in a recorded case file (its text, clipped). */
const newestMessage = (caseFile: { readonly [key: string]: unknown }): string | null => {
  const threads = caseFile["threads"]
  if (!Array.isArray(threads)) return null
  let best: { readonly at: string; readonly body: string } | null = null
  for (const t of threads) {
    if (at(t, "direction") !== "in") continue
    const body = str(at(t, "plainText")) ?? str(at(t, "content")) ?? str(at(t, "summary"))
    const created = str(at(t, "createdTime")) ?? ""
    if (body !== null && (best === null || created > best.at)) best = { at: created, body }
  }
  return best === null ? null : best.body.slice(0, MESSAGE_MAX)
}

const todayOf = (now: unknown, fallback: string): string => {
  const instant = typeof now === "string" && !Number.isNaN(Date.parse(now)) ? now : fallback
  return todayInParis(instant)
}

const reply = (decision: unknown): HealthInput["reply"] => {
  const r = at(decision, "reply")
  const html = str(at(r, "html"))
  if (html === null) return null
  const errors = at(r, "validation", "errors")
  return {
    html,
    validationOk: at(r, "validation", "ok") === true,
    validationErrors: Array.isArray(errors) ? errors.map((e) => `${str(at(e, "code")) ?? "?"} : ${str(at(e, "message")) ?? ""}`) : []
  }
}

/** The health of a finished run, from its notes and the finishing event. */
export const assess = (notes: RunNotes, finished: { readonly stage: string; readonly draftCreated: boolean; readonly at: string }): TicketHealth => {
  const json = notes.decision?.json
  const vars = at(json, "templateVars")
  const templateVars = isObject(vars) ? vars : {}
  const note = readHumanizerNote(notes.decision?.humanizer ?? undefined)
  const input: HealthInput = {
    stage: finished.stage,
    triageAction: notes.decision?.triageAction ?? "",
    primaryIntent: notes.decision?.primaryIntent ?? null,
    secondaryIntents: strings(at(json, "triage", "secondaryIntents")),
    uberCase: str(at(json, "uberCase")),
    templateVars,
    reply: reply(json),
    humanizer: note === undefined ? null : { status: note.status, html: note.html, failure: note.failure },
    draftHtml: notes.draftHtml,
    draftCreated: finished.draftCreated,
    dealUpdates: notes.dealUpdates.filter(isObject),
    candidateMessage: notes.message,
    today: notes.today
  }
  const findings: ReadonlyArray<Finding> = checkTicket(input)
  return {
    id: notes.ticketId,
    runId: notes.runId,
    checkedAt: finished.at,
    stage: finished.stage,
    intent: input.primaryIntent,
    dealId: str(at(json, "deal", "id")),
    dossierTermine: isObject(vars) && Object.keys(vars).length > 0 ? dossierTermine(templateVars) : null,
    validationOk: input.reply === null ? null : input.reply.validationOk,
    humanizer: note?.status ?? null,
    findings: [...findings]
  }
}

const notesFor = (view: HealthView, event: DocflowEvent): RunNotes | undefined => {
  const notes = view.runs.get(event.ticketId)
  return notes !== undefined && notes.runId === event.runId ? notes : undefined
}

const emptyNotes = (event: DocflowEvent, today: string, message: string | null): RunNotes => ({
  ticketId: event.ticketId, runId: event.runId, today, message, decision: null, draftHtml: null, dealUpdates: []
})

export const healthProjection: Projection<HealthView> = {
  name: "health",
  initial: () => ({ tickets: new Map(), runs: new Map() }),
  reads: new Set(["CaseGathered", "Decided", "ActionRequested", "TicketCompleted", "TicketStopped", "TicketFailed", "TicketDeadLettered"]),
  apply: (view, { event }) => {
    if (event.payload.mode !== "live") return view
    switch (event.type) {
      case "CaseGathered":
        view.runs.set(event.ticketId, emptyNotes(event, todayOf(event.payload.caseFile["now"], event.occurredAt), newestMessage(event.payload.caseFile)))
        return view
      case "Decided": {
        const notes = notesFor(view, event) ?? emptyNotes(event, todayOf(undefined, event.occurredAt), null)
        view.runs.set(event.ticketId, {
          ...notes,
          decision: {
            triageAction: event.payload.triageAction,
            primaryIntent: event.payload.primaryIntent,
            json: event.payload.decision,
            humanizer: event.payload.humanizer ?? null
          }
        })
        return view
      }
      case "ActionRequested": {
        const notes = notesFor(view, event)
        if (notes === undefined) return view
        const payload = event.payload.action["payload"]
        if (event.payload.kind === "CreateDraft") {
          const content = str(at(payload, "content"))
          if (content !== null) view.runs.set(event.ticketId, { ...notes, draftHtml: content })
        } else if (event.payload.kind === "UpdateDeal" && isObject(payload)) {
          view.runs.set(event.ticketId, { ...notes, dealUpdates: [...notes.dealUpdates, payload] })
        }
        return view
      }
      case "TicketCompleted":
      case "TicketStopped": {
        const notes = notesFor(view, event)
        view.runs.delete(event.ticketId)
        if (notes === undefined) return view
        view.tickets.set(event.ticketId, assess(notes, { stage: event.payload.stage, draftCreated: event.payload.draftCreated, at: event.occurredAt }))
        return view
      }
      case "TicketFailed":
      case "TicketDeadLettered":
        view.runs.delete(event.ticketId)
        return view
      default:
        return view
    }
  },
  ...codec(
    Schema.Struct({ tickets: Schema.Array(TicketHealth), runs: Schema.Array(RunNotes) }),
    (view: HealthView) => ({
      tickets: [...view.tickets.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      runs: [...view.runs.values()].sort((a, b) => (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0))
    }),
    (encoded): HealthView => ({
      tickets: new Map(encoded.tickets.map((t) => [t.id, t])),
      runs: new Map(encoded.runs.map((r) => [r.ticketId, r]))
    })
  )
}

export const healthList = (view: HealthView): ReadonlyArray<TicketHealth> =>
  [...view.tickets.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
