/**
 * The event log's vocabulary: the envelope, every payload (one Schema class each, with its current
 * version), the upcasters that bring older payload versions to the current one, and the decoder
 * that turns a stored row into a typed event — or into an `EventDecodeError` that says exactly
 * what is wrong (never a silent skip).
 *
 * The case file and the decision are carried as JSON objects here on purpose: the event schema
 * stays decoupled from `caseFile.ts` / `decision.ts`, so an old event still decodes after those
 * schemas evolve (audit decodes them with today's schemas when it needs to).
 */
import { Data, Either, ParseResult, Schema } from "effect"
import { compileGuard } from "./events/guard.ts"
import { compileInstantiate } from "./events/instantiate.ts"
import {
  ActionFailed,
  ActionRequested,
  ActionSucceeded,
  CaseGathered,
  NonNegativeInt,
  Decided,
  JsonObject,
  TicketCompleted,
  TicketDeadLettered,
  TicketEnqueued,
  TicketFailed,
  TicketStopped
} from "./events/payloads.ts"

export * from "./events/payloads.ts"
export { findClearSecret, hasClearSecret, REDACTED_EXAMT3P_PASSWORD, redactCaseFile } from "./events/redaction.ts"


// ---------------------------------------------------------------------------------------------
// Upcasters: each takes the encoded payload of version v and returns the encoded payload of v+1.

/** Decided v1 predates dry-run (every run was live) and did not copy the state id out. */
export const DecidedV1 = Schema.Struct({
  stage: Schema.String,
  triageAction: Schema.String,
  targetDepartment: Schema.NullOr(Schema.String),
  primaryIntent: Schema.NullOr(Schema.String),
  decision: JsonObject
})

const stateIdOf = (decision: JsonObject): string | null => {
  const state = decision["state"]
  if (state === null || typeof state !== "object") return null
  const id = (state as Record<string, unknown>)["id"]
  return typeof id === "string" ? id : null
}

const upcastDecidedV1 = (old: unknown) =>
  Either.map(Schema.decodeUnknownEither(DecidedV1)(old), (v1) => ({
    ...v1,
    mode: "live" as const,
    stateId: stateIdOf(v1.decision)
  }))

type Upcaster = (old: unknown) => Either.Either<unknown, ParseResult.ParseError>

// ---------------------------------------------------------------------------------------------
// The registry

interface PayloadClass<P> {
  readonly fields: Schema.Struct.Fields
  new (props: never, options: true): P
}

interface PayloadSpec<P> {
  readonly version: number
  /** The fast path alone: the payload when the compiled guard accepts it, else undefined. */
  readonly accept: (u: unknown) => P | undefined
  readonly decode: (u: unknown) => Either.Either<P, ParseResult.ParseError>
  readonly encode: (p: P) => Either.Either<unknown, ParseResult.ParseError>
  /** upcasters[v] turns version v into v+1. */
  readonly upcasters: Readonly<Record<number, Upcaster>>
}

/**
 * Decoding is on the replay hot path, so it has a fast path: a type guard compiled from the
 * class's fields (exact: no excess field, see `events/guard.ts`), then the instance is made by giving
 * the checked data the class's prototype — what the constructor does, minus its second validation
 * (measured ~10× cheaper than `new`). Anything the guard refuses goes through the full decoder,
 * which produces the precise error (path and offending value).
 */
const spec = <P>(cls: PayloadClass<P>, version: number, upcasters: Record<number, Upcaster> = {}): PayloadSpec<P> => {
  // Every payload field is context-free, so the struct needs no services to run.
  const struct = Schema.Struct(cls.fields) as unknown as Schema.Schema<Record<string, unknown>, Record<string, unknown>>
  const isFields = compileGuard(struct.ast) ?? Schema.is(struct, { onExcessProperty: "error" })
  const decodeFields = Schema.decodeUnknownEither(struct, { onExcessProperty: "error" })
  const encodeFields = Schema.encodeUnknownEither(struct)
  const instance =
    (struct.ast._tag === "TypeLiteral" ? compileInstantiate<P>(struct.ast, cls.prototype as object) : undefined) ??
    ((fields: object): P => Object.assign(Object.create(cls.prototype) as object, fields) as P)
  return {
    version,
    accept: (u) => (isFields(u) ? instance(u as object) : undefined),
    decode: (u) =>
      isFields(u) ? Either.right(instance(u as object)) : Either.map(decodeFields(u), instance),
    encode: (p) => encodeFields(p),
    upcasters
  }
}

const registry = {
  TicketEnqueued: spec(TicketEnqueued, 1),
  CaseGathered: spec(CaseGathered, 1),
  Decided: spec(Decided, 2, { 1: upcastDecidedV1 }),
  ActionRequested: spec(ActionRequested, 1),
  ActionSucceeded: spec(ActionSucceeded, 1),
  ActionFailed: spec(ActionFailed, 1),
  TicketCompleted: spec(TicketCompleted, 1),
  TicketStopped: spec(TicketStopped, 1),
  TicketFailed: spec(TicketFailed, 1),
  TicketDeadLettered: spec(TicketDeadLettered, 1)
}

type Registry = typeof registry
export type EventType = keyof Registry
export type PayloadOf<K extends EventType> = Registry[K] extends PayloadSpec<infer P> ? P : never

export const eventTypes = Object.keys(registry) as ReadonlyArray<EventType>
export const currentVersion = (type: EventType): number => registry[type].version
const isEventType = (type: string): type is EventType => Object.prototype.hasOwnProperty.call(registry, type)
/** The registry by type, for the hot path (a Map lookup hashes the parsed string once; a keyed property read interns it). */
const specByType = new Map<string, { readonly type: EventType; readonly spec: PayloadSpec<unknown> }>(
  eventTypes.map((type) => [type, { type, spec: registry[type] as PayloadSpec<unknown> }])
)

// ---------------------------------------------------------------------------------------------
// Envelope

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

export const EventMeta = Schema.Struct({
  eventId: Schema.NonEmptyString,
  ticketId: Schema.NonEmptyString,
  ticketSeq: NonNegativeInt,
  runId: Schema.NonEmptyString,
  occurredAt: Schema.String.pipe(Schema.pattern(ISO_INSTANT))
})
export type EventMeta = typeof EventMeta.Type

/** The envelope as stored: payload still opaque, version as written. */
export const EventEnvelope = Schema.Struct({
  ...EventMeta.fields,
  type: Schema.NonEmptyString,
  version: Schema.Int.pipe(Schema.positive()),
  payload: Schema.Unknown
})
export type EventEnvelope = typeof EventEnvelope.Type

/** A decoded event: its payload is the current version of its type's class. */
export type DocflowEvent = {
  readonly [K in EventType]: EventMeta & { readonly type: K; readonly version: number; readonly payload: PayloadOf<K> }
}[EventType]

export type EventOfType<K extends EventType> = Extract<DocflowEvent, { readonly type: K }>

/** Builds an event at its type's current version. */
export const makeEvent = <K extends EventType>(type: K, meta: EventMeta, payload: PayloadOf<K>): EventOfType<K> =>
  ({ ...meta, type, version: registry[type].version, payload }) as unknown as EventOfType<K>

// ---------------------------------------------------------------------------------------------
// Decoding and encoding

export type DecodeFailure = "UnreadableJson" | "MalformedEnvelope" | "UnknownType" | "UnknownVersion" | "InvalidPayload"

export class EventDecodeError extends Data.TaggedError("EventDecodeError")<{
  readonly reason: DecodeFailure
  readonly detail: string
  readonly position?: number | undefined
  readonly eventId?: string | undefined
  readonly type?: string | undefined
  readonly version?: number | undefined
}> {
  override get message(): string {
    const where = [
      this.position !== undefined ? `position ${this.position}` : undefined,
      this.eventId !== undefined ? `event ${this.eventId}` : undefined,
      this.type !== undefined ? `${this.type} v${this.version ?? "?"}` : undefined
    ].filter((s) => s !== undefined)
    return `${this.reason}${where.length > 0 ? ` (${where.join(", ")})` : ""}: ${this.detail}`
  }
}

const formatParseError = (error: ParseResult.ParseError): string => ParseResult.TreeFormatter.formatErrorSync(error)

const decodeEnvelopeSlowly = Schema.decodeUnknownEither(EventEnvelope, { onExcessProperty: "error" })

const nonEmpty = (u: unknown): u is string => typeof u === "string" && u.length > 0
const ENVELOPE_KEYS = Object.keys(EventEnvelope.fields).length

/** The same checks as `EventEnvelope`, written out for the hot path; tests hold them in step. */
export const looksLikeEnvelope = (u: unknown): u is EventEnvelope => {
  if (u === null || typeof u !== "object") return false
  const r = u as Record<string, unknown>
  return (
    nonEmpty(r["eventId"]) &&
    nonEmpty(r["ticketId"]) &&
    Number.isSafeInteger(r["ticketSeq"]) &&
    (r["ticketSeq"] as number) >= 0 &&
    nonEmpty(r["runId"]) &&
    typeof r["occurredAt"] === "string" &&
    ISO_INSTANT.test(r["occurredAt"]) &&
    nonEmpty(r["type"]) &&
    Number.isSafeInteger(r["version"]) &&
    (r["version"] as number) > 0 &&
    "payload" in r &&
    Object.keys(r).length === ENVELOPE_KEYS
  )
}

const decodeEnvelope = (u: unknown): Either.Either<EventEnvelope, ParseResult.ParseError> =>
  looksLikeEnvelope(u) ? Either.right(u) : decodeEnvelopeSlowly(u)

/** Decodes a payload written at `version` of `type`: upcast step by step, then decode. */
export const decodePayload = <K extends EventType>(
  type: K,
  version: number,
  payload: unknown
): Either.Either<PayloadOf<K>, { readonly reason: "UnknownVersion" | "InvalidPayload"; readonly detail: string }> => {
  const entry: PayloadSpec<PayloadOf<K>> = registry[type] as never
  if (version > entry.version) {
    return Either.left({
      reason: "UnknownVersion",
      detail: `version ${version} is newer than this build knows (${entry.version}): upgrade docflow before reading this log`
    })
  }
  let current: unknown = payload
  for (let v = version; v < entry.version; v++) {
    const upcast = entry.upcasters[v]
    if (upcast === undefined) {
      return Either.left({ reason: "UnknownVersion", detail: `no upcaster from version ${v} to ${v + 1}` })
    }
    const next = upcast(current)
    if (Either.isLeft(next)) {
      return Either.left({ reason: "InvalidPayload", detail: `as version ${v}: ${formatParseError(next.left)}` })
    }
    current = next.right
  }
  return Either.mapLeft(entry.decode(current), (e) => ({ reason: "InvalidPayload" as const, detail: formatParseError(e) }))
}

/** Decodes an envelope whose payload is already parsed JSON. */
export const decodeEvent = (raw: unknown): Either.Either<DocflowEvent, EventDecodeError> => {
  const envelope = decodeEnvelope(raw)
  if (Either.isLeft(envelope)) {
    const r = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {}
    return Either.left(
      new EventDecodeError({
        reason: "MalformedEnvelope",
        detail: formatParseError(envelope.left),
        eventId: typeof r["eventId"] === "string" ? r["eventId"] : undefined
      })
    )
  }
  const e = envelope.right
  if (!isEventType(e.type)) {
    return Either.left(
      new EventDecodeError({
        reason: "UnknownType",
        detail: `unknown event type "${e.type}" (known: ${eventTypes.join(", ")})`,
        eventId: e.eventId,
        type: e.type,
        version: e.version
      })
    )
  }
  const payload = decodePayload(e.type, e.version, e.payload)
  if (Either.isLeft(payload)) {
    return Either.left(new EventDecodeError({ ...payload.left, eventId: e.eventId, type: e.type, version: e.version }))
  }
  return Either.right({
    eventId: e.eventId,
    ticketId: e.ticketId,
    ticketSeq: e.ticketSeq,
    runId: e.runId,
    occurredAt: e.occurredAt,
    type: e.type,
    version: registry[e.type].version,
    payload: payload.right
  } as DocflowEvent)
}

const unreadable = (cause: unknown, payloadJson: string, eventId: unknown, type: unknown, version: unknown) =>
  new EventDecodeError({
    reason: "UnreadableJson",
    detail: `payload is not valid JSON (${cause instanceof Error ? cause.message : String(cause)}); ${payloadJson.length} characters stored`,
    eventId: typeof eventId === "string" ? eventId : undefined,
    type: typeof type === "string" ? type : undefined,
    version: typeof version === "number" ? version : undefined
  })

/**
 * Decodes one stored row (the envelope's columns and the payload's JSON text): the replay hot
 * path, hence no `Either` per row — the result is the event or its error. Valid rows are built in
 * one object of a fixed shape; anything off goes through `decodeEvent`, which says exactly what is
 * wrong. A torn or corrupt payload fails clearly.
 */
export const decodeStoredColumns = (
  eventId: unknown,
  type: unknown,
  version: unknown,
  ticketId: unknown,
  ticketSeq: unknown,
  runId: unknown,
  occurredAt: unknown,
  payloadJson: string
): DocflowEvent | EventDecodeError => {
  let payload: unknown
  try {
    payload = JSON.parse(payloadJson)
  } catch (cause) {
    return unreadable(cause, payloadJson, eventId, type, version)
  }
  return decodeParsedColumns(eventId, type, version, ticketId, ticketSeq, runId, occurredAt, payload)
}

/**
 * The fast path for an envelope parsed as one object (its fields and `payload`, plus `keyCount`
 * minus eight fields of the container, e.g. format 2's `v`): the event when every check passes,
 * else undefined — then `decodeParsedColumns` gives the precise error. Reading the fields of one
 * object at one place keeps those reads monomorphic (every JSON.parse of a record gives the same
 * hidden class).
 */
export const acceptEnvelopeObject = (o: Readonly<Record<string, unknown>>, keyCount: number): DocflowEvent | undefined => {
  let keys = 0
  for (const _ in o) keys++
  if (keys !== keyCount || !Object.prototype.hasOwnProperty.call(o, "payload")) return undefined
  return acceptColumns(o["eventId"], o["type"], o["version"], o["ticketId"], o["ticketSeq"], o["runId"], o["occurredAt"], o["payload"])
}

/** The hot path of the decoders: the event when every column and the payload check, else undefined. */
const acceptColumns = (
  eventId: unknown,
  type: unknown,
  version: unknown,
  ticketId: unknown,
  ticketSeq: unknown,
  runId: unknown,
  occurredAt: unknown,
  payload: unknown
): DocflowEvent | undefined => {
  if (typeof type !== "string") return undefined
  const known = specByType.get(type)
  if (
    known === undefined ||
    version !== known.spec.version ||
    !nonEmpty(eventId) ||
    !nonEmpty(ticketId) ||
    typeof ticketSeq !== "number" ||
    !Number.isSafeInteger(ticketSeq) ||
    ticketSeq < 0 ||
    !nonEmpty(runId) ||
    typeof occurredAt !== "string" ||
    !ISO_INSTANT.test(occurredAt)
  ) {
    return undefined
  }
  const accepted = known.spec.accept(payload)
  if (accepted === undefined) return undefined
  // The registry's own string for the type: projections compare it by identity, not by content.
  return { eventId, ticketId, ticketSeq, runId, occurredAt, type: known.type, version, payload: accepted } as DocflowEvent
}

/**
 * `decodeStoredColumns` once the payload's JSON is parsed (for a record whose one JSON text holds
 * the envelope and the payload): the same fast path and the same errors.
 */
export const decodeParsedColumns = (
  eventId: unknown,
  type: unknown,
  version: unknown,
  ticketId: unknown,
  ticketSeq: unknown,
  runId: unknown,
  occurredAt: unknown,
  payload: unknown
): DocflowEvent | EventDecodeError => {
  const accepted = acceptColumns(eventId, type, version, ticketId, ticketSeq, runId, occurredAt, payload)
  if (accepted !== undefined) return accepted
  const slow = decodeEvent({ eventId, ticketId, ticketSeq, runId, occurredAt, type, version, payload })
  return Either.isRight(slow) ? slow.right : slow.left
}

export const decodeEventColumns = (
  ...columns: Parameters<typeof decodeStoredColumns>
): Either.Either<DocflowEvent, EventDecodeError> => {
  const result = decodeStoredColumns(...columns)
  return result instanceof EventDecodeError ? Either.left(result) : Either.right(result)
}

/** Parses the stored JSON text of a payload, then decodes (a torn or corrupt row fails clearly). */
export const decodeEventJson = (
  envelope: Omit<EventEnvelope, "payload"> | Record<keyof Omit<EventEnvelope, "payload">, unknown>,
  payloadJson: string
): Either.Either<DocflowEvent, EventDecodeError> =>
  decodeEventColumns(
    envelope.eventId,
    envelope.type,
    envelope.version,
    envelope.ticketId,
    envelope.ticketSeq,
    envelope.runId,
    envelope.occurredAt,
    payloadJson
  )

/** The payload of an event in its encoded (JSON-ready) form, validated against its schema. */
export const encodePayload = (event: DocflowEvent): Either.Either<unknown, EventDecodeError> => {
  const entry = registry[event.type] as PayloadSpec<unknown>
  return Either.mapLeft(
    entry.encode(event.payload),
    (e) =>
      new EventDecodeError({
        reason: "InvalidPayload",
        detail: formatParseError(e),
        eventId: event.eventId,
        type: event.type,
        version: event.version
      })
  )
}
