import { Effect } from "effect"
import type { Admin, Kafka } from "kafkajs"
import { StoreError } from "../errors.ts"
import type { TopicNames } from "./topics.ts"

/** Any kafkajs failure becomes an `Unavailable` store error that names what was being done. */
export const kafkaCall = <A>(what: string, run: () => Promise<A>): Effect.Effect<A, StoreError> =>
  Effect.tryPromise({
    try: run,
    catch: (cause) =>
      new StoreError({
        reason: "Unavailable",
        message: `Kafka store: ${what}: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause
      })
  })

const isRetriable = (error: unknown): boolean =>
  error instanceof Error && "retriable" in error && error.retriable === true

/**
 * A read-only admin call, tried again (real-time backoff, whatever the Effect clock) while the
 * broker answers with a retriable error — e.g. "not the leader" just after a topic is created.
 */
export const kafkaRead = <A>(what: string, run: () => Promise<A>): Effect.Effect<A, StoreError> =>
  kafkaCall(what, async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await run()
      } catch (error) {
        if (attempt >= 6 || !isRetriable(error)) throw error
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt))
      }
    }
  })

export interface TopicLayout {
  readonly names: TopicNames
  /** Partitions of both the tickets and the events topic. */
  readonly partitions: number
}

/**
 * Creates the four topics if they do not exist (safe on every start) and checks that existing
 * ones have the expected partition count: a mismatch would break "a ticket's events live in the
 * partition of the same number", so it is refused rather than worked around.
 */
export const ensureTopics = (admin: Admin, layout: TopicLayout): Effect.Effect<void, StoreError> =>
  Effect.gen(function* () {
    const { names, partitions } = layout
    yield* kafkaCall("create topics", () =>
      admin.createTopics({
        waitForLeaders: true,
        topics: [
          { topic: names.tickets, numPartitions: partitions },
          { topic: names.events, numPartitions: partitions, configEntries: [{ name: "retention.ms", value: "-1" }] },
          { topic: names.deadLetters, numPartitions: 1, configEntries: [{ name: "retention.ms", value: "-1" }] },
          { topic: names.control, numPartitions: 1, configEntries: [{ name: "cleanup.policy", value: "compact" }] }
        ]
      })
    )
    const metadata = yield* kafkaRead("read topic metadata", () =>
      admin.fetchTopicMetadata({ topics: [names.tickets, names.events] })
    )
    for (const topic of metadata.topics) {
      if (topic.partitions.length !== partitions) {
        return yield* new StoreError({
          reason: "Unavailable",
          message: `Kafka store: topic ${topic.name} has ${topic.partitions.length} partitions, expected ${partitions} (tickets and events must match)`
        })
      }
    }
  })

export interface PartitionOffsets {
  readonly partition: number
  /** The first offset still stored. */
  readonly low: number
  /** The offset the next message will get (high watermark). */
  readonly high: number
}

export const topicOffsets = (admin: Admin, topic: string): Effect.Effect<ReadonlyArray<PartitionOffsets>, StoreError> =>
  Effect.map(
    kafkaRead(`read the offsets of ${topic}`, () => admin.fetchTopicOffsets(topic)),
    (rows) =>
      rows
        .map((r) => ({ partition: r.partition, low: Number(r.low), high: Number(r.high) }))
        .sort((a, b) => a.partition - b.partition)
  )

/** The group's committed offset per partition (0 where it has committed nothing). */
export const committedOffsets = (
  admin: Admin,
  groupId: string,
  topic: string
): Effect.Effect<ReadonlyMap<number, number>, StoreError> =>
  Effect.map(
    kafkaRead(`read the committed offsets of ${groupId}`, () => admin.fetchOffsets({ groupId, topics: [topic] })),
    (topics) => {
      const result = new Map<number, number>()
      for (const t of topics) for (const p of t.partitions) result.set(p.partition, Math.max(0, Number(p.offset)))
      return result
    }
  )

export type { Kafka }
