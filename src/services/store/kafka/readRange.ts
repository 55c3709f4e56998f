import { Chunk, Deferred, Effect, Exit, Runtime, type Scope, Stream } from "effect"
import type { IHeaders, Kafka, KafkaMessage } from "kafkajs"
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

/** What a reader makes of one record, in the batch handler (offset already a number). */
export type RecordReader<A> = (partition: number, offset: number, message: KafkaMessage) => A

const rawRecord = (partition: number, offset: number, m: KafkaMessage): RawRecord => ({
  partition,
  offset,
  key: m.key === null ? null : m.key.toString("utf8"),
  value: m.value === null ? null : m.value.toString("utf8"),
  timestamp: Number(m.timestamp),
  rawHeaders: m.headers
})

const rawRecordWithHeaders = (partition: number, offset: number, m: KafkaMessage): RawRecord => {
  const { rawHeaders, ...record } = rawRecord(partition, offset, m)
  return { ...record, headers: headerText(rawHeaders) }
}

export interface ReadRangeOptions {
  readonly sessionTimeoutMs: number
  readonly bufferChunks?: number
}

/**
 * What a range consumer does with each batch: `record` for every record within the range, in
 * offset order, synchronously in kafkajs's batch handler; then `settle`, awaited before the next
 * fetch (a slow one keeps the group member alive with `heartbeat`).
 */
interface BatchSink {
  readonly record: (partition: number, offset: number, message: KafkaMessage) => void
  readonly settle: (heartbeat: () => Promise<void>, heartbeatMs: number) => Promise<void>
  readonly end: () => Promise<void>
  readonly fail: (error: StoreError) => void
  readonly die: (defect: unknown) => void
}

/**
 * Reads fixed offset ranges of a topic into `sink`, then ends it. kafkajs has no manual partition
 * assignment, so this joins a throw-away consumer group of its own (one member: every partition),
 * seeks each partition to the start of its range and commits nothing. The consumer lives as long
 * as the scope.
 */
const consumeRanges = (
  kafka: Kafka,
  topic: string,
  wanted: ReadonlyArray<OffsetRange>,
  options: ReadRangeOptions,
  sink: BatchSink
): Effect.Effect<void, StoreError, Scope.Scope> =>
  Effect.gen(function* () {
    const remaining = new Map(wanted.map((r) => [r.partition, r]))
    const nextOffset = new Map<number, number>()
    const heartbeatMs = Math.max(500, Math.floor(options.sessionTimeoutMs / 10))
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
      // restarts the consumer itself, and the batch handler skips what was read already.
      if (event.payload.restart) return
      sink.fail(new StoreError({ reason: "Unavailable", message: `Kafka store: reader of ${topic} crashed: ${event.payload.error.message}` }))
    })
    yield* kafkaCall(`subscribe a reader to ${topic}`, () => consumer.subscribe({ topic, fromBeginning: true }))
    yield* kafkaCall(`start a reader of ${topic}`, () =>
      consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: true,
        eachBatch: async ({ batch, heartbeat }) => {
          const partition = batch.partition
          const range = remaining.get(partition)
          if (range === undefined) {
            // Read to its end already (or the read was ended by a defect).
            consumer.pause([{ topic, partitions: [partition] }])
            return
          }
          // After a rejoin the group (which commits nothing) may fetch from the start again:
          // records before the next expected offset were read already.
          const from = nextOffset.get(partition) ?? range.from
          const messages = batch.messages
          const count = messages.length
          const first = count === 0 ? -1 : Number(messages[0]?.offset)
          let last = count === 0 ? -1 : Number(messages[count - 1]?.offset)
          // Offsets only grow within a batch; when they have no gap (the usual case), the i-th
          // record's is first + i and no offset text is parsed per record.
          const gapless = last - first === count - 1
          let next = from
          try {
            for (let i = 0; i < count; i++) {
              const m = messages[i] as KafkaMessage
              const offset = gapless ? first + i : Number(m.offset)
              if (offset > last) last = offset
              if (offset < from || offset >= range.to) continue
              sink.record(partition, offset, m)
              next = offset + 1
            }
          } catch (defect) {
            // A reader that throws is a bug: the read ends with it (kafkajs would fetch the batch
            // again and again).
            remaining.clear()
            consumer.pause([{ topic, partitions: [partition] }])
            sink.die(defect)
            return
          }
          nextOffset.set(partition, next)
          await sink.settle(heartbeat, heartbeatMs)
          if (last >= range.to - 1) {
            remaining.delete(partition)
            consumer.pause([{ topic, partitions: [partition] }])
            if (remaining.size === 0) await sink.end()
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
  })

/**
 * Reads fixed offset ranges of a topic as a stream, then ends (see `consumeRanges`). The stream is
 * back-pressured: a batch handler waits until the previous chunk was taken.
 */
export const readRange = (
  kafka: Kafka,
  topic: string,
  ranges: ReadonlyArray<OffsetRange>,
  options: ReadRangeOptions & { readonly withHeaders?: boolean }
): Stream.Stream<RawRecord, StoreError> =>
  readRangeWith(kafka, topic, ranges, options, options.withHeaders === true ? rawRecordWithHeaders : rawRecord)

/** `readRange`, each record turned into an `A` by `read` inside kafkajs's batch handler. */
export const readRangeWith = <A>(
  kafka: Kafka,
  topic: string,
  ranges: ReadonlyArray<OffsetRange>,
  options: ReadRangeOptions,
  read: RecordReader<A>
): Stream.Stream<A, StoreError> => {
  const wanted = ranges.filter((r) => r.to > r.from)
  if (wanted.length === 0) return Stream.empty
  return Stream.asyncScoped<A, StoreError>((emit) => {
    let records: Array<A> = []
    return consumeRanges(kafka, topic, wanted, options, {
      record: (partition, offset, message) => void records.push(read(partition, offset, message)),
      settle: async (heartbeat, heartbeatMs) => {
        if (records.length === 0) return
        const chunk = Chunk.unsafeFromArray(records)
        records = []
        await whileHeartbeating(emit.chunk(chunk), heartbeat, heartbeatMs)
      },
      end: () => emit.end(),
      fail: (error) => void emit.fail(error),
      die: (defect) => void emit.die(defect)
    })
  }, options.bufferChunks ?? 4)
}

/**
 * Reads fixed offset ranges of a topic and hands every record to `visit` right in kafkajs's batch
 * handler, with no stream in between: for a reader that folds records as they come (the events
 * replay), nothing read outlives its batch. After each batch, `settle` may give an effect to run
 * before the next fetch (e.g. to store what the visitor set aside); a failure of it ends the read
 * with that failure (the visitor is expected to ignore what comes after). Completes once every
 * range was read.
 */
export const visitRange = <E>(
  kafka: Kafka,
  topic: string,
  ranges: ReadonlyArray<OffsetRange>,
  options: ReadRangeOptions,
  visit: RecordReader<void>,
  settle: () => Effect.Effect<void, E> | undefined
): Effect.Effect<void, StoreError | E> => {
  const wanted = ranges.filter((r) => r.to > r.from)
  if (wanted.length === 0) return Effect.void
  return Effect.scoped(
    Effect.gen(function* () {
      const runtime = yield* Effect.runtime<never>()
      const done = yield* Deferred.make<void, StoreError | E>()
      const runSettle = async (effect: Effect.Effect<void, E>): Promise<void> => {
        const exit = await Runtime.runPromiseExit(runtime)(effect)
        if (Exit.isFailure(exit)) Deferred.unsafeDone(done, exit)
      }
      yield* consumeRanges(kafka, topic, wanted, options, {
        record: visit,
        settle: async (heartbeat, heartbeatMs) => {
          const effect = settle()
          if (effect !== undefined) await whileHeartbeating(runSettle(effect), heartbeat, heartbeatMs)
        },
        end: async () => void Deferred.unsafeDone(done, Exit.void),
        fail: (error) => void Deferred.unsafeDone(done, Exit.fail(error)),
        die: (defect) => void Deferred.unsafeDone(done, Exit.die(defect))
      })
      yield* Deferred.await(done)
    })
  )
}
