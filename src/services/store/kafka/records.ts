import { Either, ParseResult, Schema } from "effect"
import { acceptEnvelopeObject, type DocflowEvent } from "../../../schemas/events.ts"

/** The value of a record of the tickets topic (its key is the ticket id too). */
export const TicketRecord = Schema.Struct({
  ticketId: Schema.NonEmptyString,
  enqueuedAt: Schema.String
})
export type TicketRecord = typeof TicketRecord.Type

/** The value of a record of the dead-letter topic. */
export const DeadLetterRecord = Schema.Struct({
  ticketId: Schema.NonEmptyString,
  reason: Schema.String,
  message: Schema.String,
  at: Schema.String
})
export type DeadLetterRecord = typeof DeadLetterRecord.Type

const decodeTicketJson = Schema.decodeUnknownEither(Schema.parseJson(TicketRecord))

/**
 * The ticket id of a tickets record: the value must decode, and a key, when there is one, must
 * agree with it. Left: what is wrong, naming the path and the offending value.
 */
export const readTicketRecord = (key: string | null, value: string | null): Either.Either<string, string> => {
  const decoded = decodeTicketJson(value ?? "")
  if (Either.isLeft(decoded)) return Either.left(ParseResult.TreeFormatter.formatErrorSync(decoded.left))
  const { ticketId } = decoded.right
  if (key !== null && key !== ticketId) return Either.left(`key "${key}" does not match ticketId "${ticketId}"`)
  return Either.right(ticketId)
}

export const encodeTicketRecord = (record: TicketRecord): string => JSON.stringify(Schema.encodeSync(TicketRecord)(record))
export const encodeDeadLetterRecord = (record: DeadLetterRecord): string => JSON.stringify(Schema.encodeSync(DeadLetterRecord)(record))

// ---------------------------------------------------------------------------------------------
// Records of the events topic

/**
 * The record format of the events topic, written in the value as `v`. Format 2 (today's): one
 * JSON text holds the envelope and the payload, so a reader parses it once and reads no header;
 * the `type` and `ticketId` headers are kept for people and tools only. Format 1 (older records):
 * the value was the payload alone and the envelope was in seven headers; it is still read.
 */
export const EVENT_RECORD_FORMAT = 2

/** The fields of a format-2 value, `v` included. */
const ENVELOPED_KEYS = ["v", "eventId", "type", "version", "ticketId", "ticketSeq", "runId", "occurredAt", "payload"] as const

export interface EventRecordEnvelope {
  readonly eventId: string
  readonly type: string
  readonly version: number
  readonly ticketId: string
  readonly ticketSeq: number
  readonly runId: string
  readonly occurredAt: string
}

/** The value of a format-2 record (the payload already in its encoded, JSON-ready form). */
export const eventRecordValue = (envelope: EventRecordEnvelope, payload: unknown): string =>
  JSON.stringify({
    v: EVENT_RECORD_FORMAT,
    eventId: envelope.eventId,
    type: envelope.type,
    version: envelope.version,
    ticketId: envelope.ticketId,
    ticketSeq: envelope.ticketSeq,
    runId: envelope.runId,
    occurredAt: envelope.occurredAt,
    payload
  })

/** The headers of a format-2 record: for people and tools, never read back. */
export const eventRecordHeaders = (envelope: EventRecordEnvelope): Readonly<Record<string, string>> => ({
  type: envelope.type,
  ticketId: envelope.ticketId
})

/** True for a parsed value that says which format wrote it (format 2 and later): no header needed. */
export const isEnvelopedValue = (parsed: unknown): parsed is Readonly<Record<string, unknown>> =>
  parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) && "v" in parsed

/**
 * The replay's fast path for a parsed value: its event when it is a well-formed format-2 value
 * whose every field checks, else undefined (then `envelopedValueProblem` and the full decoder say
 * what is wrong).
 */
export const acceptEnvelopedValue = (parsed: unknown): DocflowEvent | undefined =>
  isEnvelopedValue(parsed) && parsed["v"] === EVENT_RECORD_FORMAT ? acceptEnvelopeObject(parsed, ENVELOPED_KEYS.length) : undefined

/** Why an enveloped value cannot be read as format 2 (an unknown format, a missing or extra field), or undefined. */
export const envelopedValueProblem = (value: Readonly<Record<string, unknown>>): string | undefined => {
  if (value["v"] !== EVENT_RECORD_FORMAT) {
    return `record format ${JSON.stringify(value["v"])} is not one this build reads (${EVENT_RECORD_FORMAT}): upgrade docflow before reading this log`
  }
  let count = 0
  for (const _ in value) count++
  if (count === ENVELOPED_KEYS.length && "payload" in value) return undefined
  const missing = ENVELOPED_KEYS.filter((k) => !(k in value))
  const extra = Object.keys(value).filter((k) => !(ENVELOPED_KEYS as ReadonlyArray<string>).includes(k))
  return `record value: ${[missing.length > 0 ? `missing ${missing.join(", ")}` : "", extra.length > 0 ? `unexpected ${extra.join(", ")}` : ""].filter((s) => s !== "").join("; ")}`
}

type Column = string | number | null

/** A header holding a whole number is read as one (format 1 wrote numbers as text). */
const numericHeader = (text: string | undefined): Column => {
  if (text === undefined) return null
  return /^-?\d+$/.test(text) ? Number(text) : text
}

const scalar = (u: unknown): Column => (typeof u === "string" || typeof u === "number" ? u : null)

/**
 * The envelope columns and the payload's JSON text of an events record, whichever format wrote
 * it, for a store that keeps them apart (the local state store): `[eventId, type, version,
 * ticketId, ticketSeq, runId, occurredAt, payloadJson]`. Nothing is checked here: what is off
 * (a torn value, a wrong field) is kept so that decoding the row fails and says so — a format-2
 * value that is not well formed keeps its whole text as payload, which never decodes.
 */
export const eventRecordColumns = (
  key: string | null,
  value: string | null,
  headers: Readonly<Record<string, string>>
): ReadonlyArray<Column> => {
  if (value !== null && headers["eventId"] === undefined) {
    let parsed: unknown
    try {
      parsed = JSON.parse(value)
    } catch {
      parsed = undefined
    }
    if (isEnvelopedValue(parsed) && envelopedValueProblem(parsed) === undefined) {
      return [
        scalar(parsed["eventId"]),
        scalar(parsed["type"]),
        scalar(parsed["version"]),
        scalar(parsed["ticketId"]),
        scalar(parsed["ticketSeq"]),
        scalar(parsed["runId"]),
        scalar(parsed["occurredAt"]),
        JSON.stringify(parsed["payload"])
      ]
    }
  }
  return [
    headers["eventId"] ?? null,
    headers["type"] ?? null,
    numericHeader(headers["version"]),
    headers["ticketId"] ?? key,
    numericHeader(headers["ticketSeq"]),
    headers["runId"] ?? null,
    headers["occurredAt"] ?? null,
    value
  ]
}
