import type { SqlClient } from "@effect/sql"
import { Chunk, Clock, Effect, Either, Option, Stream } from "effect"
import { decodeStoredColumns, encodePayload, EventDecodeError, type DocflowEvent } from "../../../schemas/events.ts"
import { StoreError } from "../errors.ts"
import type { EventLogShape, Position, QuarantinedEvent, ReadOptions, StoredEvent } from "../EventLog.ts"
import * as Sql from "./sql.ts"
import { isUniqueViolation, query, queryValues } from "./run.ts"

// Pages of ~1k rows measured as fast as or faster than larger ones: fewer objects survive a
// young-generation collection, so less is promoted and collected again later.
const DEFAULT_BATCH = 1024

const withPosition = (e: EventDecodeError, position: Position): EventDecodeError =>
  new EventDecodeError({ reason: e.reason, detail: e.detail, position, eventId: e.eventId, type: e.type, version: e.version })

/** Decodes one row of `Sql.eventColumns`; the position is attached to any error. */
export const decodeRow = (row: Sql.EventRow): StoredEvent | EventDecodeError => {
  const position = row[0]
  const payload = row[8]
  const decoded = decodeStoredColumns(row[1], row[2], row[3], row[4], row[5], row[6], row[7], typeof payload === "string" ? payload : String(payload))
  return decoded instanceof EventDecodeError ? withPosition(decoded, position) : { position, event: decoded }
}

export const makeEventLog = (sql: SqlClient.SqlClient): EventLogShape => {
  const encodeRow = (event: DocflowEvent) =>
    Either.match(encodePayload(event), {
      onLeft: (e) => Effect.fail(new StoreError({ reason: "InvalidEvent", message: `cannot append: ${e.message}`, cause: e })),
      onRight: (payload) =>
        Effect.succeed([
          event.eventId,
          event.type,
          event.version,
          event.ticketId,
          event.ticketSeq,
          event.runId,
          event.occurredAt,
          JSON.stringify(payload)
        ] as const)
    })

  const append: EventLogShape["append"] = (events) =>
    Effect.gen(function* () {
      if (events.length === 0) {
        const head = yield* headPosition
        return { first: head + 1, last: head }
      }
      const rows = yield* Effect.forEach(events, encodeRow)
      const positions = yield* sql
        .withTransaction(
          Effect.forEach(rows, (params) => query<{ position: number }>(sql, Sql.insertEvent, params))
        )
        .pipe(
          Effect.mapError((e) =>
            e._tag === "StoreError" && isUniqueViolation(e)
              ? new StoreError({
                  reason: "Conflict",
                  message: "an event with the same id, or the same ticket sequence number, is already stored: nothing was appended",
                  cause: e
                })
              : e instanceof StoreError
                ? e
                : new StoreError({ reason: "Unavailable", message: `SQLite store: ${String(e)}`, cause: e })
          )
        )
      const first = positions[0]?.[0]?.position ?? 0
      const last = positions[positions.length - 1]?.[0]?.position ?? 0
      return { first, last }
    })

  const headPosition = Effect.map(query<{ head: number }>(sql, Sql.selectHead), (rows) => rows[0]?.head ?? 0)

  const quarantine = (error: EventDecodeError, position: Position) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      query(sql, Sql.insertQuarantine, [position, error.reason, error.message, new Date(now).toISOString()])
    )

  const readPage = (after: Position, batchSize: number, options: ReadOptions) =>
    Effect.gen(function* () {
      const rows = (yield* queryValues(sql, Sql.selectEventsAfter, [after, batchSize])) as unknown as ReadonlyArray<Sql.EventRow>
      const decoded: Array<StoredEvent> = []
      for (const row of rows) {
        const result = decodeRow(row)
        if (!(result instanceof EventDecodeError)) {
          decoded.push(result)
        } else if (options.onUndecodable === "quarantine") {
          yield* quarantine(result, row[0])
          yield* Effect.logWarning(`event log: quarantined ${result.message}`)
        } else {
          return yield* Effect.fail(result)
        }
      }
      return { decoded, rowCount: rows.length, lastPosition: rows[rows.length - 1]?.[0] ?? after }
    })

  // Pages by position; a short page means the head was reached and the stream ends there.
  const readFrom: EventLogShape["readFrom"] = (after, options = {}) => {
    const batchSize = options.batchSize ?? DEFAULT_BATCH
    return Stream.paginateChunkEffect(after, (position) =>
      Effect.map(readPage(position, batchSize, options), ({ decoded, rowCount, lastPosition }) =>
        [Chunk.unsafeFromArray(decoded), rowCount < batchSize ? Option.none() : Option.some(lastPosition)] as const
      )
    )
  }

  const readTicket: EventLogShape["readTicket"] = (ticketId) =>
    Effect.flatMap(queryValues(sql, Sql.selectTicketEvents, [ticketId]), (rows) =>
      Effect.forEach(rows as unknown as ReadonlyArray<Sql.EventRow>, (row) => {
        const result = decodeRow(row)
        return result instanceof EventDecodeError ? Effect.fail(result) : Effect.succeed(result)
      })
    )

  const quarantined = Effect.map(
    query<{ position: number; reason: string; error: string; quarantined_at: string }>(sql, Sql.selectQuarantine),
    (rows): ReadonlyArray<QuarantinedEvent> =>
      rows.map((r) => ({ position: r.position, reason: r.reason, error: r.error, quarantinedAt: r.quarantined_at }))
  )

  return { append, readFrom, readTicket, head: headPosition, quarantined }
}
