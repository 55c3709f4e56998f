import type { Duration } from "effect"
import { Context, Effect, Stream } from "effect"
import type { LeaseLost, StoreError } from "./errors.ts"

/** Who holds a lease: enough to tell, on the same host, whether the holder is still alive. */
export interface ConsumerIdentity {
  readonly consumerId: string
  readonly host: string
  readonly pid: number
}

export interface EnqueueRequest {
  readonly ticketId: string
}

export interface EnqueueResult {
  readonly enqueued: ReadonlyArray<string>
  /** Tickets already waiting or being worked on: not enqueued a second time. */
  readonly duplicates: ReadonlyArray<string>
}

/** The right to work one ticket until `expiresAt` (epoch ms); ack it once its events are durable. */
export interface Lease {
  readonly ticketId: string
  readonly position: number
  readonly token: string
  /** 1 on the first delivery, then one more per redelivery. */
  readonly attempt: number
  readonly expiresAt: number
}

export interface ClaimOptions {
  readonly max: number
  readonly leaseFor: Duration.DurationInput
}

export interface QueueCounts {
  readonly ready: number
  readonly leased: number
  readonly done: number
}

/**
 * A queue of ticket ids with Kafka-like semantics: at-least-once delivery, one lease per ticket
 * (two consumers never work the same ticket at the same time), and an acknowledged position below
 * which everything is done. A lease whose holder died (expired, or dead pid on the same host) is
 * handed out again.
 */
export interface TicketQueueShape {
  readonly enqueue: (requests: ReadonlyArray<EnqueueRequest>) => Effect.Effect<EnqueueResult, StoreError>
  readonly claim: (owner: ConsumerIdentity, options: ClaimOptions) => Effect.Effect<ReadonlyArray<Lease>, StoreError>
  readonly renew: (lease: Lease, leaseFor: Duration.DurationInput) => Effect.Effect<Lease, StoreError | LeaseLost>
  readonly ack: (lease: Lease) => Effect.Effect<void, StoreError | LeaseLost>
  /** Gives the ticket back for another attempt, not before `retryAfter`. */
  readonly release: (lease: Lease, retryAfter?: Duration.DurationInput) => Effect.Effect<void, StoreError | LeaseLost>
  /** Every entry at or below this position is acknowledged (0 when nothing is). */
  readonly ackedPosition: Effect.Effect<number, StoreError>
  readonly counts: Effect.Effect<QueueCounts, StoreError>
}

export class TicketQueue extends Context.Tag("docflow/store/TicketQueue")<TicketQueue, TicketQueueShape>() {}

/**
 * Leases as an endless stream: claims up to `max` at a time when the consumer pulls, and waits
 * `pollEvery` before asking again when the queue has nothing ready.
 */
export const consume = (
  owner: ConsumerIdentity,
  options: ClaimOptions & { readonly pollEvery: Duration.DurationInput }
): Stream.Stream<Lease, StoreError, TicketQueue> =>
  Stream.unwrap(
    Effect.map(TicketQueue, (queue) =>
      Stream.repeatEffect(
        Effect.flatMap(queue.claim(owner, options), (leases) =>
          leases.length === 0 ? Effect.as(Effect.sleep(options.pollEvery), leases) : Effect.succeed(leases)
        )
      ).pipe(Stream.flattenIterables)
    )
  )
