import type { Effect, Stream } from "effect"
import { Context } from "effect"
import type { DocflowEvent, EventDecodeError } from "../../schemas/events.ts"
import type { StoreError } from "./errors.ts"

/**
 * A position in the log: 1 for the first event, 0 for "before everything". Positions only grow;
 * a reader that has applied everything up to position p continues with `readFrom(p)`.
 * (A Kafka adapter maps its offsets onto this: position = offset + 1 on a single-partition topic.)
 */
export type Position = number

export interface StoredEvent {
  readonly position: Position
  readonly event: DocflowEvent
}

/** A stored row that could not be decoded, recorded instead of being skipped in silence. */
export interface QuarantinedEvent {
  readonly position: Position
  readonly reason: string
  readonly error: string
  readonly quarantinedAt: string
}

export interface ReadOptions {
  /** Rows fetched per round trip (default 1,024). */
  readonly batchSize?: number
  /**
   * What to do with a row that does not decode (unknown type or version, corrupt or torn JSON):
   * `fail` (default) stops the stream with an `EventDecodeError` naming the position;
   * `quarantine` records the row in the quarantine and goes on with the next one.
   */
  readonly onUndecodable?: "fail" | "quarantine"
}

export interface AppendResult {
  readonly first: Position
  readonly last: Position
}

export interface EventLogShape {
  /** Appends the batch atomically, in order: either every event is stored or none is. */
  readonly append: (events: ReadonlyArray<DocflowEvent>) => Effect.Effect<AppendResult, StoreError>
  /** Every event after `after`, in position order, page by page until the end of the log is reached. */
  readonly readFrom: (after: Position, options?: ReadOptions) => Stream.Stream<StoredEvent, StoreError | EventDecodeError>
  /** One ticket's events in order. An undecodable event fails the read: never act on a partial history. */
  readonly readTicket: (ticketId: string) => Effect.Effect<ReadonlyArray<StoredEvent>, StoreError | EventDecodeError>
  /** The position of the newest event (0 when the log is empty). */
  readonly head: Effect.Effect<Position, StoreError>
  readonly quarantined: Effect.Effect<ReadonlyArray<QuarantinedEvent>, StoreError>
}

export class EventLog extends Context.Tag("docflow/store/EventLog")<EventLog, EventLogShape>() {}
