import { Schema } from "effect"

/** What the triage prompt is built from (§2.7 "the prompt also injects …"). */

export const DealContext = Schema.Struct({
  name: Schema.String,
  amount: Schema.NullOr(Schema.Number),
  stage: Schema.NullOr(Schema.String),
  evalbox: Schema.NullOr(Schema.String),
  /** The real exam date (YYYY-MM-DD), null when none is assigned. */
  examDate: Schema.NullOr(Schema.String),
  examDepartement: Schema.NullOr(Schema.String),
  sessionName: Schema.NullOr(Schema.String),
  sessionType: Schema.NullOr(Schema.Literal("jour", "soir"))
}).annotations({ identifier: "DealContext" })
export type DealContext = typeof DealContext.Type

export const LlmTriageInput = Schema.Struct({
  /** Calendar day in Europe/Paris (YYYY-MM-DD): gives the model the year to assume. */
  today: Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/)),
  subject: Schema.String,
  customerMessage: Schema.String,
  currentDepartment: Schema.String,
  deal: Schema.NullOr(DealContext),
  conversationSummary: Schema.optionalWith(Schema.String, { default: () => "" }),
  dealJourney: Schema.optionalWith(Schema.String, { default: () => "" }),
  /** Free hint an agent left with `@agent` in a private comment. */
  agentHint: Schema.optionalWith(Schema.String, { default: () => "" })
}).annotations({ identifier: "LlmTriageInput" })
export type LlmTriageInput = typeof LlmTriageInput.Type
export type LlmTriageInputJson = typeof LlmTriageInput.Encoded
