/**
 * The triage output contract of §2.7 (what the LLM returns, and what the offline classifier
 * fills), snake_case as in the prompt. Local until `src/schemas/triage.ts` lands; the shapes are
 * meant to coincide.
 */
import { Schema } from "effect"
import { Intent } from "./classifier/intents.ts"

const Nullable = <S extends Schema.Schema.Any>(schema: S) => Schema.NullOr(schema)
const Month = Schema.Int.pipe(Schema.between(1, 12))

export const SessionPreference = Schema.Literal("jour", "soir")
export type SessionPreference = typeof SessionPreference.Type

export const ForceMajeureType = Schema.Literal("medical", "death", "accident", "childcare", "other")
export const CommunicationMode = Schema.Literal("request", "clarification", "verification", "follow_up")
export type CommunicationMode = typeof CommunicationMode.Type

/** Missing keys decode to their neutral value: LLMs often leave out what does not apply. */
export const IntentContext = Schema.Struct({
  is_urgent: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  mentions_force_majeure: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  force_majeure_type: Schema.optionalWith(Nullable(ForceMajeureType), { default: () => null }),
  force_majeure_details: Schema.optionalWith(Nullable(Schema.String), { default: () => null }),
  wants_earlier_date: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  session_preference: Schema.optionalWith(Nullable(SessionPreference), { default: () => null }),
  mentioned_month: Schema.optionalWith(Nullable(Month), { default: () => null }),
  requested_month: Schema.optionalWith(Nullable(Month), { default: () => null }),
  requested_location: Schema.optionalWith(Nullable(Schema.String), { default: () => null }),
  requested_dept_code: Schema.optionalWith(Nullable(Schema.String), { default: () => null }),
  confirmed_new_exam_date: Schema.optionalWith(Nullable(Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/))), { default: () => null }),
  confirmed_session_dates: Schema.optionalWith(Nullable(Schema.String), { default: () => null }),
  remboursement_cma_choice: Schema.optionalWith(Nullable(Schema.Literal("remboursement", "conserver")), { default: () => null }),
  cancellation_reason: Schema.optionalWith(Nullable(Schema.Literal("timing", "retractation", "contestation")), { default: () => null }),
  eligibility_concern: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  communication_mode: Schema.optionalWith(CommunicationMode, { default: () => "request" as const }),
  references_previous_communication: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  mentions_discrepancy: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  discrepancy_details: Schema.optionalWith(Nullable(Schema.String), { default: () => null }),
  is_complaint: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  probation_status: Schema.optionalWith(Nullable(Schema.Literal("completed", "eligible", "pending", "question")), { default: () => null }),
  implicit_date_repositioning: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  mentions_previous_registration: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  provided_contact_info: Schema.optionalWith(
    Nullable(Schema.Struct({ email: Nullable(Schema.String), phone: Nullable(Schema.String) })),
    { default: () => null }
  )
})
export type IntentContext = typeof IntentContext.Type

export const TriageContract = Schema.Struct({
  action: Schema.Literal("GO", "ROUTE", "SPAM"),
  target_department: Nullable(Schema.Literal("DOC", "Refus CMA", "Contact", "Comptabilité")),
  reason: Schema.String,
  confidence: Schema.Number.pipe(Schema.between(0, 1)),
  primary_intent: Nullable(Intent),
  secondary_intents: Schema.Array(Intent),
  intent_context: IntentContext,
  direct_answer: Schema.optional(Nullable(Schema.String))
})
export type TriageContract = typeof TriageContract.Type
