import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Context, Effect, FiberSet, Layer, Option, Runtime } from "effect"
import { Kafka, logLevel as kafkaLogLevel, Partitioners, type logLevel } from "kafkajs"
import { mkdirSync } from "node:fs"
import { hostname } from "node:os"
import { dirname, join } from "node:path"
import { AppConfig } from "../../config/AppConfig.ts"
import { Checkpoints } from "../Checkpoints.ts"
import { StoreError } from "../errors.ts"
import { EventLog } from "../EventLog.ts"
import { makeCheckpoints } from "../sqlite/checkpoints.ts"
import { migrate } from "../sqlite/layer.ts"
import { unavailable } from "../sqlite/run.ts"
import { RunnerControl } from "../RunnerControl.ts"
import { TicketQueue } from "../TicketQueue.ts"
import { ensureTopics, kafkaCall } from "./client.ts"
import { makeKafkaEventLog, type KafkaEventLogShape } from "./eventLog.ts"
import { GroupWorker } from "./groupWorker.ts"
import { makeLocalState } from "./localState.ts"
import { makeKafkaRunnerControl } from "./runnerControl.ts"
import { makeKafkaTicketQueue, type KafkaTicketQueueShape } from "./ticketQueue.ts"
import { DEFAULT_TOPIC_PREFIX, topicNames, type TopicNames } from "./topics.ts"

export interface KafkaStoreOptions {
  readonly brokers: ReadonlyArray<string>
  readonly clientId?: string
  /** Topics are `<prefix>tickets`, `<prefix>events`, `<prefix>dead-letters` (default prefix `docflow.`). */
  readonly topicPrefix?: string
  /** Partitions of the tickets and the events topic (default 1: one total order of events). */
  readonly partitions?: number
  /** The consumer group sharing the tickets (default `<prefix>consumers`). */
  readonly groupId?: string
  readonly sessionTimeoutMs?: number
  readonly heartbeatIntervalMs?: number
  readonly joinWaitMs?: number
  readonly fetchWaitMs?: number
  /** How long a claim that finds nothing waits for new tickets (default 1 s). */
  readonly pollWaitMs?: number
  /**
   * The instance's local state store (SQLite): projection checkpoints and the quarantine of
   * undecodable records. Each instance has its own; nothing in it is shared through Kafka.
   */
  readonly stateFile: string
  readonly logLevel?: logLevel
}

/** The Kafka adapters with what the ports cannot express (cursors, dead letters, topic names). */
export interface KafkaStoreShape {
  readonly topics: TopicNames
  readonly groupId: string
  readonly eventLog: KafkaEventLogShape
  readonly queue: KafkaTicketQueueShape
}

export class KafkaStore extends Context.Tag("docflow/store/KafkaStore")<KafkaStore, KafkaStoreShape>() {}

const ports = (options: KafkaStoreOptions) =>
  Effect.gen(function* () {
    const state = yield* SqlClient.SqlClient
    const runtime = yield* Effect.runtime<never>()
    // Background work interrupted when the store closes (not left running on a closed state file).
    const runInScope = yield* FiberSet.makeRuntime<never>()
    yield* migrate
    const prefix = options.topicPrefix ?? DEFAULT_TOPIC_PREFIX
    const topics = topicNames(prefix)
    const partitions = options.partitions ?? 1
    const groupId = options.groupId ?? `${prefix}consumers`
    const sessionTimeoutMs = options.sessionTimeoutMs ?? 10_000
    const heartbeatIntervalMs = options.heartbeatIntervalMs ?? Math.max(300, Math.floor(sessionTimeoutMs / 10))
    const kafka = new Kafka({
      clientId: options.clientId ?? "docflow",
      brokers: [...options.brokers],
      logLevel: options.logLevel ?? kafkaLogLevel.ERROR,
      retry: { retries: 5 }
    })

    const admin = kafka.admin()
    yield* Effect.acquireRelease(kafkaCall("connect the admin client", () => admin.connect()), () =>
      Effect.promise(() => admin.disconnect().catch(() => undefined))
    )
    yield* ensureTopics(admin, { names: topics, partitions })

    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner
    })
    yield* Effect.acquireRelease(kafkaCall("connect the producer", () => producer.connect()), () =>
      Effect.promise(() => producer.disconnect().catch(() => undefined))
    )

    const local = yield* makeLocalState({ kafka, admin, topic: topics.events, partitions, sessionTimeoutMs, state })
    const worker = new GroupWorker({
      kafka,
      admin,
      topic: topics.tickets,
      groupId,
      partitions,
      sessionTimeoutMs,
      heartbeatIntervalMs,
      joinWaitMs: options.joinWaitMs ?? sessionTimeoutMs + 5_000,
      fetchWaitMs: options.fetchWaitMs ?? 3_000,
      onUnreadable: (partition, offset, problem) =>
        Runtime.runFork(runtime)(Effect.logWarning(`ticket queue: record ${topics.tickets}[${partition}]@${offset} is not a ticket, passed over: ${problem}`)),
      // Tickets of partition p have their events in events partition p (same key, same count):
      // catch those up now, before the first ticket of p is read. Reading a ticket catches up
      // its partition too, so a failure here only costs time.
      onAssigned: (assigned) =>
        runInScope(
          local.catchUp(assigned).pipe(
            Effect.catchAll((e) => Effect.logWarning(`Kafka state store: catching up events partitions ${assigned.join(",")} on assignment failed: ${e.message}`))
          )
        )
    })
    yield* Effect.addFinalizer(() => Effect.promise(() => worker.stop().catch(() => undefined)))

    const eventLog = makeKafkaEventLog({ kafka, admin, producer, topic: topics.events, partitions, sessionTimeoutMs, state, local })
    const queue = makeKafkaTicketQueue({
      kafka,
      admin,
      producer,
      topics,
      groupId,
      partitions,
      sessionTimeoutMs,
      worker,
      fetchWaitMs: options.fetchWaitMs ?? 3_000,
      pollWaitMs: options.pollWaitMs ?? 1_000
    })
    return Context.make(EventLog, eventLog)
      .pipe(Context.add(TicketQueue, queue))
      .pipe(Context.add(Checkpoints, makeCheckpoints(state)))
      .pipe(Context.add(RunnerControl, makeKafkaRunnerControl({ kafka, admin, producer, topic: topics.control, sessionTimeoutMs })))
      .pipe(Context.add(KafkaStore, { topics, groupId, eventLog, queue }))
  })

/**
 * EventLog and TicketQueue on Kafka (topics created at start-up), Checkpoints in the instance's
 * local SQLite state file. Closing the layer leaves the group without committing unacknowledged
 * tickets.
 */
export const layerKafkaStore = (
  options: KafkaStoreOptions
): Layer.Layer<EventLog | TicketQueue | Checkpoints | RunnerControl | KafkaStore, StoreError> => {
  const prepareDir = Layer.effectDiscard(
    Effect.try({
      try: () => mkdirSync(dirname(options.stateFile), { recursive: true }),
      catch: (cause) => new StoreError({ reason: "Unavailable", message: `cannot create ${dirname(options.stateFile)}`, cause })
    })
  )
  const state = SqliteClient.layer({ filename: options.stateFile }).pipe(Layer.mapError(unavailable))
  return Layer.scopedContext(ports(options)).pipe(Layer.provide(Layer.provideMerge(state, prepareDir)))
}

/** The instance's state file under `DOCFLOW_DATA_DIR`. */
export const KAFKA_STATE_FILE = "kafka-state.sqlite"

/**
 * The Kafka store from the application settings: `KAFKA_BROKERS` (required here),
 * `DOCFLOW_DATA_DIR` (the local state file), `DOCFLOW_KAFKA_PARTITIONS` and
 * `DOCFLOW_KAFKA_TOPIC_PREFIX`; the rest keeps its defaults unless overridden. A start-up failure
 * (broker unreachable, topics refused) names the brokers.
 */
export const layerKafkaStoreFromConfig = (
  overrides: Partial<Omit<KafkaStoreOptions, "brokers" | "stateFile">> = {}
): Layer.Layer<EventLog | TicketQueue | Checkpoints | RunnerControl | KafkaStore, StoreError, AppConfig> =>
  Layer.unwrapEffect(
    Effect.flatMap(AppConfig, (config) =>
      Option.match(config.kafka.brokers, {
        onNone: () => Effect.fail(new StoreError({ reason: "Unavailable", message: "Kafka store: KAFKA_BROKERS is not set" })),
        onSome: (brokers) =>
          Effect.succeed(
            layerKafkaStore({
              partitions: config.kafka.partitions,
              topicPrefix: config.kafka.topicPrefix,
              clientId: `docflow-${hostname()}-${process.pid}`,
              // kafkajs's own logs would go to stdout; failures reach the caller as store errors.
              logLevel: kafkaLogLevel.NOTHING,
              ...overrides,
              brokers,
              stateFile: join(config.dataDir, KAFKA_STATE_FILE)
            }).pipe(
              Layer.mapError(
                (e) => new StoreError({ reason: e.reason, message: `${e.message} (KAFKA_BROKERS=${brokers.join(",")})`, cause: e.cause })
              )
            )
          )
      })
    )
  )
