/**
 * Kafka specifics the port contract does not cover, on the real broker: the topics created at
 * start-up, multi-partition positions, undecodable records, dead letters, and a missing broker.
 */
import { describe, expect, it } from "@effect/vitest"
import { Cause, ConfigProvider, Chunk, Effect, Either, Exit, Layer, Stream } from "effect"
import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { AppConfigLive } from "../../src/services/config/AppConfig.ts"
import { ConfigResourceTypes, logLevel } from "kafkajs"
import { KAFKA_STATE_FILE, KafkaStore, layerKafkaStore, layerKafkaStoreFromConfig } from "../../src/services/store/kafka/layer.ts"
import { partitionOfKey, topicNames } from "../../src/services/store/kafka/topics.ts"
import { EventLog, type StoredEvent } from "../../src/services/store/Store.ts"
import { ticketRun } from "../fixtures/events/builders.ts"
import { deleteTopics, freshKafkaStore, testBrokers, testKafka, testStoreOptions, uniquePrefix } from "../support/kafka.ts"

const run = (ticketId: string, runId = "run-1") =>
  ticketRun({
    ticketId,
    runId,
    firstSeq: 0,
    at: "2026-02-03T00:10:00.000Z",
    primaryIntent: "DEMANDE_DATE_EXAMEN",
    outcome: { kind: "completed", draftCreated: true }
  })

const withAdmin = <A>(use: (admin: ReturnType<ReturnType<typeof testKafka>["admin"]>) => Promise<A>) =>
  Effect.promise(async () => {
    const admin = testKafka().admin()
    await admin.connect()
    try {
      return await use(admin)
    } finally {
      await admin.disconnect()
    }
  })

describe("Kafka store: topics at start-up", () => {
  it.live("creates tickets and events with the same partition count, unlimited retention on events, and a dead-letter topic; a second start reuses them", () => {
    const prefix = uniquePrefix("topics")
    const names = topicNames(prefix)
    const start = Effect.scoped(Effect.provide(KafkaStore, layerKafkaStore(testStoreOptions({ topicPrefix: prefix, partitions: 3 }))))
    return Effect.gen(function* () {
      expect((yield* start).topics).toEqual(names)
      expect((yield* start).topics).toEqual(names)
      const metadata = yield* withAdmin((admin) => admin.fetchTopicMetadata({ topics: [names.tickets, names.events, names.deadLetters] }))
      const partitions = Object.fromEntries(metadata.topics.map((t) => [t.name, t.partitions.length]))
      expect(partitions).toEqual({ [names.tickets]: 3, [names.events]: 3, [names.deadLetters]: 1 })
      const configs = yield* withAdmin((admin) =>
        admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: names.events, configNames: ["retention.ms"] }] })
      )
      expect(configs.resources[0]?.configEntries.find((c) => c.configName === "retention.ms")?.configValue).toBe("-1")
    }).pipe(Effect.ensuring(Effect.promise(() => deleteTopics(prefix))))
  })

  it.live("refuses topics whose partition count differs from the configured one", () => {
    const prefix = uniquePrefix("mismatch")
    return Effect.gen(function* () {
      yield* Effect.scoped(Effect.provide(Effect.void, layerKafkaStore(testStoreOptions({ topicPrefix: prefix, partitions: 2 }))))
      const again = yield* Effect.either(Effect.scoped(Effect.provide(Effect.void, layerKafkaStore(testStoreOptions({ topicPrefix: prefix, partitions: 3 })))))
      expect(Either.isLeft(again) && again.left._tag === "StoreError" && again.left.message).toContain("has 2 partitions, expected 3")
    }).pipe(Effect.ensuring(Effect.promise(() => deleteTopics(prefix))))
  })

  it.live("a missing broker fails the start with an Unavailable store error", () =>
    Effect.gen(function* () {
      const result = yield* Effect.either(
        Effect.scoped(Effect.provide(Effect.void, layerKafkaStore(testStoreOptions({ topicPrefix: uniquePrefix("nobroker"), brokers: ["127.0.0.1:1"] }))))
      )
      expect(Either.isLeft(result) && result.left.reason).toBe("Unavailable")
    })
  )
})

describe("Kafka event log over several partitions", () => {
  it.live("a ticket's events go to the partition of its key; positions are per partition in the topic, local positions through the port", () =>
    Effect.gen(function* () {
      const log = yield* EventLog
      const { eventLog } = yield* KafkaStore
      const tickets = ["198709000449700001", "198709000449700002", "198709000449700003", "198709000449700004", "198709000449700005"]
      for (const t of tickets) yield* log.append(run(t))
      const heads = yield* eventLog.partitionHeads
      const perPartition = [0, 1, 2].map((p) => tickets.filter((t) => partitionOfKey(t, 3) === p).length * run("x").length)
      expect(heads).toEqual(perPartition)

      for (const p of [0, 1, 2]) {
        const read = Chunk.toReadonlyArray(yield* Stream.runCollect(eventLog.readPartitionFrom(p, 0)))
        expect(read.map((s) => s.position)).toEqual(read.map((_, i) => i + 1))
        expect(read.every((s) => partitionOfKey(s.event.ticketId, 3) === p)).toBe(true)
      }
      const ticket = tickets[3] ?? ""
      expect((yield* log.readTicket(ticket)).map((s) => s.event)).toEqual(run(ticket))
      const all = Chunk.toReadonlyArray(yield* Stream.runCollect(log.readFrom(0)))
      expect(all.length).toBe(tickets.length * run("x").length)
      // Through the port, positions are the local state store's: one number over every partition.
      expect(all.map((s) => s.position)).toEqual(all.map((_, i) => i + 1))
      const rest = Chunk.toReadonlyArray(yield* Stream.runCollect(log.readFrom(3)))
      expect(rest.map((s) => s.event)).toEqual(all.slice(3).map((s) => s.event))
      expect(yield* log.head).toBe(all.length)
      for (const t of tickets) {
        const ofTicket = all.filter((s) => s.event.ticketId === t).map((s) => s.event)
        expect(ofTicket).toEqual(run(t))
      }
      // Two tickets in different partitions cannot be appended as one atomic batch.
      const a = tickets[0] ?? ""
      const b = tickets.find((t) => partitionOfKey(t, 3) !== partitionOfKey(a, 3)) ?? ""
      const refused = yield* Effect.flip(log.append([...run(a, "run-2"), ...run(b, "run-2")]))
      expect(refused.reason).toBe("Conflict")
    }).pipe(Effect.provide(freshKafkaStore({ partitions: 3 })))
  )
})

describe("Kafka event log: concurrent appends", () => {
  it.live("appends sent together keep each batch whole and contiguous, at the positions reported", () =>
    Effect.gen(function* () {
      const log = yield* EventLog
      const batches = Array.from({ length: 40 }, (_, i) => run(`1987090004497${String(i).padStart(5, "0")}`))
      const results = yield* Effect.forEach(batches, (b) => log.append(b), { concurrency: 40 })
      const total = batches.flat().length
      const ranges = [...results].sort((a, b) => a.first - b.first)
      expect(ranges[0]?.first).toBe(1)
      expect(ranges.every((r, i) => i === 0 || r.first === (ranges[i - 1]?.last ?? 0) + 1)).toBe(true)
      expect(ranges[ranges.length - 1]?.last).toBe(total)
      const byPosition = new Map(Chunk.toReadonlyArray(yield* Stream.runCollect(log.readFrom(0))).map((s) => [s.position, s.event]))
      batches.forEach((batch, i) => {
        const r = results[i]
        const stored = r === undefined ? [] : Array.from({ length: r.last - r.first + 1 }, (_, k) => byPosition.get(r.first + k))
        expect(stored).toEqual(batch)
      })
    }).pipe(Effect.provide(freshKafkaStore()))
  )
})

describe("Kafka event log: a slow reader", () => {
  it.live("a reader that stops longer than the session timeout still gets every event once, in order", () =>
    Effect.gen(function* () {
      const log = yield* EventLog
      // More than one fetch (1 MiB per partition), so that fetching goes on after the pause.
      const batches = Array.from({ length: 2500 }, (_, i) => run(`1987090004497${String(i).padStart(5, "0")}`))
      yield* Effect.forEach(batches, (b) => log.append(b), { concurrency: 64, discard: true })
      let first = true
      const read = yield* log.readFrom(0, { batchSize: 16 }).pipe(
        Stream.tap(() => (first ? ((first = false), Effect.sleep("8 seconds")) : Effect.void)),
        Stream.runCollect
      )
      const positions = Chunk.toReadonlyArray(read).map((s) => s.position)
      expect(positions.length).toBe(batches.flat().length)
      expect(positions.every((p, i) => p === i + 1)).toBe(true)
    }).pipe(Effect.provide(freshKafkaStore())),
    60_000
  )
})

describe("Kafka event log: records that do not decode", () => {
  it.live("fail the read naming the position, or are quarantined in the local state store and passed over", () =>
    Effect.gen(function* () {
      const log = yield* EventLog
      const { topics } = yield* KafkaStore
      yield* log.append(run("198709000449700001"))
      yield* Effect.promise(async () => {
        const producer = testKafka().producer()
        await producer.connect()
        await producer.send({ topic: topics.events, messages: [{ key: "torn", value: '{"eventId":"torn.0","ty' }] })
        await producer.disconnect()
      })
      yield* log.append(run("198709000449700002"))
      const failure = yield* Effect.flip(Stream.runDrain(log.readFrom(0)))
      expect(failure._tag).toBe("EventDecodeError")
      expect(failure._tag === "EventDecodeError" && failure.position).toBe(run("x").length + 1)

      const read = Chunk.toReadonlyArray(yield* Stream.runCollect(log.readFrom(0, { onUndecodable: "quarantine" })))
      expect(read.length).toBe(2 * run("x").length)
      const quarantined = yield* log.quarantined
      expect(quarantined.map((q) => [q.position, q.reason])).toEqual([[run("x").length + 1, "UnreadableJson"]])
    }).pipe(Effect.provide(freshKafkaStore()))
  )
})

describe("Kafka event log: folding as records arrive (foldFrom, what replay uses)", () => {
  const tornRecord = (topic: string) =>
    Effect.promise(async () => {
      const producer = testKafka().producer()
      await producer.connect()
      await producer.send({ topic, messages: [{ key: "torn", value: '{"eventId":"torn.0","ty' }] })
      await producer.disconnect()
    })

  it.live("hands over the events readFrom reads, in order, from any position; an undecodable record fails it naming the position, or is quarantined", () =>
    Effect.gen(function* () {
      const log = yield* EventLog
      const { eventLog, topics } = yield* KafkaStore
      yield* log.append(run("198709000449700001"))
      yield* tornRecord(topics.events)
      yield* log.append(run("198709000449700002"))
      const perRun = run("x").length

      const handed: Array<number> = []
      const failure = yield* Effect.flip(eventLog.foldFrom(0, {}, (stored) => void handed.push(stored.position)))
      expect(failure._tag === "EventDecodeError" && [failure.reason, failure.position]).toEqual(["UnreadableJson", perRun + 1])
      // Nothing past the undecodable record is handed over.
      expect(handed).toEqual(Array.from({ length: perRun }, (_, i) => i + 1))

      const folded: Array<StoredEvent> = []
      const count = yield* eventLog.foldFrom(0, { onUndecodable: "quarantine" }, (stored) => void folded.push(stored))
      const read = Chunk.toReadonlyArray(yield* Stream.runCollect(log.readFrom(0, { onUndecodable: "quarantine" })))
      expect(count).toBe(2 * perRun)
      expect(folded).toEqual(read)
      // Quarantined once, however often it is read.
      expect((yield* log.quarantined).map((q) => [q.position, q.reason])).toEqual([[perRun + 1, "UnreadableJson"]])

      const tail: Array<StoredEvent> = []
      expect(yield* eventLog.foldFrom(perRun + 1, {}, (stored) => void tail.push(stored))).toBe(perRun)
      expect(tail).toEqual(read.slice(perRun))
      expect(yield* eventLog.foldFrom(yield* log.head, {}, () => undefined)).toBe(0)
    }).pipe(Effect.provide(freshKafkaStore()))
  )

  it.live("a visitor that throws ends the fold with that defect (the batch is not fetched again and again)", () =>
    Effect.gen(function* () {
      const log = yield* EventLog
      const { eventLog } = yield* KafkaStore
      yield* log.append(run("198709000449700001"))
      let calls = 0
      const exit = yield* Effect.exit(
        eventLog.foldFrom(0, {}, () => {
          calls++
          throw new Error("a projection bug")
        })
      )
      expect(Exit.isFailure(exit) && Cause.isDie(exit.cause) && String(Cause.squash(exit.cause))).toContain("a projection bug")
      expect(calls).toBe(1)
    }).pipe(Effect.provide(freshKafkaStore()))
  )

  it.live("over several partitions, hands over what readFrom reads (local positions)", () =>
    Effect.gen(function* () {
      const log = yield* EventLog
      const { eventLog } = yield* KafkaStore
      for (const t of ["198709000449700001", "198709000449700002", "198709000449700003"]) yield* log.append(run(t))
      const folded: Array<StoredEvent> = []
      const count = yield* eventLog.foldFrom(2, {}, (stored) => void folded.push(stored))
      const read = Chunk.toReadonlyArray(yield* Stream.runCollect(log.readFrom(2)))
      expect(count).toBe(read.length)
      expect(folded).toEqual(read)
    }).pipe(Effect.provide(freshKafkaStore({ partitions: 3 })))
  )
})

describe("Kafka ticket queue: a record that is not a ticket", () => {
  it.live("is passed over with a warning; the tickets around it are delivered and the offset moves past it", () =>
    Effect.gen(function* () {
      const { queue, topics } = yield* KafkaStore
      yield* queue.enqueue([{ ticketId: "before" }])
      yield* Effect.promise(async () => {
        const producer = testKafka().producer()
        await producer.connect()
        await producer.send({ topic: topics.tickets, messages: [{ key: null, value: '{"ticket":42}' }] })
        await producer.disconnect()
      })
      yield* queue.enqueue([{ ticketId: "after" }])
      const leases = [
        ...(yield* queue.claim({ consumerId: "one", host: "h", pid: 1 }, { max: 10, leaseFor: "1 minute" })),
        ...(yield* queue.claim({ consumerId: "one", host: "h", pid: 1 }, { max: 10, leaseFor: "1 minute" }))
      ]
      expect(leases.map((l) => l.ticketId)).toEqual(["before", "after"])
      for (const lease of leases) yield* queue.ack(lease)
      expect(yield* queue.ackedPosition).toBe(3)
    }).pipe(Effect.provide(freshKafkaStore()))
  )
})

describe("Kafka dead letters", () => {
  it.live("a poison ticket is published to the dead-letter topic with its error", () =>
    Effect.gen(function* () {
      const { queue, topics } = yield* KafkaStore
      yield* queue.deadLetter({ ticketId: "poison-1", reason: "Crash", message: "the case file could not be gathered" })
      const offsets = yield* withAdmin((admin) => admin.fetchTopicOffsets(topics.deadLetters))
      expect(offsets.map((o) => o.high)).toEqual(["1"])
    }).pipe(Effect.provide(freshKafkaStore()))
  )
})

describe("Kafka store from the application settings", () => {
  const fromSettings = (env: Record<string, string>, topicPrefix: string) =>
    layerKafkaStoreFromConfig({ topicPrefix, sessionTimeoutMs: 6_000, logLevel: logLevel.NOTHING }).pipe(
      Layer.provide(AppConfigLive),
      Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
    )

  it.live("uses KAFKA_BROKERS and keeps the instance state file under DOCFLOW_DATA_DIR", () => {
    const prefix = uniquePrefix("config")
    const dataDir = join(mkdtempSync(join(tmpdir(), "docflow-kafka-config-")), "data")
    return Effect.gen(function* () {
      const log = yield* EventLog
      const { first } = yield* log.append(run("198709000449700001"))
      expect(first).toBe(1)
      expect(existsSync(join(dataDir, KAFKA_STATE_FILE))).toBe(true)
    }).pipe(
      Effect.provide(fromSettings({ KAFKA_BROKERS: testBrokers().join(","), DOCFLOW_DATA_DIR: dataDir }, prefix)),
      Effect.ensuring(Effect.promise(() => deleteTopics(prefix)))
    )
  })

  it.live("without KAFKA_BROKERS the Kafka store does not start", () =>
    Effect.gen(function* () {
      const result = yield* Effect.either(Effect.scoped(Layer.build(fromSettings({}, uniquePrefix("noconfig")))))
      expect(Either.isLeft(result) && result.left._tag === "StoreError" && result.left.message).toContain("KAFKA_BROKERS is not set")
    })
  )
})
