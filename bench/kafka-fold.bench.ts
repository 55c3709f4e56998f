/**
 * Fold of 1,000,000 events from the Kafka events topic into the projections, against a bare
 * kafkajs consumer reading the same topic (eachBatch, JSON.parse of each value, nothing else).
 *
 * The events (the mix of bench/replay.bench.ts) are produced once into a fresh topic on the broker
 * of `KAFKA_BROKERS` (default 127.0.0.1:9092), in docflow's record format, by a loader tuned for
 * speed (large batches, no compression, acks=1); the topic is deleted at the end.
 *
 * Each side of each round runs in a fresh process (support/kafkaFoldChild.ts, bundled and run
 * like bin/docflow.js runs docflow, both sides under the same Node flags: docflow's own unless
 * `DOCFLOW_BENCH_NODE_FLAGS` says otherwise), and the sides take turns going first. Rates are
 * given per wall-clock second and per CPU second of the measured process (the broker runs in
 * another one; on a shared machine the wall clock also measures the neighbours).
 *
 * `DOCFLOW_BENCH_EVENTS` overrides the count, `DOCFLOW_BENCH_ROUNDS` the rounds (default 3).
 */
import { Either } from "effect"
import { Kafka, logLevel } from "kafkajs"
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { bundleFor, nodeFlags } from "../scripts/build.mjs"
import { encodeRecord } from "../src/services/store/kafka/eventLog.ts"
import { topicNames } from "../src/services/store/kafka/topics.ts"
import type { Bench } from "./run.ts"
import { eventSlices } from "./support/eventMix.ts"
import type { SideResult } from "./support/kafkaFoldChild.ts"
import { cpuMs, type Timing, medianRate } from "./support/timing.ts"

const EVENTS = Number(process.env["DOCFLOW_BENCH_EVENTS"] ?? 1_000_000)
const ROUNDS = Number(process.env["DOCFLOW_BENCH_ROUNDS"] ?? 3)
const FLAGS: ReadonlyArray<string> = process.env["DOCFLOW_BENCH_NODE_FLAGS"]?.split(/\s+/).filter((f) => f !== "") ?? nodeFlags()
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

/** Runs one side in a fresh process (the bundle of support/kafkaFoldChild.ts, under `flags`). */
const runSide = async (flags: ReadonlyArray<string>, args: ReadonlyArray<string>): Promise<SideResult> => {
  const script = await bundleFor("bench/support/kafkaFoldChild.ts")
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...flags, script, ...args], { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8")
    })
    child.once("error", reject)
    child.once("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? ""
      if (code !== 0 || last === "") return reject(new Error(`the ${args[0]} side exited ${code}`))
      resolve(JSON.parse(last) as SideResult)
    })
  })
}

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
      log(`load average before the rounds: ${load1()}; each side in a fresh process: node ${FLAGS.join(" ")}`)
      const bare: Array<Timing> = []
      const folded: Array<Timing> = []
      const bareSide = () => runSide(FLAGS, ["bare", BROKERS.join(","), names.events, String(EVENTS)])
      const foldSide = (round: number) => runSide(FLAGS, ["fold", BROKERS.join(","), prefix, String(EVENTS), join(stateDir, `state-${round}.sqlite`)])
      for (let round = 1; round <= ROUNDS; round++) {
        // Alternate which side goes first, so that a machine getting slower or faster during the
        // rounds does not favour one side.
        const [b, f] =
          round % 2 === 1
            ? [await bareSide(), await foldSide(round)]
            : await foldSide(round).then(async (f) => [await bareSide(), f] as const)
        if (b.read !== EVENTS) throw new Error(`the bare consumer read ${b.read}, expected ${EVENTS}`)
        if (f.read !== EVENTS || f.quarantined !== 0) throw new Error(`the fold read ${f.read}, quarantined ${f.quarantined}`)
        bare.push(b)
        folded.push(f)
        log(
          `round ${round}: bare consumer ${(b.ms / 1000).toFixed(2)} s (cpu ${(b.cpu / 1000).toFixed(2)} s), ` +
            `docflow fold ${(f.ms / 1000).toFixed(2)} s (cpu ${(f.cpu / 1000).toFixed(2)} s), ${(f.processed ?? 0).toLocaleString("en-US")} processed records` +
            ` (${round % 2 === 1 ? "bare" : "fold"} first)`
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
