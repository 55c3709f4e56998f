import { Schema } from "effect"
import { LatestById } from "./latestById.ts"
import { codec, type Projection } from "./projection.ts"

/** The seed's processed-ticket record, field for field. */
export const ProcessedRecord = Schema.Struct({
  id: Schema.String,
  processed_at: Schema.String,
  success: Schema.Boolean,
  workflow_stage: Schema.String,
  triage_action: Schema.NullOr(Schema.String),
  primary_intent: Schema.NullOr(Schema.String),
  draft_created: Schema.Boolean
})
export type ProcessedRecord = typeof ProcessedRecord.Type

/** What the run's decision said, kept until the run ends. */
const RunDecision = Schema.Struct({
  ticketId: Schema.String,
  runId: Schema.String,
  triageAction: Schema.String,
  primaryIntent: Schema.NullOr(Schema.String)
})
type RunDecision = typeof RunDecision.Type

/** The latest failure of a ticket that has not succeeded since. */
export const FailureRecord = Schema.Struct({
  id: Schema.String,
  failed_at: Schema.String,
  stage: Schema.String,
  reason: Schema.String,
  message: Schema.String,
  attempts: Schema.Int,
  dead_lettered: Schema.Boolean
})
export type FailureRecord = typeof FailureRecord.Type

/** A processed record without its id and time: what a run's end says of its ticket. */
type RunOutcome = Omit<ProcessedRecord, "id" | "processed_at">

/**
 * What the view keeps of a processed ticket (recorded under its id). A replay keeps one per
 * ticket ever processed, so it is kept small: the time, and an outcome shared by every ticket
 * that ended the same way (a handful of combinations), instead of a record and its own copies of
 * the stage, action and intent strings (JSON.parse makes a fresh string for each).
 */
interface ProcessedEntry {
  readonly processedAt: string
  readonly outcome: RunOutcome
}

export interface ProcessedView {
  readonly records: LatestById<ProcessedEntry>
  readonly decisions: Map<string, RunDecision>
  readonly failures: Map<string, FailureRecord>
  /** The distinct outcomes seen, by stage, then action, then intent, then the two flags. */
  readonly outcomes: Map<string, Map<string | null, Map<string | null, Array<RunOutcome | undefined>>>>
}

const byId = <A extends { readonly id: string }>(values: Iterable<A>): ReadonlyArray<A> =>
  [...values].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

const emptyView = (): ProcessedView => ({ records: new LatestById(), decisions: new Map(), failures: new Map(), outcomes: new Map() })

/** The shared outcome for these values (made the first time they are seen). */
const outcomeOf = (
  view: ProcessedView,
  stage: string,
  triageAction: string | null,
  primaryIntent: string | null,
  success: boolean,
  draftCreated: boolean
): RunOutcome => {
  let byAction = view.outcomes.get(stage)
  if (byAction === undefined) view.outcomes.set(stage, (byAction = new Map()))
  let byIntent = byAction.get(triageAction)
  if (byIntent === undefined) byAction.set(triageAction, (byIntent = new Map()))
  let byFlags = byIntent.get(primaryIntent)
  if (byFlags === undefined) byIntent.set(primaryIntent, (byFlags = [undefined, undefined, undefined, undefined]))
  const flags = (success ? 2 : 0) + (draftCreated ? 1 : 0)
  const known = byFlags[flags]
  if (known !== undefined) return known
  const made: RunOutcome = {
    success,
    workflow_stage: stage,
    triage_action: triageAction,
    primary_intent: primaryIntent,
    draft_created: draftCreated
  }
  byFlags[flags] = made
  return made
}

const setRecord = (view: ProcessedView, record: ProcessedRecord): void => {
  view.records.set(record.id, {
    processedAt: record.processed_at,
    outcome: outcomeOf(view, record.workflow_stage, record.triage_action, record.primary_intent, record.success, record.draft_created)
  })
}

export const processedList = (view: ProcessedView): ReadonlyArray<ProcessedRecord> => {
  const records: Array<ProcessedRecord> = []
  for (const [id, { processedAt, outcome }] of view.records.entries()) {
    records.push({
      id,
      processed_at: processedAt,
      success: outcome.success,
      workflow_stage: outcome.workflow_stage,
      triage_action: outcome.triage_action,
      primary_intent: outcome.primary_intent,
      draft_created: outcome.draft_created
    })
  }
  return byId(records)
}
export const failureList = (view: ProcessedView): ReadonlyArray<FailureRecord> => byId(view.failures.values())

/**
 * The processed tickets, one record per ticket (its latest finished run wins, as when the seed
 * re-processes a ticket), and the tickets whose latest attempt failed. Dry-run runs are left out.
 */
/** Takes (and forgets) the decision recorded for this ticket, if it belongs to the same run. */
const takeDecision = (view: ProcessedView, ticketId: string, runId: string): RunDecision | undefined => {
  const decision = view.decisions.get(ticketId)
  if (decision === undefined) return undefined
  view.decisions.delete(ticketId)
  return decision.runId === runId ? decision : undefined
}

const finish = (
  view: ProcessedView,
  event: { readonly ticketId: string; readonly runId: string; readonly occurredAt: string },
  stage: string,
  success: boolean,
  draftCreated: boolean
): void => {
  const decision = takeDecision(view, event.ticketId, event.runId)
  view.records.set(event.ticketId, {
    processedAt: event.occurredAt,
    outcome: outcomeOf(view, stage, decision?.triageAction ?? null, decision?.primaryIntent ?? null, success, draftCreated)
  })
}

export const processedProjection: Projection<ProcessedView> = {
  name: "processed",
  initial: emptyView,
  reads: new Set(["Decided", "TicketCompleted", "TicketStopped", "TicketEnqueued", "TicketFailed", "TicketDeadLettered"]),
  apply: (view, { event }) => {
    if (event.payload.mode !== "live") return view
    switch (event.type) {
      case "Decided":
        view.decisions.set(event.ticketId, {
          ticketId: event.ticketId,
          runId: event.runId,
          triageAction: event.payload.triageAction,
          primaryIntent: event.payload.primaryIntent
        })
        return view
      case "TicketCompleted":
        finish(view, event, event.payload.stage, true, event.payload.draftCreated)
        view.failures.delete(event.ticketId)
        return view
      case "TicketStopped":
        finish(view, event, event.payload.stage, true, event.payload.draftCreated)
        view.failures.delete(event.ticketId)
        return view
      case "TicketEnqueued":
        // A redriven ticket leaves the dead-letter list (it is pending again).
        if (view.failures.get(event.ticketId)?.dead_lettered === true) view.failures.delete(event.ticketId)
        return view
      case "TicketFailed":
        // The run is over but the ticket is not: it stays pending for a retry (or the DLQ).
        view.decisions.delete(event.ticketId)
        view.failures.set(event.ticketId, {
          id: event.ticketId,
          failed_at: event.occurredAt,
          stage: event.payload.stage,
          reason: event.payload.error.reason,
          message: event.payload.error.message,
          attempts: event.payload.attempt,
          dead_lettered: false
        })
        return view
      case "TicketDeadLettered": {
        const previous = view.failures.get(event.ticketId)
        const stage = previous?.stage ?? "DEAD_LETTERED"
        finish(view, event, stage, false, false)
        view.failures.set(event.ticketId, {
          id: event.ticketId,
          failed_at: event.occurredAt,
          stage,
          reason: event.payload.error.reason,
          message: event.payload.error.message,
          attempts: event.payload.attempts,
          dead_lettered: true
        })
        return view
      }
      default:
        return view
    }
  },
  ...codec(
    Schema.Struct({
      records: Schema.Array(ProcessedRecord),
      decisions: Schema.Array(RunDecision),
      failures: Schema.Array(FailureRecord)
    }),
    (view: ProcessedView) => ({
      records: processedList(view),
      decisions: [...view.decisions.values()].sort((a, b) => a.ticketId.localeCompare(b.ticketId)),
      failures: failureList(view)
    }),
    (encoded): ProcessedView => {
      const view = emptyView()
      for (const r of encoded.records) setRecord(view, r)
      for (const d of encoded.decisions) view.decisions.set(d.ticketId, d)
      for (const f of encoded.failures) view.failures.set(f.id, f)
      return view
    }
  )
}
