import { Schema } from "effect"
import { ConversationAnalysis } from "../../schemas/conversation.ts"
import { FailureKind } from "../triage/llm/outcome.ts"

/**
 * What one conversation-analysis attempt gave. Only `Ok` is recorded in the case file; every other
 * outcome means `decide` works from the META notes and the CRM timeline alone (V2 / V1, §8.6).
 * Reasons are written for operators and never contain the API key.
 */

const attempt = { modelId: Schema.String, promptVersion: Schema.String, latencyMs: Schema.Number }

export class ConversationOk extends Schema.TaggedClass<ConversationOk>()("Ok", { ...attempt, result: ConversationAnalysis }) {}

/** The model answered, but not with an object the schema accepts. */
export class ConversationInvalid extends Schema.TaggedClass<ConversationInvalid>()("Invalid", { ...attempt, reason: Schema.String }) {}

/** No usable answer: timeout, HTTP error, network failure. */
export class ConversationFailed extends Schema.TaggedClass<ConversationFailed>()("Failed", {
  ...attempt, kind: FailureKind, status: Schema.optional(Schema.Number), reason: Schema.String
}) {}

/** Not asked: no `ANTHROPIC_API_KEY`, or one incoming message only. */
export class ConversationDisabled extends Schema.TaggedClass<ConversationDisabled>()("Disabled", { reason: Schema.String }) {}

export const ConversationOutcome = Schema.Union(ConversationOk, ConversationInvalid, ConversationFailed, ConversationDisabled)
export type ConversationOutcome = typeof ConversationOutcome.Type
