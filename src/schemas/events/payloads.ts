/**
 * Every event payload as a Schema class (current versions), and the fields they share. The public
 * module is `../events.ts`, which re-exports all of this.
 */
import { Schema } from "effect"
import { registerDeclaredGuard } from "./guard.ts"
import { findClearSecret, hasClearSecret } from "./redaction.ts"

// ---------------------------------------------------------------------------------------------
// Shared fields

export const RunMode = Schema.Literal("live", "dry-run")
export type RunMode = typeof RunMode.Type

/**
 * A JSON object whose inner shape belongs to another schema (case file, decision, outcome).
 * Declared rather than `Schema.Record(String, Unknown)`: parsed JSON only has string keys, so
 * "a non-array object" is the whole check, without a per-key pass on the replay hot path.
 */
const isJsonObject = (u: unknown): u is { readonly [key: string]: unknown } =>
  typeof u === "object" && u !== null && !Array.isArray(u)
export const JsonObject = Schema.declare(isJsonObject, {
  identifier: "JsonObject",
  description: "a JSON object",
  arbitrary: () => (fc) => fc.dictionary(fc.string(), fc.jsonValue())
})
registerDeclaredGuard(JsonObject.ast, isJsonObject)
export type JsonObject = typeof JsonObject.Type

export const ErrorInfo = Schema.Struct({ reason: Schema.String, message: Schema.String })
export type ErrorInfo = typeof ErrorInfo.Type

export const ActionKind = Schema.Literal(
  "CreateDraft",
  "UpdateDeal",
  "AddTicketComment",
  "AddDealNote",
  "MoveTicket",
  "UpdateTicketFields"
)
export type ActionKind = typeof ActionKind.Type

export const NonNegativeInt = Schema.Int.pipe(Schema.nonNegative())

/** A case file as stored in an event: a JSON object with every password redacted. */
export const RedactedCaseFile = JsonObject.pipe(
  Schema.filter((caseFile) =>
    hasClearSecret(caseFile)
      ? // The message names the path only: the offending value is a secret.
        `clear ExamT3P password at ${findClearSecret(caseFile) ?? "?"}: redact the case file before recording it`
      : undefined
  )
)

// ---------------------------------------------------------------------------------------------
// Payloads (current versions)

export class TicketEnqueued extends Schema.Class<TicketEnqueued>("TicketEnqueued")({
  mode: RunMode,
  source: Schema.Literal("producer", "operator", "redrive", "webhook"),
  ticketNumber: Schema.NullOr(Schema.String),
  subject: Schema.NullOr(Schema.String),
  createdTime: Schema.NullOr(Schema.String)
}) {}

export class CaseGathered extends Schema.Class<CaseGathered>("CaseGathered")({
  mode: RunMode,
  caseFile: RedactedCaseFile
}) {}

export class Decided extends Schema.Class<Decided>("Decided")({
  mode: RunMode,
  stage: Schema.String,
  triageAction: Schema.String,
  targetDepartment: Schema.NullOr(Schema.String),
  primaryIntent: Schema.NullOr(Schema.String),
  stateId: Schema.NullOr(Schema.String),
  decision: JsonObject,
  /**
   * What the humanizer did with the rendered reply (its shape: `HumanizerNote` in
   * src/pipeline/workflow/humanize.ts). Absent when no reply was rendered, and on events written
   * before the workflow called the humanizer: additive, so those still decode as version 2.
   */
  humanizer: Schema.optionalWith(JsonObject, { exact: true })
}) {}

export class ActionRequested extends Schema.Class<ActionRequested>("ActionRequested")({
  mode: RunMode,
  idempotencyKey: Schema.NonEmptyString,
  kind: ActionKind,
  target: Schema.String,
  action: JsonObject
}) {}

export class ActionSucceeded extends Schema.Class<ActionSucceeded>("ActionSucceeded")({
  mode: RunMode,
  idempotencyKey: Schema.NonEmptyString,
  kind: ActionKind,
  /** true when the outcome was found by reconciliation (e.g. the draft already existed). */
  reconciled: Schema.Boolean,
  outcome: JsonObject
}) {}

export class ActionFailed extends Schema.Class<ActionFailed>("ActionFailed")({
  mode: RunMode,
  idempotencyKey: Schema.NonEmptyString,
  kind: ActionKind,
  /** true when the request may have reached Zoho: reconcile before any retry. */
  outcomeUnknown: Schema.Boolean,
  error: ErrorInfo
}) {}

export class TicketCompleted extends Schema.Class<TicketCompleted>("TicketCompleted")({
  mode: RunMode,
  stage: Schema.String,
  draftCreated: Schema.Boolean,
  crmUpdated: Schema.Boolean
}) {}

export class TicketStopped extends Schema.Class<TicketStopped>("TicketStopped")({
  mode: RunMode,
  stage: Schema.String,
  reason: Schema.String,
  draftCreated: Schema.Boolean
}) {}

export class TicketFailed extends Schema.Class<TicketFailed>("TicketFailed")({
  mode: RunMode,
  stage: Schema.String,
  attempt: NonNegativeInt,
  willRetry: Schema.Boolean,
  error: ErrorInfo
}) {}

export class TicketDeadLettered extends Schema.Class<TicketDeadLettered>("TicketDeadLettered")({
  mode: RunMode,
  attempts: NonNegativeInt,
  error: ErrorInfo
}) {}

