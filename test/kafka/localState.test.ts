/**
 * The per-partition local state store of the Kafka adapter, on the real broker: a ticket is read
 * from the local store (never by scanning its partition), each partition resumes from its stored
 * position, and this instance's own appends are readable at once.
 */
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Layer, Option } from "effect"
import { KafkaStore, layerKafkaStore } from "../../src/services/store/kafka/layer.ts"
import { positionName } from "../../src/services/store/kafka/localState.ts"
import { partitionOfKey } from "../../src/services/store/kafka/topics.ts"
import { Checkpoints, EventLog, TicketQueue } from "../../src/services/store/Store.ts"
import { ticketRun } from "../fixtures/events/builders.ts"
import { deleteTopics, freshStateFile, testKafka, testStoreOptions, uniquePrefix } from "../support/kafka.ts"

const run = (ticketId: string, firstSeq = 0, runId = "run-1") =>
  ticketRun({
    ticketId,
    runId,
    firstSeq,
    at: "2026-02-03T00:10:00.000Z",
    primaryIntent: "DEMANDE_DATE_EXAMEN",
    outcome: { kind: "completed", draftCreated: true }
  })

const PARTITIONS = 3
const tickets = ["198709000449700011", "198709000449700012", "198709000449700013", "198709000449700014"]

const withTopics = <A, E, R>(body: (prefix: string) => Effect.Effect<A, E, R>) => {
  const prefix = uniquePrefix("local")
  return Effect.ensuring(body(prefix), Effect.promise(() => deleteTopics(prefix)))
}

const store = (prefix: string, stateFile: string) =>
  layerKafkaStore(testStoreOptions({ topicPrefix: prefix, partitions: PARTITIONS, stateFile }))

/** Removes every record of the events topic below the current end (the broker moves its low watermark). */
const truncateEvents = (topic: string) =>
  Effect.promise(async () => {
    const admin = testKafka().admin()
    await admin.connect()
    try {
      const offsets = await admin.fetchTopicOffsets(topic)
      await admin.deleteTopicRecords({ topic, partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })) })
      return (await admin.fetchTopicOffsets(topic)).map((o) => Number(o.low))
    } finally {
      await admin.disconnect()
    }
  })

/** Another instance (its own state file) appends a run of every ticket. */
const appendEveryTicket = (prefix: string) =>
  Effect.scoped(
    Effect.gen(function* () {
      const log = yield* EventLog
      for (const t of tickets) yield* log.append(run(t))
    }).pipe(Effect.provide(store(prefix, freshStateFile())))
  )

describe("Kafka local state store", () => {
  it.live("serves a ticket from the local store once its partition is caught up: the topic's records are not read again", () =>
    withTopics((prefix) =>
      Effect.gen(function* () {
        const stateFile = freshStateFile()
        yield* appendEveryTicket(prefix)
        // A second instance (its own state file) catches up and reads the tickets.
        yield* Effect.scoped(
          Effect.gen(function* () {
            const log = yield* EventLog
            const { topics } = yield* KafkaStore
            const checkpoints = yield* Checkpoints
            const ticket = tickets[1] ?? ""
            const partition = partitionOfKey(ticket, PARTITIONS)
            expect((yield* log.readTicket(ticket)).map((s) => s.event)).toEqual(run(ticket))
            const inPartition = tickets.filter((t) => partitionOfKey(t, PARTITIONS) === partition).length * run("x").length
            const position = yield* checkpoints.load(positionName(topics.events, partition))
            expect(Option.map(position, (p) => p.position)).toEqual(Option.some(inPartition))

            // The records are gone from the topic: the ticket still reads whole, from the local store.
            const lows = yield* truncateEvents(topics.events)
            expect(lows.reduce((a, b) => a + b, 0)).toBe(tickets.length * run("x").length)
            expect((yield* log.readTicket(ticket)).map((s) => s.event)).toEqual(run(ticket))
          }).pipe(Effect.provide(store(prefix, stateFile)))
        )
      })
    )
  )

  it.live("reads what another instance appended since (only the new records), and its own appends at once", () =>
    withTopics((prefix) =>
      Effect.gen(function* () {
        const mine = store(prefix, freshStateFile())
        const other = store(prefix, freshStateFile())
        const ticket = tickets[0] ?? ""
        const partition = partitionOfKey(ticket, PARTITIONS)
        yield* Effect.scoped(
          Effect.gen(function* () {
            const ctxMine = yield* Layer.build(mine)
            const ctxOther = yield* Layer.build(other)
            const logMine = yield* Effect.provide(EventLog, ctxMine)
            const logOther = yield* Effect.provide(EventLog, ctxOther)
            const { topics } = yield* Effect.provide(KafkaStore, ctxMine)
            const checkpoints = yield* Effect.provide(Checkpoints, ctxMine)
            const first = run(ticket)
            // Own append: in the local store at once, the partition's position moved with it.
            yield* logMine.append(first)
            const reached = yield* checkpoints.load(positionName(topics.events, partition))
            expect(Option.map(reached, (p) => p.position)).toEqual(Option.some(first.length))
            // Another instance appends the ticket's next run: the next read catches up the tail.
            const second = run(ticket, first.length, "run-2")
            yield* logOther.append(second)
            expect((yield* logMine.readTicket(ticket)).map((s) => s.event)).toEqual([...first, ...second])
            const after = yield* checkpoints.load(positionName(topics.events, partition))
            expect(Option.map(after, (p) => p.position)).toEqual(Option.some(first.length + second.length))
          })
        )
      })
    )
  )

  it.live("catches up the events partitions the group hands a member, before any ticket of them is read", () =>
    withTopics((prefix) =>
      Effect.gen(function* () {
        yield* appendEveryTicket(prefix)
        yield* Effect.scoped(
          Effect.gen(function* () {
            const queue = yield* TicketQueue
            const { topics } = yield* KafkaStore
            const checkpoints = yield* Checkpoints
            const expected = Array.from({ length: PARTITIONS }, (_, p) => tickets.filter((t) => partitionOfKey(t, PARTITIONS) === p).length * run("x").length)
            const reached = Effect.forEach(expected, (_, p) =>
              Effect.map(checkpoints.load(positionName(topics.events, p)), Option.match({ onNone: () => 0, onSome: (c) => c.position }))
            )
            expect(yield* reached).toEqual(expected.map(() => 0))
            // An empty claim joins the group (the only member gets every partition); no ticket is read.
            expect(yield* queue.claim({ consumerId: "c1", host: "h", pid: 1 }, { max: 1, leaseFor: Duration.seconds(30) })).toEqual([])
            let caughtUp = yield* reached
            for (let tries = 0; tries < 100 && caughtUp.some((n, p) => n !== expected[p]); tries++) {
              yield* Effect.sleep(Duration.millis(200))
              caughtUp = yield* reached
            }
            expect(caughtUp).toEqual(expected)
          }).pipe(Effect.provide(store(prefix, freshStateFile())))
        )
      })
    )
  )
})
