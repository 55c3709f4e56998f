/**
 * One measured side of bench/kafka-fold.bench.ts, run in a fresh process the way bin/docflow.js
 * runs docflow (the esbuild bundle of this file, plain node, the flags the bench passes), so
 * that no round inherits another's heap or compiled code.
 *
 * argv: `bare <brokers> <topic> <events>` — a kafkajs consumer of a group of its own, JSON.parse
 * of each value and nothing else; or `fold <brokers> <prefix> <events> <state file>` — docflow's
 * replay fold (`foldLog`, as `docflow replay` runs it) over the Kafka EventLog adapter, the store
 * opened before the clock starts. Prints one JSON line: wall ms, CPU ms, records read and, for the
 * fold, what it made.
 */
import { Effect, Layer, Logger, LogLevel } from "effect"
import { Kafka, logLevel } from "kafkajs"
import { foldLog } from "../../src/pipeline/replay.ts"
import { pendingProjection } from "../../src/pipeline/projections/pending.ts"
import { processedProjection } from "../../src/pipeline/projections/processed.ts"
import { start } from "../../src/pipeline/projections/projection.ts"
import { layerKafkaStore } from "../../src/services/store/kafka/layer.ts"
import { cpuMs } from "./timing.ts"

export interface SideResult {
  readonly ms: number
  readonly cpu: number
  readonly read: number
  readonly quarantined?: number
  readonly processed?: number
}

const bare = async (brokers: ReadonlyArray<string>, topic: string, events: number): Promise<SideResult> => {
  const kafka = new Kafka({ clientId: "docflow-bench-bare", brokers: [...brokers], logLevel: logLevel.NOTHING })
  const consumer = kafka.consumer({ groupId: `docflow-bench-bare-${process.pid}-${Date.now().toString(36)}` })
  const started = performance.now()
  const startedCpu = cpuMs()
  await consumer.connect()
  let read = 0
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
                read++
              }
              if (read >= events) resolve()
            }
          })
        )
        .catch(reject)
    })
  } finally {
    await consumer.disconnect()
  }
  if (live === 0) throw new Error("the bare consumer parsed nothing")
  return { ms: performance.now() - started, cpu: cpuMs() - startedCpu, read }
}

const fold = (brokers: ReadonlyArray<string>, prefix: string, stateFile: string): Promise<SideResult> =>
  Effect.runPromise(
    Effect.gen(function* () {
      const store = yield* Layer.build(
        layerKafkaStore({ brokers, topicPrefix: prefix, partitions: 1, stateFile, clientId: "docflow-bench-fold", logLevel: logLevel.NOTHING })
      )
      const started = performance.now()
      const startedCpu = cpuMs()
      const outcome = yield* foldLog({ pending: start(pendingProjection), processed: start(processedProjection) }).pipe(Effect.provide(store))
      // Read inside the timed part: the processed view settles its appends when read.
      const processed = outcome.views.processed.view.records.size
      return { ms: performance.now() - started, cpu: cpuMs() - startedCpu, read: outcome.folded, quarantined: outcome.quarantined.length, processed }
    }).pipe(Effect.scoped, Effect.provide(Logger.minimumLogLevel(LogLevel.Warning)))
  )

const [side, brokerList = "", target = "", events = "0", stateFile = ""] = process.argv.slice(2)
const brokers = brokerList.split(",").filter((b) => b !== "")
const result =
  side === "bare"
    ? await bare(brokers, target, Number(events))
    : side === "fold"
      ? await fold(brokers, target, stateFile)
      : (() => {
          throw new Error(`unknown side ${JSON.stringify(side)} (bare or fold)`)
        })()
process.stdout.write(`${JSON.stringify(result)}\n`)
process.exit(0)
