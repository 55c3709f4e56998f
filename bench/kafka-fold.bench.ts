/**
 * Fold of 1,000,000 events from the Kafka events topic into the projections, against a bare
 * kafkajs consumer reading the same topic (eachBatch, JSON.parse of each value, nothing else).
 *
 * The events (the mix of bench/replay.bench.ts) are produced once into a fresh topic on the broker
 * of `KAFKA_BROKERS` (default 127.0.0.1:9092), in docflow's record format, by a loader tuned for
 * speed (large batches, no compression, acks=1); the topic is deleted at the end. Rates are given
 * per wall-clock second and per CPU second of this process (the broker runs in another process;
 * on a shared machine the wall clock mostly measures the neighbours).
 *
 * `DOCFLOW_BENCH_EVENTS` overrides the count, `DOCFLOW_BENCH_ROUNDS` the rounds (default 2).
 */
import { Effect, Either, Layer, Logger, LogLevel } from "effect"
import { Kafka, logLevel } from "kafkajs"
import { mkdtempSync, rmSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { foldLog } from "../src/pipeline/replay.ts"
import { pendingProjection } from "../src/pipeline/projections/pending.ts"
import { processedProjection } from "../src/pipeline/projections/processed.ts"
import { start } from "../src/pipeline/projections/projection.ts"
import { encodeRecord } from "../src/services/store/kafka/eventLog.ts"
import { layerKafkaStore } from "../src/services/store/kafka/layer.ts"
import { topicNames } from "../src/services/store/kafka/topics.ts"
import type { Bench } from "./run.ts"
import { eventSlices } from "./support/eventMix.ts"
import { cpuMs, type Timing, medianRate } from "./support/timing.ts"

const EVENTS = Number(process.env["DOCFLOW_BENCH_EVENTS"] ?? 1_000_000)
const ROUNDS = Number(process.env["DOCFLOW_BENCH_ROUNDS"] ?? 2)
const BROKERS = (process.env["KAFKA_BROKERS"] ?? "127.0.0.1:9092").split(",").map((b) => b.trim()).filter((b) => b !== "")
/** Records per produce request of the loader (one record batch, below the broker's 1 MiB), and requests in flight. */
const LOAD_SLICE = 1_000
const LOAD_IN_FLIGHT = 8


const timed = async <A>(run: () => Promise<A>): Promise<A & Timing> => {
  const started = performance.now()
  const startedCpu = cpuMs()
  const result = await run()
  return { ...result, ms: performance.now() - started, cpu: cpuMs() - startedCpu }
}

/** True when a broker answers within a few seconds. */
const brokerAnswers = async (kafka: Kafka): Promise<boolean> => {
  const admin = kafka.admin()
  try {
    await admin.connect()
    await admin.listTopics()
    return true
  } catch {
    return false
  } finally {
    await admin.disconnect().catch(() => undefined)
  }
}

/** Produces the event mix into partition 0 of `topic` in docflow's record format (`encodeRecord`: what the reader reads). */
const load = async (kafka: Kafka, topic: string): Promise<{ readonly sent: number; readonly bytes: number }> => {
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  await producer.connect()
  let sent = 0
  let bytes = 0
  const inFlight = new Set<Promise<unknown>>()
  try {
    for (const slice of eventSlices(EVENTS, LOAD_SLICE)) {
      const messages = slice.map((event) => {
        const record = Either.getOrThrow(encodeRecord(event))
        bytes += record.value.length
        return { key: record.key, value: record.value, headers: { ...record.headers }, partition: 0 }
      })
      const sending = producer.send({ topic, acks: 1, messages })
      inFlight.add(sending)
      void sending.finally(() => inFlight.delete(sending)).catch(() => undefined)
      if (inFlight.size >= LOAD_IN_FLIGHT) await Promise.race(inFlight)
      sent += messages.length
    }
    await Promise.all(inFlight)
  } finally {
    await producer.disconnect()
  }
  return { sent, bytes }
}

/** The reference: a kafkajs consumer of its own group, JSON.parse of each value, nothing else. */
const bareRead = (kafka: Kafka, topic: string, groupId: string) =>
  timed(async () => {
    const consumer = kafka.consumer({ groupId })
    await consumer.connect()
    let rows = 0
    let live = 0
    try {
      await new Promise<void>((resolve, reject) => {
        consumer.on(consumer.events.CRASH, (event) => {
          if (!event.payload.restart) reject(event.payload.error)
        })
        consumer
          .subscribe({ topic, fromBeginning: true })
          .then(() =>
            consumer.run({
              autoCommit: false,
              eachBatch: async ({ batch }) => {
                for (const message of batch.messages) {
                  if (message.value === null) continue
                  // The value is the whole event (record format 2: envelope and payload in one JSON text).
                  const event = JSON.parse(message.value.toString("utf8")) as { payload?: { mode?: string } }
                  if (event.payload?.mode === "live") live++
                  rows++
                }
                if (rows >= EVENTS) resolve()
              }
            })
          )
          .catch(reject)
      })
    } finally {
      await consumer.disconnect()
    }
    if (live === 0) throw new Error("the bare consumer parsed nothing")
    return { rows }
  })

/**
 * docflow's replay fold (the same `foldLog` as `docflow replay`) over the Kafka EventLog adapter.
 * The store is opened (admin, topics, producer, state file) before the clock starts: only the
 * read and the fold are timed, like the bare consumer's read.
 */
const foldRead = (prefix: string, stateFile: string) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const store = yield* Layer.build(
        layerKafkaStore({ brokers: BROKERS, topicPrefix: prefix, partitions: 1, stateFile, clientId: "docflow-bench", logLevel: logLevel.NOTHING })
      )
      const started = performance.now()
      const startedCpu = cpuMs()
      const outcome = yield* foldLog({ pending: start(pendingProjection), processed: start(processedProjection) }).pipe(Effect.provide(store))
      return {
        ms: performance.now() - started,
        cpu: cpuMs() - startedCpu,
        folded: outcome.folded,
        quarantined: outcome.quarantined.length,
        processed: outcome.views.processed.view.records.size
      }
    }).pipe(Effect.scoped, Effect.provide(Logger.minimumLogLevel(LogLevel.Warning)))
  )

const bench: Bench = {
  name: "kafka-fold",
  description: `fold ${EVENTS.toLocaleString("en-US")} events from a Kafka events topic into the projections, against a bare kafkajs consumer`,
  run: async (log) => {
    const kafka = new Kafka({ clientId: "docflow-bench", brokers: BROKERS, logLevel: logLevel.NOTHING, connectionTimeout: 3_000, retry: { retries: 2 } })
    if (!(await brokerAnswers(kafka))) {
      log(`NO BROKER at ${BROKERS.join(",")}: nothing measured (start one with \`npm run kafka:up\`, or set KAFKA_BROKERS)`)
      return []
    }
    const prefix = `bench-kfold-${process.pid}-${Date.now().toString(36)}.`
    const names = topicNames(prefix)
    const stateDir = mkdtempSync(join(tmpdir(), "docflow-kafka-fold-"))
    const admin = kafka.admin()
    await admin.connect()
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic: names.events, numPartitions: 1, configEntries: [{ name: "retention.ms", value: "-1" }] }]
      })
      const loaded = await timed(() => load(kafka, names.events))
      const [offsets] = await admin.fetchTopicOffsets(names.events)
      if (Number(offsets?.high ?? 0) !== EVENTS) throw new Error(`loaded ${offsets?.high ?? 0} records, expected ${EVENTS}`)
      log(
        `loaded ${loaded.sent.toLocaleString("en-US")} events (${(loaded.bytes / 1e6).toFixed(0)} MB of values) into ${names.events} ` +
          `in ${(loaded.ms / 1000).toFixed(1)} s (${Math.round(loaded.sent / (loaded.ms / 1000)).toLocaleString("en-US")} events/s)`
      )
      const load1 = () => loadavg().map((l) => l.toFixed(2)).join(", ")
      log(`load average before the rounds: ${load1()}`)
      const bare: Array<Timing> = []
      const folded: Array<Timing> = []
      for (let round = 1; round <= ROUNDS; round++) {
        const b = await bareRead(kafka, names.events, `${prefix}bare-${round}`)
        if (b.rows !== EVENTS) throw new Error(`the bare consumer read ${b.rows}, expected ${EVENTS}`)
        const f = await foldRead(prefix, join(stateDir, `state-${round}.sqlite`))
        if (f.folded !== EVENTS || f.quarantined !== 0) throw new Error(`the fold read ${f.folded}, quarantined ${f.quarantined}`)
        bare.push(b)
        folded.push(f)
        log(
          `round ${round}: bare consumer ${(b.ms / 1000).toFixed(2)} s (cpu ${(b.cpu / 1000).toFixed(2)} s), ` +
            `docflow fold ${(f.ms / 1000).toFixed(2)} s (cpu ${(f.cpu / 1000).toFixed(2)} s), ${f.processed.toLocaleString("en-US")} processed records`
        )
      }
      log(`load average after the rounds: ${load1()}`)
      const rate = (timings: ReadonlyArray<Timing>, key: keyof Timing) => medianRate(EVENTS, timings, key)
      const foldWall = rate(folded, "ms")
      const bareWall = rate(bare, "ms")
      const foldCpu = rate(folded, "cpu")
      const bareCpu = rate(bare, "cpu")
      return [
        { label: "bare kafkajs + JSON.parse, wall (median)", value: Math.round(bareWall), unit: "events/s" },
        { label: "docflow fold (Kafka EventLog), wall (median)", value: Math.round(foldWall), unit: "events/s" },
        { label: "fold / bare consumer, wall", value: Math.round((foldWall / bareWall) * 100) / 100, unit: "×", atLeast: 0.8 },
        { label: "bare kafkajs + JSON.parse, per CPU second", value: Math.round(bareCpu), unit: "events/s" },
        { label: "docflow fold, per CPU second", value: Math.round(foldCpu), unit: "events/s" },
        { label: "fold / bare consumer, CPU", value: Math.round((foldCpu / bareCpu) * 100) / 100, unit: "×", atLeast: 0.8 }
      ]
    } finally {
      await admin
        .listTopics()
        .then((topics) => admin.deleteTopics({ topics: topics.filter((t) => t.startsWith(prefix)) }))
        .catch((e: unknown) => log(`could not delete the topics ${prefix}*: ${e instanceof Error ? e.message : String(e)}`))
      await admin.disconnect()
      rmSync(stateDir, { recursive: true, force: true })
    }
  }
}

export default bench
