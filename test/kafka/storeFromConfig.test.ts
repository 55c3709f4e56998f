/** `layerStoreFromConfig`: the one place that picks SQLite or Kafka from the settings. */
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Either, Layer } from "effect"
import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { AppConfigLive } from "../../src/services/config/AppConfig.ts"
import { KAFKA_STATE_FILE } from "../../src/services/store/kafka/layer.ts"
import { topicNames } from "../../src/services/store/kafka/topics.ts"
import { DATABASE_FILE, EventLog, layerStoreFromConfig, RunnerControl } from "../../src/services/store/Store.ts"
import { ticketRun } from "../fixtures/events/builders.ts"
import { deleteTopics, testBrokers, testKafka, uniquePrefix } from "../support/kafka.ts"

const fromEnv = (env: Record<string, string>) =>
  layerStoreFromConfig.pipe(
    Layer.provide(AppConfigLive),
    Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
  )

const freshDir = () => join(mkdtempSync(join(tmpdir(), "docflow-store-choice-")), "data")

const events = ticketRun({
  ticketId: "198709000449700021",
  runId: "run-1",
  firstSeq: 0,
  at: "2026-02-03T00:10:00.000Z",
  primaryIntent: "DEMANDE_DATE_EXAMEN",
  outcome: { kind: "completed", draftCreated: true }
})

const listTopics = Effect.promise(async () => {
  const admin = testKafka().admin()
  await admin.connect()
  try {
    return new Set(await admin.listTopics())
  } finally {
    await admin.disconnect()
  }
})

describe("store chosen from the settings", () => {
  it.live("without KAFKA_BROKERS: the SQLite file under DOCFLOW_DATA_DIR", () => {
    const dataDir = freshDir()
    return Effect.gen(function* () {
      yield* Effect.flatMap(EventLog, (log) => log.append(events))
      expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(true)
      expect(existsSync(join(dataDir, KAFKA_STATE_FILE))).toBe(false)
    }).pipe(Effect.provide(fromEnv({ DOCFLOW_DATA_DIR: dataDir })))
  })

  it.live("with KAFKA_BROKERS: Kafka topics of DOCFLOW_KAFKA_TOPIC_PREFIX with DOCFLOW_KAFKA_PARTITIONS partitions, state under DOCFLOW_DATA_DIR", () => {
    const dataDir = freshDir()
    const prefix = uniquePrefix("choice")
    const names = topicNames(prefix)
    return Effect.gen(function* () {
      const log = yield* EventLog
      yield* log.append(events)
      expect((yield* log.readTicket(events[0]?.ticketId ?? "")).map((s) => s.event)).toEqual(events)
      expect(existsSync(join(dataDir, KAFKA_STATE_FILE))).toBe(true)
      expect(existsSync(join(dataDir, DATABASE_FILE))).toBe(false)
      const topics = yield* listTopics
      for (const t of [names.tickets, names.events, names.deadLetters, names.control]) expect(topics.has(t)).toBe(true)
      const offsets = yield* Effect.promise(async () => {
        const admin = testKafka().admin()
        await admin.connect()
        try {
          return await admin.fetchTopicOffsets(names.events)
        } finally {
          await admin.disconnect()
        }
      })
      expect(offsets.length).toBe(2)
      // Pause / resume go through the compacted control topic: another instance sees them.
      const control = yield* RunnerControl
      yield* control.set({ paused: true, reason: "maintenance", since: "2026-02-03T00:00:00.000Z", by: "operator" })
      const seen = yield* Effect.scoped(
        Effect.flatMap(RunnerControl, (c) => c.get).pipe(
          Effect.provide(fromEnv({ KAFKA_BROKERS: testBrokers().join(","), DOCFLOW_DATA_DIR: freshDir(), DOCFLOW_KAFKA_TOPIC_PREFIX: prefix, DOCFLOW_KAFKA_PARTITIONS: "2" }))
        )
      )
      expect(seen).toEqual({ paused: true, reason: "maintenance", since: "2026-02-03T00:00:00.000Z", by: "operator" })
      yield* control.set({ paused: false, reason: null, since: "2026-02-03T00:01:00.000Z", by: "operator" })
      expect((yield* control.get).paused).toBe(false)
    }).pipe(
      Effect.provide(fromEnv({ KAFKA_BROKERS: testBrokers().join(","), DOCFLOW_DATA_DIR: dataDir, DOCFLOW_KAFKA_TOPIC_PREFIX: prefix, DOCFLOW_KAFKA_PARTITIONS: "2" })),
      Effect.ensuring(Effect.promise(() => deleteTopics(prefix)))
    )
  })

  it.live("an unreachable broker fails the start with a store error that names the brokers", () =>
    Effect.gen(function* () {
      const result = yield* Effect.either(
        Effect.scoped(Layer.build(fromEnv({ KAFKA_BROKERS: "127.0.0.1:1", DOCFLOW_DATA_DIR: freshDir(), DOCFLOW_KAFKA_TOPIC_PREFIX: uniquePrefix("down") })))
      )
      expect(Either.isLeft(result)).toBe(true)
      const message = Either.isLeft(result) ? result.left.message : ""
      expect(message).toContain("KAFKA_BROKERS=127.0.0.1:1")
      expect(message).toContain("Kafka store")
    }), 60_000
  )
})
