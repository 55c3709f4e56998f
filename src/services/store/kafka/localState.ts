/**
 * The instance's local state store (SQLite, `DOCFLOW_DATA_DIR/kafka-state.sqlite`): a copy of the
 * events topic's records, partition by partition, indexed by ticket. A consumer reads one ticket
 * from here instead of scanning its partition; each partition is caught up from the position it
 * reached (one position per partition, stored as a checkpoint in the same transaction as the
 * records), so only what is new is ever read from Kafka. A consumer catches up a partition when
 * the group assigns it, and again (the tail only) before reading one of its tickets. Events this instance appends go straight
 * in when nothing is missing before them (read-your-writes without a round trip).
 *
 * Records are stored as they came (envelope and payload text, whichever record format), not decoded: decoding
 * happens when they are read, with the same checks (and quarantine) as the SQLite event log.
 * Rows get a local position in the order they were stored: per-ticket order is the partition's
 * order, and a projection folding the local rows resumes from one number whatever the partition
 * count.
 */
import type { SqlClient } from "@effect/sql"
import { Chunk, Clock, Effect, Stream } from "effect"
import type { Admin, Kafka } from "kafkajs"
import { query, queryValues } from "../sqlite/run.ts"
import type { EventRow } from "../sqlite/sql.ts"
import { StoreError } from "../errors.ts"
import type { OutgoingRecord } from "./appendBatcher.ts"
import { topicOffsets, type PartitionOffsets } from "./client.ts"
import { readRange, type RawRecord } from "./readRange.ts"
import { eventRecordColumns } from "./records.ts"

export const localSchema: ReadonlyArray<string> = [
  // Columns without a declared type keep the values as given: the decoder checks them on read.
  `CREATE TABLE IF NOT EXISTS kafka_events (
     position      INTEGER PRIMARY KEY AUTOINCREMENT,
     topic         TEXT    NOT NULL,
     partition     INTEGER NOT NULL,
     record_offset INTEGER NOT NULL,
     event_id, type, version, ticket_id, ticket_seq, run_id, occurred_at, payload,
     UNIQUE (topic, partition, record_offset)
   )`,
  `CREATE INDEX IF NOT EXISTS kafka_events_by_ticket ON kafka_events (topic, ticket_id, ticket_seq)`
]

const columns = "position, event_id, type, version, ticket_id, ticket_seq, run_id, occurred_at, payload"

const insertRecord = `INSERT OR IGNORE INTO kafka_events
  (topic, partition, record_offset, event_id, type, version, ticket_id, ticket_seq, run_id, occurred_at, payload)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
const selectAfter = `SELECT ${columns} FROM kafka_events WHERE topic = ? AND position > ? ORDER BY position LIMIT ?`
const selectTicket = `SELECT ${columns} FROM kafka_events WHERE topic = ? AND ticket_id = ? ORDER BY ticket_seq, position`
const selectTicketAtOffsets = `SELECT record_offset + 1, ${columns.replace("position, ", "")} FROM kafka_events
  WHERE topic = ? AND ticket_id = ? ORDER BY ticket_seq, position`
const selectHead = `SELECT COALESCE(MAX(position), 0) AS head FROM kafka_events WHERE topic = ?`
const selectOffsetsSpan = `SELECT MIN(position) AS first, MAX(position) AS last FROM kafka_events
  WHERE topic = ? AND partition = ? AND record_offset >= ? AND record_offset <= ?`
const selectPartitionPosition = `SELECT position FROM checkpoints WHERE name = ?`
// Positions only grow, even when two processes sharing the file catch up the same partition.
const advancePartition = `INSERT INTO checkpoints (name, position, state, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET position = MAX(position, excluded.position), updated_at = excluded.updated_at`

type Param = string | number | null

/** Records of either format (see records.ts) become the same columns. */
const rowOf = (topic: string, partition: number, offset: number, key: string | null, value: string | null, h: Readonly<Record<string, string>>): ReadonlyArray<Param> => [
  topic,
  partition,
  offset,
  ...eventRecordColumns(key, value, h)
]

export interface LocalStateDeps {
  readonly kafka: Kafka
  readonly admin: Admin
  readonly topic: string
  readonly partitions: number
  readonly sessionTimeoutMs: number
  readonly state: SqlClient.SqlClient
}

export interface LocalState {
  /** Brings the given partitions (all when omitted) up to the topic's current end. */
  readonly catchUp: (partitions?: ReadonlyArray<number>) => Effect.Effect<void, StoreError>
  /** Where each partition got to (Kafka position: offset + 1 of the last record stored). */
  readonly positions: Effect.Effect<ReadonlyArray<number>, StoreError>
  /** Records just appended by this instance at `[first, last]` (Kafka positions) of `partition`. */
  readonly applyAppended: (partition: number, first: number, records: ReadonlyArray<OutgoingRecord>) => Effect.Effect<{ readonly first: number; readonly last: number }, StoreError>
  readonly rowsAfter: (after: number, limit: number) => Effect.Effect<ReadonlyArray<EventRow>, StoreError>
  /** One ticket's rows; `topicPositions`: numbered offset + 1 (a one-partition topic's positions) instead of locally. */
  readonly ticketRows: (ticketId: string, topicPositions: boolean) => Effect.Effect<ReadonlyArray<EventRow>, StoreError>
  /** The newest local position (0 when nothing is stored). */
  readonly head: Effect.Effect<number, StoreError>
}

export const positionName = (topic: string, partition: number): string => `kafka-state:${topic}:${partition}`

export const makeLocalState = (deps: LocalStateDeps): Effect.Effect<LocalState, StoreError> =>
  Effect.gen(function* () {
    const { state: sql, topic } = deps
    for (const statement of localSchema) yield* query(sql, statement)
    // One catch-up at a time in this process: two would read the same records twice.
    const mutex = yield* Effect.makeSemaphore(1)

    const positionOf = (partition: number) =>
      Effect.map(query<{ position: number }>(sql, selectPartitionPosition, [positionName(topic, partition)]), (rows) => rows[0]?.position ?? 0)

    const positions = Effect.forEach(Array.from({ length: deps.partitions }, (_, p) => p), positionOf)

    const store = (partition: number, rows: ReadonlyArray<ReadonlyArray<Param>>, reached: number) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        sql.withTransaction(
          Effect.zipRight(
            Effect.forEach(rows, (row) => query(sql, insertRecord, row), { discard: true }),
            query(sql, advancePartition, [positionName(topic, partition), reached, JSON.stringify({ topic, partition }), new Date(now).toISOString()])
          )
        )
      ).pipe(Effect.mapError((e) => (e instanceof StoreError ? e : new StoreError({ reason: "Unavailable", message: `Kafka state store: ${String(e)}`, cause: e }))))

    const storeChunk = (records: Chunk.Chunk<RawRecord>) =>
      Effect.gen(function* () {
        const byPartition = new Map<number, Array<RawRecord>>()
        for (const r of records) {
          const list = byPartition.get(r.partition) ?? []
          list.push(r)
          byPartition.set(r.partition, list)
        }
        for (const [partition, list] of byPartition) {
          const rows = list.map((r) => rowOf(topic, partition, r.offset, r.key, r.value, r.headers ?? {}))
          yield* store(partition, rows, (list[list.length - 1]?.offset ?? -1) + 1)
        }
      })

    const catchUpUnlocked = (wanted: ReadonlyArray<number>) =>
      Effect.gen(function* () {
        const offsets: ReadonlyArray<PartitionOffsets> = yield* topicOffsets(deps.admin, topic)
        const ranges: Array<{ partition: number; from: number; to: number }> = []
        for (const partition of wanted) {
          const from = yield* positionOf(partition)
          const to = offsets.find((o) => o.partition === partition)?.high ?? 0
          if (from > to) {
            return yield* new StoreError({
              reason: "Unavailable",
              message: `Kafka state store: ${topic}[${partition}] ends at ${to} but the local state store has read up to ${from} (was the topic recreated?): remove the state file (kafka-state.sqlite in DOCFLOW_DATA_DIR) to rebuild it`
            })
          }
          if (to > from) ranges.push({ partition, from, to })
        }
        if (ranges.length === 0) return
        yield* Stream.runForEachChunk(readRange(deps.kafka, topic, ranges, { sessionTimeoutMs: deps.sessionTimeoutMs, withHeaders: true }), storeChunk)
      })

    const all = Array.from({ length: deps.partitions }, (_, p) => p)
    const catchUp: LocalState["catchUp"] = (wanted = all) => mutex.withPermits(1)(catchUpUnlocked(wanted))

    const span = (partition: number, fromOffset: number, toOffset: number) =>
      Effect.flatMap(
        query<{ first: number | null; last: number | null }>(sql, selectOffsetsSpan, [topic, partition, fromOffset, toOffset]),
        (rows) => {
          const row = rows[0]
          return row?.first == null || row.last == null
            ? Effect.fail(new StoreError({ reason: "Unavailable", message: `Kafka state store: the events just appended to ${topic}[${partition}] are not in the local store` }))
            : Effect.succeed({ first: row.first, last: row.last })
        }
      )

    const applyAppended: LocalState["applyAppended"] = (partition, first, records) =>
      mutex.withPermits(1)(
        Effect.gen(function* () {
          const firstOffset = first - 1
          const lastOffset = firstOffset + records.length - 1
          const reached = yield* positionOf(partition)
          if (reached === firstOffset) {
            yield* store(
              partition,
              records.map((r, i) => rowOf(topic, partition, firstOffset + i, r.key, r.value, r.headers)),
              lastOffset + 1
            )
          } else if (reached < firstOffset + records.length) {
            // Records of other writers came first: read them, and ours, from the topic.
            yield* catchUpUnlocked([partition])
          }
          return yield* span(partition, firstOffset, lastOffset)
        })
      )

    const rowsAfter: LocalState["rowsAfter"] = (after, limit) =>
      Effect.map(queryValues(sql, selectAfter, [topic, after, limit]), (rows) => rows as unknown as ReadonlyArray<EventRow>)

    const ticketRows: LocalState["ticketRows"] = (ticketId, topicPositions) =>
      Effect.map(queryValues(sql, topicPositions ? selectTicketAtOffsets : selectTicket, [topic, ticketId]), (rows) => rows as unknown as ReadonlyArray<EventRow>)

    const head = Effect.map(query<{ head: number }>(sql, selectHead, [topic]), (rows) => rows[0]?.head ?? 0)

    return { catchUp, positions, applyAppended, rowsAfter, ticketRows, head } satisfies LocalState
  })
