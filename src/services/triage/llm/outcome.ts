import { Schema } from "effect"
import { TriageResult } from "../../../schemas/triage.ts"

/**
 * What one LLM triage attempt gave, as the caller records it (case file `llmTriage`, events).
 * `Ok` carries the decoded result; every other outcome means the offline rules were used instead.
 * Reasons are written for operators and never contain the API key.
 */

const attempt = {
  modelId: Schema.String,
  promptVersion: Schema.String,
  latencyMs: Schema.Number
}

export class LlmTriageOk extends Schema.TaggedClass<LlmTriageOk>()("Ok", {
  ...attempt,
  result: TriageResult
}) {}

/** The model answered, but not with an object the triage schema accepts. */
export class LlmTriageInvalid extends Schema.TaggedClass<LlmTriageInvalid>()("Invalid", {
  ...attempt,
  reason: Schema.String
}) {}

export const FailureKind = Schema.Literal("timeout", "auth", "rate_limited", "overloaded", "http", "transport", "unknown")
export type FailureKind = typeof FailureKind.Type

/** No usable answer: timeout, HTTP error, network failure. */
export class LlmTriageFailed extends Schema.TaggedClass<LlmTriageFailed>()("Failed", {
  ...attempt,
  kind: FailureKind,
  status: Schema.optional(Schema.Number),
  reason: Schema.String
}) {}

/** The adapter is off (no `ANTHROPIC_API_KEY`): the model was not asked. */
export class LlmTriageDisabled extends Schema.TaggedClass<LlmTriageDisabled>()("Disabled", {
  reason: Schema.String
}) {}

export const LlmTriageOutcome = Schema.Union(LlmTriageOk, LlmTriageInvalid, LlmTriageFailed, LlmTriageDisabled)
export type LlmTriageOutcome = typeof LlmTriageOutcome.Type
