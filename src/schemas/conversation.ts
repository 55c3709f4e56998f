import { Schema } from "effect"

/**
 * V3 conversation analysis (DOMAIN.md §8.6): what an LLM reads in the whole exchange with the
 * candidate. Recorded in the case file (`conversation`) when the model answered usably; `decide`
 * uses it for the date-confirmation fallback (§5.7), "the candidate already chose a date" (§1.4
 * step 9) and the response modes (§8.5). Advisory only: nothing here is required.
 */

const IsoDate = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/)).annotations({
  identifier: "IsoDate", description: "date au format YYYY-MM-DD"
})

export const ConversationMode = Schema.Literal(
  "initial_contact", "confirmation", "clarification", "status_check", "insistence", "new_topic", "follow_up", "complaint", "gratitude"
)
export const ResponseMode = Schema.Literal("full", "brief_confirmation", "targeted", "status_update")
export type ResponseMode = typeof ResponseMode.Type

export const Commitment = Schema.Literal(
  "report_date", "change_session", "contact_cma", "callback", "wait_validation", "create_account", "escalate", "refund_processing",
  "send_convocation"
)

export const DecisionKind = Schema.Literal(
  "date_choice", "session_choice", "keep_current", "annulation_confirmed", "documents_sent", "preference_jour", "preference_soir"
)

/** A decision the candidate stated; `value` is the chosen date (`YYYY-MM-DD`) for `date_choice`. */
export const CandidateDecision = Schema.Struct({
  kind: DecisionKind,
  value: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  confidence: Schema.Number.pipe(Schema.between(0, 1))
})
export type CandidateDecision = typeof CandidateDecision.Type

export const ConversationAnalysis = Schema.Struct({
  conversation_mode: ConversationMode,
  response_mode: ResponseMode,
  commitments: Schema.optionalWith(Schema.Array(Commitment), { default: () => [] }),
  decisions: Schema.optionalWith(Schema.Array(CandidateDecision), { default: () => [] }),
  target_date: Schema.optionalWith(Schema.NullOr(IsoDate), { default: () => null }),
  target_session: Schema.optionalWith(Schema.NullOr(Schema.String), { default: () => null }),
  /** a person already handles the ticket (advisory only) */
  human_is_handling: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  proposed_dates: Schema.optionalWith(Schema.Array(IsoDate), { default: () => [] }),
  proposed_sessions: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] })
}).annotations({
  identifier: "ConversationAnalysis",
  description: "Analyse de l'échange entre l'école et le candidat : mode de conversation, réponse attendue, engagements et décisions."
})
export type ConversationAnalysis = typeof ConversationAnalysis.Type
export type ConversationAnalysisJson = typeof ConversationAnalysis.Encoded
