import { Schema } from "effect"
import { CrmWriteValue } from "./crm.ts"
import { DeskCommentRequest, DeskDraftReplyRequest, DeskTicketUpdate } from "./desk.ts"
import { Intent } from "./intents.ts"
import { Confidence, IntentContext, TargetDepartment, TriageAction, TriageMethod } from "./triage.ts"

/**
 * The decision `decide(caseFile)` returns (DESIGN.md §3): everything that was concluded and every
 * side effect to perform. Acting executes `actions` in order, each at most once thanks to its
 * idempotency key; a dry run records the decision and performs none of them.
 */

/** `workflow_stage` values of spec/DOMAIN.md §1.2 (`COMPLETED` is the normal end of a GO ticket). */
export const WorkflowStage = Schema.Literal(
  "SKIPPED_DRAFT_EXISTS",
  "SKIPPED_TICKET_CLOSED",
  "SKIPPED_INSTANT_MESSAGE",
  "TRIAGE",
  "STOPPED_SPAM",
  "SKIPPED_BOUNCE",
  "CLOSED_CMA_DOSSIER_INCOMPLET",
  "CLOSED_CMA_DOSSIER_VALIDE",
  "SKIPPED_CMA_OTHER",
  "CLOSED_NOREPLY_NOTIFICATION",
  "SKIPPED_STALE_CONTEXT_AFTER_TRIAGE",
  "STOPPED_AT_TRIAGE",
  "DUPLICATE_UBER_OFFER",
  "DUPLICATE_CLARIFICATION",
  "DUPLICATE_RECOVERABLE",
  "NEEDS_CLARIFICATION",
  "ESCALATED_ANNULATION_INSISTENCE",
  "ANALYSIS",
  "STOPPED_NO_DEAL",
  "STOPPED_DOCS_CAB",
  "STOPPED_CONTACT",
  "RESPONSE_GENERATION",
  "TEMPLATE_RENDERING_FAILED",
  "STOPPED_AT_SCENARIO",
  /** docflow: the rendered reply failed the validator; a person answers (docs/DEVIATIONS.md). */
  "STOPPED_REPLY_INVALID",
  "SKIPPED_STALE_CONTEXT_BEFORE_UPDATES",
  "TICKET_UPDATE",
  "DEAL_UPDATE",
  "CRM_NOTE",
  "REPLY_DELIVERY",
  "SKIPPED_TICKET_CLOSED_BEFORE_DELIVERY",
  "COMPLETED"
).annotations({ identifier: "WorkflowStage" })
export type WorkflowStage = typeof WorkflowStage.Type

/** Same values as the event log's `RunMode`. */
export const DecisionMode = Schema.Literal("live", "dry-run").annotations({ identifier: "DecisionMode" })
export type DecisionMode = typeof DecisionMode.Type

/** Uber 20 € eligibility case (spec/DOMAIN.md §7.2). */
export const UberCase = Schema.Literal("PROSPECT", "NOT_UBER", "A", "B", "D", "E", "ELIGIBLE").annotations({
  identifier: "UberCase"
})
export type UberCase = typeof UberCase.Type

export const DecisionTriage = Schema.Struct({
  action: TriageAction,
  targetDepartment: Schema.NullOr(TargetDepartment),
  primaryIntent: Schema.NullOr(Intent),
  secondaryIntents: Schema.Array(Intent),
  context: IntentContext,
  method: TriageMethod,
  confidence: Confidence,
  reason: Schema.String
}).annotations({ identifier: "DecisionTriage" })
export type DecisionTriage = typeof DecisionTriage.Type

export const DuplicateType = Schema.Literal("TRUE_DUPLICATE", "RECOVERABLE_PAID", "RECOVERABLE_REFUS_CMA", "RECOVERABLE_NOT_PAID")

/** The deal the ticket was linked to (spec/DOMAIN.md §3), and what the linker found around it. */
export const DecisionDeal = Schema.Struct({
  id: Schema.String,
  name: Schema.NullOr(Schema.String),
  /** How it was found: cf_opportunite, email, alternative_email, phone, … */
  linkedBy: Schema.String,
  duplicateDealIds: Schema.Array(Schema.String),
  duplicateType: Schema.NullOr(DuplicateType)
}).annotations({ identifier: "DecisionDeal" })
export type DecisionDeal = typeof DecisionDeal.Type

/** Helper CAS 1–10 and state-engine CAS 1–11 (spec/DOMAIN.md §5); both are kept, they differ. */
export const DateCase = Schema.Struct({
  helper: Schema.NullOr(Schema.Int.pipe(Schema.between(1, 10))),
  stateEngine: Schema.NullOr(Schema.Int.pipe(Schema.between(1, 11)))
}).annotations({ identifier: "DateCase" })
export type DateCase = typeof DateCase.Type

export const SessionType = Schema.Literal("jour", "soir")

export const ProposedSession = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  type: SessionType,
  start: Schema.NullOr(Schema.String),
  end: Schema.NullOr(Schema.String)
})

/** Training sessions proposed for one exam date (`examDateId` null: sessions without a date). */
export const SessionProposal = Schema.Struct({
  examDateId: Schema.NullOr(Schema.String),
  sessions: Schema.Array(ProposedSession)
})

export const DecisionSessions = Schema.Struct({
  preference: Schema.NullOr(SessionType),
  proposals: Schema.Array(SessionProposal)
}).annotations({ identifier: "DecisionSessions" })
export type DecisionSessions = typeof DecisionSessions.Type

/** Candidate state chosen by the state engine, e.g. `{ id: "D-8", name: "DEADLINE_MISSED" }`. */
export const DecisionState = Schema.Struct({ id: Schema.String, name: Schema.String })

/** Same shape as the renderer's `Reply` (src/services/render/Reply.ts), with issue codes kept open. */
export const ReplyIssue = Schema.Struct({ code: Schema.String, message: Schema.String })
export const DecisionReply = Schema.Struct({
  html: Schema.String,
  text: Schema.String,
  template: Schema.String,
  sections: Schema.Array(Schema.String),
  validation: Schema.Struct({
    ok: Schema.Boolean,
    errors: Schema.Array(ReplyIssue),
    warnings: Schema.Array(ReplyIssue)
  })
}).annotations({ identifier: "DecisionReply" })
export type DecisionReply = typeof DecisionReply.Type

// ---------------------------------------------------------------------------------------------
// Actions: each names its target (ticket id or deal id) and carries the exact request payload.

const actionFields = {
  /** Derived from (ticket id, newest inbound thread id, kind, target): see `makeIdempotencyKey`. */
  idempotencyKey: Schema.NonEmptyString,
  /** Ticket id for Desk actions, deal id for CRM actions. */
  target: Schema.NonEmptyString
}

export const CreateDraft = Schema.TaggedStruct("CreateDraft", { ...actionFields, payload: DeskDraftReplyRequest })

/** Field values may include the ExamT3P password marker; the act step resolves it. */
export const UpdateDeal = Schema.TaggedStruct("UpdateDeal", {
  ...actionFields,
  payload: Schema.Record({ key: Schema.String, value: CrmWriteValue })
})

export const AddTicketComment = Schema.TaggedStruct("AddTicketComment", { ...actionFields, payload: DeskCommentRequest })

export const AddDealNote = Schema.TaggedStruct("AddDealNote", {
  ...actionFields,
  payload: Schema.Struct({ Note_Title: Schema.String, Note_Content: Schema.String })
})

/** The department is named; its id is resolved from `GET /departments` when acting. */
export const MoveTicket = Schema.TaggedStruct("MoveTicket", {
  ...actionFields,
  payload: Schema.Struct({ departmentName: TargetDepartment })
})

export const UpdateTicketFields = Schema.TaggedStruct("UpdateTicketFields", { ...actionFields, payload: DeskTicketUpdate })

export const DecisionAction = Schema.Union(
  CreateDraft,
  UpdateDeal,
  AddTicketComment,
  AddDealNote,
  MoveTicket,
  UpdateTicketFields
).annotations({ identifier: "DecisionAction" })
export type DecisionAction = typeof DecisionAction.Type
export type ActionKind = DecisionAction["_tag"]

/**
 * `<ticket id>:<newest inbound thread id | none>:<kind>:<target>`. A new message from the
 * candidate gives new keys (a new reply is due); re-running the same ticket gives the same keys.
 */
export const makeIdempotencyKey = (parts: {
  readonly ticketId: string
  readonly inboundThreadId: string | null
  readonly kind: ActionKind
  readonly target: string
}): string => `${parts.ticketId}:${parts.inboundThreadId ?? "none"}:${parts.kind}:${parts.target}`

export const Decision = Schema.Struct({
  mode: DecisionMode,
  stage: WorkflowStage,
  triage: DecisionTriage,
  /** null when no deal was linked. */
  deal: Schema.NullOr(DecisionDeal),
  uberCase: Schema.NullOr(UberCase),
  dateCase: DateCase,
  sessions: DecisionSessions,
  /** null when the run stopped before the state engine. */
  state: Schema.NullOr(DecisionState),
  /** Owned by the renderer (src/services/render/TemplateVars.ts); kept open here. */
  templateVars: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  /** null when no reply is drafted. */
  reply: Schema.NullOr(DecisionReply),
  actions: Schema.Array(DecisionAction)
}).annotations({ identifier: "Decision" })
export type Decision = typeof Decision.Type
export type DecisionJson = typeof Decision.Encoded
