import { Chunk, Effect, Stream } from "effect"
import type { Kafka } from "kafkajs"
import { StoreError } from "../errors.ts"
import { kafkaCall } from "./client.ts"

/** Offsets `[from, to)` of one partition. */
export interface OffsetRange {
  readonly partition: number
  readonly from: number
  readonly to: number
}

export interface RawRecord {
  readonly partition: number
  readonly offset: number
  readonly key: string | null
  readonly value: string | null
  readonly timestamp: number
}

let readerSeq = 0

/**
 * Reads fixed offset ranges of a topic, then ends. kafkajs has no manual partition assignment,
 * so this joins a throw-away consumer group of its own (one member: every partition), seeks each
 * partition to the start of its range and commits nothing. The stream is back-pressured: a batch
 * handler waits until the previous chunk was taken.
 */
export const readRange = (
  kafka: Kafka,
  topic: string,
  ranges: ReadonlyArray<OffsetRange>,
  options: { readonly sessionTimeoutMs: number; readonly bufferChunks?: number }
): Stream.Stream<RawRecord, StoreError> => {
  const wanted = ranges.filter((r) => r.to > r.from)
  if (wanted.length === 0) return Stream.empty
  return Stream.asyncScoped<RawRecord, StoreError>(
    (emit) =>
      Effect.gen(function* () {
        const remaining = new Map(wanted.map((r) => [r.partition, r]))
        const consumer = kafka.consumer({
          groupId: `docflow-reader-${process.pid}-${Date.now().toString(36)}-${++readerSeq}`,
          sessionTimeout: options.sessionTimeoutMs,
          heartbeatInterval: Math.max(500, Math.floor(options.sessionTimeoutMs / 10)),
          maxWaitTimeInMs: 50,
          retry: { retries: 3 }
        })
        yield* Effect.acquireRelease(
          kafkaCall(`connect a reader of ${topic}`, () => consumer.connect()),
          () => Effect.promise(() => consumer.disconnect().catch(() => undefined))
        )
        consumer.on(consumer.events.CRASH, (event) => {
          void emit.fail(
            new StoreError({ reason: "Unavailable", message: `Kafka store: reader of ${topic} crashed: ${event.payload.error.message}` })
          )
        })
        yield* kafkaCall(`subscribe a reader to ${topic}`, () => consumer.subscribe({ topic, fromBeginning: true }))
        yield* kafkaCall(`start a reader of ${topic}`, () =>
          consumer.run({
            autoCommit: false,
            eachBatchAutoResolve: true,
            eachBatch: async ({ batch }) => {
              const range = remaining.get(batch.partition)
              if (range === undefined) {
                consumer.pause([{ topic, partitions: [batch.partition] }])
                return
              }
              const records: Array<RawRecord> = []
              let last = -1
              for (const m of batch.messages) {
                const offset = Number(m.offset)
                last = offset
                if (offset < range.from || offset >= range.to) continue
                records.push({
                  partition: batch.partition,
                  offset,
                  key: m.key === null ? null : m.key.toString("utf8"),
                  value: m.value === null ? null : m.value.toString("utf8"),
                  timestamp: Number(m.timestamp)
                })
              }
              if (records.length > 0) await emit.chunk(Chunk.unsafeFromArray(records))
              if (last >= range.to - 1) {
                remaining.delete(batch.partition)
                consumer.pause([{ topic, partitions: [batch.partition] }])
                if (remaining.size === 0) await emit.end()
              }
            }
          })
        )
        for (const r of wanted) consumer.seek({ topic, partition: r.partition, offset: String(r.from) })
      }),
    options.bufferChunks ?? 4
  )
}
