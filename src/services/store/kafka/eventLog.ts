import type { SqlClient } from "@effect/sql"
import { Chunk, Clock, Effect, Either, Option, Stream } from "effect"
import type { Admin, IHeaders, Kafka, KafkaMessage, Producer } from "kafkajs"
import { decodeParsedColumns, decodeStoredColumns, encodePayload, EventDecodeError, type DocflowEvent } from "../../../schemas/events.ts"
import { StoreError } from "../errors.ts"
import type { EventLogShape, Position, QuarantinedEvent, ReadOptions, StoredEvent } from "../EventLog.ts"
import { decodeRow } from "../sqlite/eventLog.ts"
import type { EventRow as EventRowOf } from "../sqlite/sql.ts"
import { query } from "../sqlite/run.ts"
import * as Sql from "../sqlite/sql.ts"
import { PartitionAppender, type OutgoingRecord } from "./appendBatcher.ts"
import { topicOffsets } from "./client.ts"
import type { LocalState } from "./localState.ts"
import { headerText, readRangeWith, visitRange, type RawRecord } from "./readRange.ts"
import { acceptEnvelopedValue, envelopedValueProblem, EVENT_RECORD_FORMAT, eventRecordHeaders, eventRecordValue, isEnvelopedValue } from "./records.ts"
import { partitionOfKey } from "./topics.ts"

export interface KafkaEventLogDeps {
  readonly kafka: Kafka
  readonly admin: Admin
  readonly producer: Producer
  readonly topic: string
  readonly partitions: number
  readonly sessionTimeoutMs: number
  /** The instance's local state file: the quarantine of undecodable records lives there. */
  readonly state: SqlClient.SqlClient
  /** The per-partition copy of the topic, indexed by ticket (see localState.ts). */
  readonly local: LocalState
}

/** A stored event with the partition it lives in (positions are offset + 1 within it). */
export interface PartitionedStoredEvent extends StoredEvent {
  readonly partition: number
}

/**
 * The EventLog port plus what a multi-partition log needs: a position is offset + 1 within one
 * partition, so progress over N partitions is a cursor (one position per partition).
 */
export interface KafkaEventLogShape extends EventLogShape {
  readonly partitions: number
  readonly readPartitionFrom: (
    partition: number,
    after: Position,
    options?: ReadOptions
  ) => Stream.Stream<PartitionedStoredEvent, StoreError | EventDecodeError>
  /**
   * `readFrom`, each event handed to `onEvent` as soon as it is read and decoded (for one
   * partition, right in the Kafka reader's batch handler: no stream, no queue, nothing kept past
   * its batch); undecodable records are quarantined or fail the read as `options` say. The count
   * of events handed over.
   */
  readonly foldFrom: (
    after: Position,
    options: ReadOptions,
    onEvent: (stored: StoredEvent) => void
  ) => Effect.Effect<number, StoreError | EventDecodeError>
  /** The position of the newest event of each partition. */
  readonly partitionHeads: Effect.Effect<ReadonlyArray<Position>, StoreError>
  /** Brings the local state store up to date with every partition (what `status` and `report` do first). */
  readonly catchUpLocal: Effect.Effect<void, StoreError>
}

/**
 * A record's value is one JSON text holding the envelope and the payload (record format 2, see
 * records.ts): the reader parses it once and reads no header, like a bare consumer. The `type`
 * and `ticketId` headers are for people and tools.
 */
export const encodeRecord = (event: DocflowEvent): Either.Either<OutgoingRecord, StoreError> =>
  Either.match(encodePayload(event), {
    onLeft: (e) => Either.left(new StoreError({ reason: "InvalidEvent", message: `cannot append: ${e.message}`, cause: e })),
    onRight: (payload) =>
      Either.right({ key: event.ticketId, value: eventRecordValue(event, payload), headers: eventRecordHeaders(event) })
  })

const atPosition = (e: EventDecodeError, position: Position) =>
  new EventDecodeError({ reason: e.reason, detail: e.detail, position, eventId: e.eventId, type: e.type, version: e.version })

const headerNumber = (text: string | undefined): unknown => (text === undefined || text === "" ? text : Number(text))

/** Format 1: the envelope in headers, the value (already parsed) is the payload. */
const decodeFormat1 = (h: Readonly<Record<string, string>>, payload: unknown): DocflowEvent | EventDecodeError =>
  decodeParsedColumns(h["eventId"], h["type"], headerNumber(h["version"]), h["ticketId"], headerNumber(h["ticketSeq"]), h["runId"], h["occurredAt"], payload)

const decodeFormat2 = (v: Readonly<Record<string, unknown>>): DocflowEvent | EventDecodeError => {
  const problem = envelopedValueProblem(v)
  if (problem !== undefined) {
    return new EventDecodeError({
      reason: v["v"] === EVENT_RECORD_FORMAT ? "MalformedEnvelope" : "UnknownVersion",
      detail: problem,
      eventId: typeof v["eventId"] === "string" ? v["eventId"] : undefined
    })
  }
  return decodeParsedColumns(v["eventId"], v["type"], v["version"], v["ticketId"], v["ticketSeq"], v["runId"], v["occurredAt"], v["payload"])
}

/**
 * Decodes one record of either format (told apart by the value's shape); the position (offset + 1)
 * is attached to any error. The replay hot path: one JSON.parse, no header read for format 2 (the
 * headers, text or as kafkajs gives them, are read only for format 1 or an unreadable value), and
 * nothing allocated per record beyond the event (no closure: under tsx each one costs a
 * `defineProperty` for its name).
 */
export const decodeEventValue = (
  partition: number,
  offset: number,
  value: string | null,
  headers: IHeaders | undefined
): PartitionedStoredEvent | EventDecodeError => {
  const position = offset + 1
  if (value === null) return atPosition(new EventDecodeError({ reason: "UnreadableJson", detail: "the record has no value" }), position)
  let parsed: unknown
  try {
    parsed = JSON.parse(value)
  } catch {
    // Says why, with what the headers tell of the event (format 1 only).
    const h = headerText(headers)
    const failed = decodeStoredColumns(h["eventId"], h["type"], headerNumber(h["version"]), h["ticketId"], headerNumber(h["ticketSeq"]), h["runId"], h["occurredAt"], value)
    return failed instanceof EventDecodeError
      ? atPosition(failed, position)
      : atPosition(new EventDecodeError({ reason: "UnreadableJson", detail: "the record's value is not JSON" }), position)
  }
  const event = acceptEnvelopedValue(parsed)
  if (event !== undefined) return { position, partition, event }
  const decoded = isEnvelopedValue(parsed) ? decodeFormat2(parsed) : decodeFormat1(headerText(headers), parsed)
  return decoded instanceof EventDecodeError ? atPosition(decoded, position) : { position, partition, event: decoded }
}

/** `decodeEventValue` of a record read as text. */
export const decodeRecord = (record: RawRecord): PartitionedStoredEvent | EventDecodeError =>
  decodeEventValue(record.partition, record.offset, record.value, record.headers ?? record.rawHeaders)

/** `decodeEventValue` straight from kafkajs's message, in the reader's batch handler. */
const decodeMessage = (partition: number, offset: number, message: KafkaMessage): PartitionedStoredEvent | EventDecodeError =>
  decodeEventValue(partition, offset, message.value === null ? null : message.value.toString("utf8"), message.headers)

export const makeKafkaEventLog = (deps: KafkaEventLogDeps): KafkaEventLogShape => {
  const { admin, producer, topic, partitions, state, local } = deps
  // One partition: positions are the topic's (offset + 1), read straight from Kafka. Several: a
  // position is the local state store's row number, so the single-position port (and the
  // projections' checkpoints) work unchanged over N partitions; the per-partition cursor is the
  // local store's, kept as checkpoints in the same file.
  const direct = partitions === 1

  const appenders: Array<PartitionAppender | undefined> = []

  const partitionHeads = Effect.map(topicOffsets(admin, topic), (rows) => rows.map((r) => r.high))

  const head: EventLogShape["head"] = direct
    ? Effect.map(partitionHeads, (heads) => heads[0] ?? 0)
    : Effect.zipRight(local.catchUp(), local.head)

  // Validated before anything is sent: a batch with one bad event sends nothing. A batch lives in
  // one partition and goes out in one record batch (see PartitionAppender): stored whole or not at all.
  // Once stored, the events go into the local state store too (read-your-writes).
  const append: EventLogShape["append"] = (events) =>
    Effect.gen(function* () {
      if (events.length === 0) {
        const h = yield* head
        return { first: h + 1, last: h }
      }
      const records = yield* Effect.forEach(events, (e) => encodeRecord(e))
      const partitionsOfBatch = new Set(events.map((e) => partitionOfKey(e.ticketId, partitions)))
      const [partition] = partitionsOfBatch
      if (partitionsOfBatch.size !== 1 || partition === undefined) {
        return yield* new StoreError({
          reason: "Conflict",
          message: `Kafka store: a batch spanning ${partitionsOfBatch.size} partitions cannot be appended atomically; append one ticket's events at a time`
        })
      }
      const appender = appenders[partition] ?? new PartitionAppender(producer, topic, partition)
      appenders[partition] = appender
      const stored = yield* Effect.flatten(Effect.promise(() => appender.append(records)))
      const inLocal = yield* local.applyAppended(partition, stored.first, records)
      return direct ? stored : inLocal
    })

  const quarantine = (error: EventDecodeError, position: Position) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      query(state, Sql.insertQuarantine, [position, error.reason, error.message, new Date(now).toISOString()])
    )

  // Records were decoded in the reader's batch handler; a chunk without an undecodable one (the
  // usual case) goes on as it is.
  const settleChunk = (decoded: Chunk.Chunk<PartitionedStoredEvent | EventDecodeError>, options: ReadOptions) =>
    Effect.gen(function* () {
      let clean = true
      for (const result of decoded) {
        if (result instanceof EventDecodeError) {
          clean = false
          break
        }
      }
      if (clean) return decoded as Chunk.Chunk<PartitionedStoredEvent>
      const out: Array<PartitionedStoredEvent> = []
      for (const result of decoded) {
        if (!(result instanceof EventDecodeError)) out.push(result)
        else if (options.onUndecodable === "quarantine") {
          // The error carries the position (offset + 1) of its record.
          const position = result.position ?? 0
          yield* quarantine(result, position)
          yield* Effect.logWarning(`event log: quarantined ${result.message}`)
        } else return yield* Effect.fail(result)
      }
      return Chunk.unsafeFromArray(out)
    })

  const quarantineAll = (errors: ReadonlyArray<EventDecodeError>) =>
    Effect.forEach(
      errors,
      (error) => Effect.zipRight(quarantine(error, error.position ?? 0), Effect.logWarning(`event log: quarantined ${error.message}`)),
      { discard: true }
    )

  const foldPartitionFrom = (partition: number, after: Position, options: ReadOptions, onEvent: (stored: StoredEvent) => void) =>
    Effect.suspend(() => {
      let handed = 0
      let failure: EventDecodeError | undefined
      const undecodable: Array<EventDecodeError> = []
      const visit = (p: number, offset: number, message: KafkaMessage): void => {
        if (failure !== undefined) return
        const result = decodeMessage(p, offset, message)
        if (!(result instanceof EventDecodeError)) {
          handed++
          onEvent(result)
        } else if (options.onUndecodable === "quarantine") undecodable.push(result)
        else failure = result
      }
      const settle = (): Effect.Effect<void, StoreError | EventDecodeError> | undefined =>
        failure !== undefined ? Effect.fail(failure) : undecodable.length > 0 ? quarantineAll(undecodable.splice(0)) : undefined
      return Effect.flatMap(topicOffsets(admin, topic), (offsets) => {
        const to = offsets.find((o) => o.partition === partition)?.high ?? 0
        const read = visitRange(deps.kafka, topic, [{ partition, from: after, to }], { sessionTimeoutMs: deps.sessionTimeoutMs }, visit, settle)
        return Effect.map(read, () => handed)
      })
    })

  const readPartitionFrom: KafkaEventLogShape["readPartitionFrom"] = (partition, after, options = {}) =>
    Stream.unwrap(
      Effect.map(topicOffsets(admin, topic), (offsets) => {
        const to = offsets.find((o) => o.partition === partition)?.high ?? 0
        return readRangeWith(deps.kafka, topic, [{ partition, from: after, to }], { sessionTimeoutMs: deps.sessionTimeoutMs }, decodeMessage).pipe(
          Stream.mapChunksEffect((chunk) => settleChunk(chunk, options))
        )
      })
    )

  const decodeRows = (rows: ReadonlyArray<EventRowOf>, options: ReadOptions) =>
    Effect.gen(function* () {
      const out: Array<StoredEvent> = []
      for (const row of rows) {
        const result = decodeRow(row)
        if (!(result instanceof EventDecodeError)) out.push(result)
        else if (options.onUndecodable === "quarantine") {
          yield* quarantine(result, row[0])
          yield* Effect.logWarning(`event log: quarantined ${result.message}`)
        } else return yield* Effect.fail(result)
      }
      return out
    })

  // Several partitions: every partition is caught up into the local store first, then its rows
  // are paged by local position.
  const readLocalFrom = (after: Position, options: ReadOptions) => {
    const batchSize = options.batchSize ?? 1024
    return Stream.unwrap(
      Effect.as(
        local.catchUp(),
        Stream.paginateChunkEffect(after, (position) =>
          Effect.flatMap(local.rowsAfter(position, batchSize), (rows) =>
            Effect.map(decodeRows(rows, options), (decoded) =>
              [
                Chunk.unsafeFromArray(decoded),
                rows.length < batchSize ? Option.none() : Option.some(rows[rows.length - 1]?.[0] ?? position)
              ] as const
            )
          )
        )
      )
    )
  }

  const readFrom: EventLogShape["readFrom"] = (after, options = {}) =>
    direct ? readPartitionFrom(0, after, options) : readLocalFrom(after, options)

  const foldFrom: KafkaEventLogShape["foldFrom"] = (after, options, onEvent) =>
    direct
      ? foldPartitionFrom(0, after, options, onEvent)
      : Effect.suspend(() => {
          let handed = 0
          const handOver = Stream.runForEachChunk(readLocalFrom(after, options), (chunk) =>
            Effect.sync(() => {
              for (const stored of chunk) onEvent(stored)
              handed += chunk.length
            })
          )
          return Effect.map(handOver, () => handed)
        })

  // Never a scan of the topic: the ticket's partition is caught up (only what is new since the
  // last time), then the ticket's rows are read from the local store by index.
  const readTicket: EventLogShape["readTicket"] = (ticketId) =>
    Effect.gen(function* () {
      yield* local.catchUp([partitionOfKey(ticketId, partitions)])
      const rows = yield* local.ticketRows(ticketId, direct)
      return yield* decodeRows(rows, { onUndecodable: "fail" })
    })

  const quarantined = Effect.map(
    query<{ position: number; reason: string; error: string; quarantined_at: string }>(state, Sql.selectQuarantine),
    (rows): ReadonlyArray<QuarantinedEvent> =>
      rows.map((r) => ({ position: r.position, reason: r.reason, error: r.error, quarantinedAt: r.quarantined_at }))
  )

  return { append, readFrom, foldFrom, readTicket, head, quarantined, partitions, readPartitionFrom, partitionHeads, catchUpLocal: local.catchUp() }
}
