import { Schema } from "effect"

/** One reason a reply may not be drafted (error) or should be looked at (warning). */
export const ValidationIssue = Schema.Struct({
  code: Schema.Literal(
    "internal_term", "unresolved_placeholder", "missing_greeting", "missing_signature",
    "unknown_date", "past_date", "too_many_exam_dates", "foreign_email", "credentials_not_allowed",
    "amount_20_not_allowed", "unexpected_amount", "length"
  ),
  message: Schema.String
})
export type ValidationIssue = typeof ValidationIssue.Type

/** The validator's verdict; a reply with any error is not drafted (the ticket stops for a human). */
export const ReplyValidation = Schema.Struct({
  ok: Schema.Boolean,
  errors: Schema.Array(ValidationIssue),
  warnings: Schema.Array(ValidationIssue)
})
export type ReplyValidation = typeof ReplyValidation.Type

/** A rendered reply, as carried by the decision. `sections` lists the rendered sections in order. */
export const Reply = Schema.Struct({
  html: Schema.String,
  text: Schema.String,
  template: Schema.String,
  sections: Schema.Array(Schema.String),
  validation: ReplyValidation
})
export type Reply = typeof Reply.Type
