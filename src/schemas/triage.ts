import { Schema } from "effect"
import { Intent } from "./intents.ts"
import { JsonNumber } from "./zohoPrimitives.ts"

/**
 * The triage contract (spec/DOMAIN.md §2.1, §2.7). The offline rule classifier and the LLM
 * adapter both produce a `TriageResult`; field names follow the LLM's JSON (snake_case) so the
 * model's answer decodes directly. Fields the model may leave out take their neutral default.
 */

/** Every triage action (§2.1). The LLM itself may only answer GO, ROUTE or SPAM. */
export const TriageAction = Schema.Literal(
  "GO",
  "ROUTE",
  "SPAM",
  "BOUNCE",
  "CMA_NOTIFICATION",
  "CMA_OTHER",
  "NOREPLY_NOTIFICATION",
  "DUPLICATE_UBER",
  "DUPLICATE_CLARIFICATION",
  "DUPLICATE_RECOVERABLE",
  "NEEDS_CLARIFICATION"
).annotations({ identifier: "TriageAction" })
export type TriageAction = typeof TriageAction.Type

export const LlmTriageAction = Schema.Literal("GO", "ROUTE", "SPAM").annotations({ identifier: "LlmTriageAction" })

/** Desk departments a ticket can be routed to (§2.5). */
export const TargetDepartment = Schema.Literal("DOC", "Refus CMA", "Contact", "Comptabilité", "DOCS CAB").annotations({
  identifier: "TargetDepartment"
})
export type TargetDepartment = typeof TargetDepartment.Type

/** How the triage result was reached (§2.1 "method"). */
export const TriageMethod = Schema.Literal(
  "default",
  "bounce_filter",
  "spam_filter",
  "cma_notification_filter",
  "noreply_notification_filter",
  "non_uber_registration_routing",
  "non_uber_prospect_routing",
  "duplicate_name_postal_confirmation",
  "duplicate_with_other_service",
  "duplicate_not_paid_ignored",
  "duplicate_paid_continue",
  "duplicate_with_resultat_bypass",
  "duplicate_already_communicated_upsell",
  "duplicate_detection",
  "uber_converted_different_email",
  "info_request_routing",
  "out_of_scope_routing",
  "candidate_not_found",
  "business_rules_routing",
  "rule_transmet_documents",
  "rule_credentials_override",
  "rule_evalbox_with_documents",
  "rule_attestation_france_travail",
  "rgpd_routing",
  "duplicate_previously_verified",
  "clarification_resolution",
  "offline_rules",
  "ai",
  "fallback",
  "error_fallback"
).annotations({ identifier: "TriageMethod" })
export type TriageMethod = typeof TriageMethod.Type

const Month = Schema.Int.pipe(Schema.between(1, 12)).annotations({ identifier: "Month" })
const IsoDate = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/)).annotations({
  identifier: "IsoDate",
  description: "YYYY-MM-DD"
})
const SessionPreference = Schema.Literal("jour", "soir")

/** Optional in the JSON, `false` when absent. */
const flag = Schema.optionalWith(Schema.Boolean, { default: () => false })
/** Optional in the JSON, `null` when absent. */
const nullable = <A, I>(schema: Schema.Schema<A, I, never>) =>
  Schema.optionalWith(Schema.NullOr(schema), { default: () => null })

export const CurrentSessionDates = Schema.Struct({
  start_date: Schema.NullOr(Schema.String),
  end_date: Schema.NullOr(Schema.String),
  raw_text: nullable(Schema.String),
  source: nullable(Schema.Literal("confirmation_email", "context"))
})

export const RequestedTrainingDates = Schema.Struct({
  start_date: Schema.NullOr(Schema.String),
  end_date: nullable(Schema.String),
  month: nullable(Month),
  raw_text: nullable(Schema.String),
  is_range: flag,
  inferred_preference: nullable(SessionPreference)
})

export const ClaimedSession = Schema.Struct({
  claimed_type: nullable(Schema.String),
  /** "YYYY-MM-DD - YYYY-MM-DD" */
  claimed_dates: nullable(Schema.String),
  claimed_dates_raw: nullable(Schema.String)
})

export const AssignedSessionWrong = Schema.Struct({
  wrong_type: nullable(Schema.String),
  wrong_dates: nullable(Schema.String),
  wrong_dates_raw: nullable(Schema.String)
})

export const ProvidedContactInfo = Schema.Struct({
  email: nullable(Schema.String),
  phone: nullable(Schema.String)
})

/** `intent_context` of §2.7: every detail the rules read about what the candidate asked. */
export const IntentContext = Schema.Struct({
  is_urgent: flag,
  mentions_force_majeure: flag,
  force_majeure_type: nullable(Schema.Literal("medical", "death", "accident", "childcare", "other")),
  force_majeure_details: nullable(Schema.String),
  wants_earlier_date: flag,
  session_preference: nullable(SessionPreference),
  mentioned_month: nullable(Month),
  requested_month: nullable(Month),
  requested_location: nullable(Schema.String),
  /** Département code: "75", "34", "2A", "974"… */
  requested_dept_code: nullable(Schema.String),
  confirmed_new_exam_date: nullable(IsoDate),
  /** "DD/MM/YYYY-DD/MM/YYYY" */
  confirmed_session_dates: nullable(Schema.String),
  remboursement_cma_choice: nullable(Schema.Literal("remboursement", "conserver")),
  cancellation_reason: nullable(Schema.Literal("timing", "retractation", "contestation")),
  eligibility_concern: flag,
  communication_mode: Schema.optionalWith(Schema.Literal("request", "clarification", "verification", "follow_up"), {
    default: () => "request" as const
  }),
  references_previous_communication: flag,
  mentions_discrepancy: flag,
  discrepancy_details: nullable(Schema.String),
  current_session_dates: nullable(CurrentSessionDates),
  requested_training_dates: nullable(RequestedTrainingDates),
  is_complaint: flag,
  claimed_session: nullable(ClaimedSession),
  assigned_session_wrong: nullable(AssignedSessionWrong),
  probation_status: nullable(Schema.Literal("completed", "eligible", "pending", "question")),
  implicit_date_repositioning: flag,
  mentions_previous_registration: flag,
  provided_contact_info: nullable(ProvidedContactInfo)
}).annotations({ identifier: "IntentContext" })
export type IntentContext = typeof IntentContext.Type

/** An intent context with nothing detected. */
export const emptyIntentContext = (): IntentContext => Schema.decodeUnknownSync(IntentContext)({})

export const Confidence = JsonNumber.pipe(Schema.between(0, 1)).annotations({ identifier: "Confidence" })

/** The triage outcome both classifiers fill (§2.7 plus the workflow's `action`/`method`). */
export const TriageResult = Schema.Struct({
  action: TriageAction,
  /** null for actions that do not move the ticket; GO means "stay in the current department". */
  target_department: nullable(TargetDepartment),
  reason: Schema.optionalWith(Schema.String, { default: () => "" }),
  confidence: Confidence,
  method: Schema.optionalWith(TriageMethod, { default: () => "ai" as const }),
  primary_intent: nullable(Intent),
  secondary_intents: Schema.optionalWith(Schema.Array(Intent), { default: () => [] }),
  intent_context: Schema.optionalWith(IntentContext, { default: emptyIntentContext }),
  /** 2–3 sentences grounded in CRM data, or null. */
  direct_answer: nullable(Schema.String)
}).annotations({ identifier: "TriageResult" })
export type TriageResult = typeof TriageResult.Type
export type TriageResultJson = typeof TriageResult.Encoded
