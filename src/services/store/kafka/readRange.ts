import { Chunk, Effect, Stream } from "effect"
import type { IHeaders, Kafka } from "kafkajs"
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
  /** Header values as text (only when the reader asked for them). */
  readonly headers?: Readonly<Record<string, string>>
  /** The headers as kafkajs gives them (when the reader did not ask for text): read only when needed. */
  readonly rawHeaders?: IHeaders | undefined
}

/** Header values as text (a header repeated under one name is left out). */
export const headerText = (headers: IHeaders | undefined): Record<string, string> => {
  const out: Record<string, string> = {}
  if (headers === undefined) return out
  for (const name in headers) {
    const value = headers[name]
    if (value !== undefined && !Array.isArray(value)) out[name] = value.toString()
  }
  return out
}

let readerSeq = 0

/** Waits for a slow reader to take the chunk, heartbeating so that the group keeps this member. */
const whileHeartbeating = async (taken: Promise<unknown>, heartbeat: () => Promise<void>, everyMs: number): Promise<void> => {
  let done = false
  const settled = taken.then(
    () => void (done = true),
    () => void (done = true)
  )
  while (!done) {
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, everyMs))])
    if (!done) await heartbeat().catch(() => undefined)
  }
}

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
  options: { readonly sessionTimeoutMs: number; readonly bufferChunks?: number; readonly withHeaders?: boolean }
): Stream.Stream<RawRecord, StoreError> => {
  const wanted = ranges.filter((r) => r.to > r.from)
  if (wanted.length === 0) return Stream.empty
  return Stream.asyncScoped<RawRecord, StoreError>(
    (emit) =>
      Effect.gen(function* () {
        const remaining = new Map(wanted.map((r) => [r.partition, r]))
        const nextOffset = new Map<number, number>()
        const heartbeatMs = Math.max(500, Math.floor(options.sessionTimeoutMs / 10))
        const withHeaders = options.withHeaders === true
        const consumer = kafka.consumer({
          groupId: `docflow-reader-${process.pid}-${Date.now().toString(36)}-${++readerSeq}`,
          sessionTimeout: options.sessionTimeoutMs,
          heartbeatInterval: heartbeatMs,
          maxWaitTimeInMs: 50,
          retry: { retries: 3 }
        })
        yield* Effect.acquireRelease(
          kafkaCall(`connect a reader of ${topic}`, () => consumer.connect()),
          () => Effect.promise(() => consumer.disconnect().catch(() => undefined))
        )
        consumer.on(consumer.events.CRASH, (event) => {
          // A retriable error (e.g. "the coordinator is loading" on a fresh broker): kafkajs
          // restarts the consumer itself, and the batch handler skips what was emitted already.
          if (event.payload.restart) return
          void emit.fail(
            new StoreError({ reason: "Unavailable", message: `Kafka store: reader of ${topic} crashed: ${event.payload.error.message}` })
          )
        })
        yield* kafkaCall(`subscribe a reader to ${topic}`, () => consumer.subscribe({ topic, fromBeginning: true }))
        yield* kafkaCall(`start a reader of ${topic}`, () =>
          consumer.run({
            autoCommit: false,
            eachBatchAutoResolve: true,
            eachBatch: async ({ batch, heartbeat }) => {
              const range = remaining.get(batch.partition)
              if (range === undefined) {
                consumer.pause([{ topic, partitions: [batch.partition] }])
                return
              }
              // After a rejoin the group (which commits nothing) may fetch from the start again:
              // records before the next expected offset were emitted already.
              const from = nextOffset.get(batch.partition) ?? range.from
              const records: Array<RawRecord> = []
              let last = -1
              for (const m of batch.messages) {
                const offset = Number(m.offset)
                last = Math.max(last, offset)
                if (offset < from || offset >= range.to) continue
                const key = m.key === null ? null : m.key.toString("utf8")
                const value = m.value === null ? null : m.value.toString("utf8")
                const timestamp = Number(m.timestamp)
                // One object literal per record (no spread of a temporary one): the replay hot path.
                records.push(
                  withHeaders
                    ? { partition: batch.partition, offset, key, value, timestamp, headers: headerText(m.headers) }
                    : { partition: batch.partition, offset, key, value, timestamp, rawHeaders: m.headers }
                )
              }
              if (records.length > 0) {
                nextOffset.set(batch.partition, (records[records.length - 1]?.offset ?? from) + 1)
                await whileHeartbeating(emit.chunk(Chunk.unsafeFromArray(records)), heartbeat, heartbeatMs)
              }
              if (last >= range.to - 1) {
                remaining.delete(batch.partition)
                consumer.pause([{ topic, partitions: [batch.partition] }])
                if (remaining.size === 0) await emit.end()
              }
            }
          })
        )
        // Seeking only saves reading records before `from`, which the batch handler skips anyway;
        // kafkajs refuses it while the group is (re)joining, so a refused seek is not an error.
        for (const r of wanted) {
          try {
            consumer.seek({ topic, partition: r.partition, offset: String(r.from) })
          } catch {
            // read from the start of the partition instead
          }
        }
      }),
    options.bufferChunks ?? 4
  )
}
