/**
 * The events topic's record format: format 2 (envelope and payload in one JSON value, read without
 * headers) is what is written; format 1 (payload as value, envelope in seven headers) is still
 * read, by the direct reader and through the local state store, and a bad record of either
 * format fails naming its position.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Either, Stream } from "effect"
import { encodePayload, EventDecodeError, type DocflowEvent } from "../../src/schemas/events.ts"
import { decodeRecord, encodeRecord } from "../../src/services/store/kafka/eventLog.ts"
import { KafkaStore } from "../../src/services/store/kafka/layer.ts"
import type { RawRecord } from "../../src/services/store/kafka/readRange.ts"
import { partitionOfKey } from "../../src/services/store/kafka/topics.ts"
import { eventRecordColumns } from "../../src/services/store/kafka/records.ts"
import { decodeRow } from "../../src/services/store/sqlite/eventLog.ts"
import type { EventRow } from "../../src/services/store/sqlite/sql.ts"
import { EventLog } from "../../src/services/store/Store.ts"
import { ticketRun } from "../fixtures/events/builders.ts"
import { freshKafkaStore, testKafka } from "../support/kafka.ts"

const run = (ticketId: string) =>
  ticketRun({
    ticketId,
    runId: "run-fmt",
    firstSeq: 0,
    at: "2026-02-03T00:10:00.000Z",
    primaryIntent: "DEMANDE_DATE_EXAMEN",
    outcome: { kind: "completed", draftCreated: true }
  })

/** A record as format 1 wrote it: the payload as value, the envelope in headers (numbers as text). */
const format1 = (event: DocflowEvent) => ({
  key: event.ticketId,
  value: JSON.stringify(Either.getOrThrow(encodePayload(event))),
  headers: {
    eventId: event.eventId,
    type: event.type,
    version: String(event.version),
    ticketId: event.ticketId,
    ticketSeq: String(event.ticketSeq),
    runId: event.runId,
    occurredAt: event.occurredAt
  }
})

const raw = (offset: number, value: string | null, headers?: Record<string, string>): RawRecord => ({
  partition: 0,
  offset,
  key: null,
  value,
  timestamp: 0,
  rawHeaders: headers === undefined ? undefined : Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)]))
})

const failure = (result: ReturnType<typeof decodeRecord>): EventDecodeError => {
  if (!(result instanceof EventDecodeError)) throw new Error(`expected a decode error, got event ${result.event.eventId}`)
  return result
}

const events = run("198709000461000001")

describe("events record format 2", () => {
  it("holds the envelope and the payload in one JSON value, with type and ticketId headers for tools", () => {
    const event = events[2] as DocflowEvent
    const record = Either.getOrThrow(encodeRecord(event))
    const value = JSON.parse(record.value) as Record<string, unknown>
    expect(Object.keys(value)).toEqual(["v", "eventId", "type", "version", "ticketId", "ticketSeq", "runId", "occurredAt", "payload"])
    expect(value["v"]).toBe(2)
    expect(value["payload"]).toEqual(Either.getOrThrow(encodePayload(event)))
    expect(record.headers).toEqual({ type: event.type, ticketId: event.ticketId })
    expect(record.key).toBe(event.ticketId)
  })

  it("decodes back to the same events without reading any header, positions being offset + 1", () => {
    events.forEach((event, i) => {
      const record = Either.getOrThrow(encodeRecord(event))
      const decoded = decodeRecord(raw(40 + i, record.value))
      expect(decoded).toEqual({ position: 41 + i, partition: 0, event })
    })
  })

  it("fails naming the position and the event for an invalid payload, an unknown format, a missing or an extra field", () => {
    const event = events[0] as DocflowEvent
    const value = JSON.parse(Either.getOrThrow(encodeRecord(event)).value) as Record<string, unknown>

    const badPayload = failure(decodeRecord(raw(6, JSON.stringify({ ...value, payload: { nonsense: true } }))))
    expect([badPayload.reason, badPayload.position, badPayload.eventId]).toEqual(["InvalidPayload", 7, event.eventId])

    const future = failure(decodeRecord(raw(7, JSON.stringify({ ...value, v: 3 }))))
    expect([future.reason, future.position]).toEqual(["UnknownVersion", 8])
    expect(future.detail).toContain("record format 3")

    const { runId: _runId, ...withoutRunId } = value
    const missing = failure(decodeRecord(raw(8, JSON.stringify(withoutRunId))))
    expect([missing.reason, missing.position]).toEqual(["MalformedEnvelope", 9])
    expect(missing.detail).toContain("missing runId")

    const extra = failure(decodeRecord(raw(9, JSON.stringify({ ...value, secret: "x" }))))
    expect(extra.reason).toBe("MalformedEnvelope")
    expect(extra.detail).toContain("unexpected secret")

    const badSeq = failure(decodeRecord(raw(10, JSON.stringify({ ...value, ticketSeq: "0" }))))
    expect([badSeq.reason, badSeq.position]).toEqual(["MalformedEnvelope", 11])
  })

  it("fails clearly on a torn value or no value at all", () => {
    const torn = failure(decodeRecord(raw(3, '{"v":2,"eventId":"e.0","ty')))
    expect([torn.reason, torn.position]).toEqual(["UnreadableJson", 4])
    const empty = failure(decodeRecord(raw(4, null)))
    expect([empty.reason, empty.position]).toEqual(["UnreadableJson", 5])
  })
})

describe("events record format 1 (envelope in headers) is still read", () => {
  it("decodes from the raw kafkajs headers, and fails naming the event when a header is wrong", () => {
    events.forEach((event, i) => {
      const old = format1(event)
      expect(decodeRecord(raw(i, old.value, old.headers))).toEqual({ position: i + 1, partition: 0, event })
    })
    const old = format1(events[1] as DocflowEvent)
    const bad = failure(decodeRecord(raw(5, old.value, { ...old.headers, ticketSeq: "minus one" })))
    expect([bad.reason, bad.position, bad.eventId]).toEqual(["MalformedEnvelope", 6, old.headers.eventId])
    const torn = failure(decodeRecord(raw(6, old.value.slice(0, 10), old.headers)))
    expect([torn.reason, torn.position, torn.eventId]).toEqual(["UnreadableJson", 7, old.headers.eventId])
  })
})

describe("local state columns of either format", () => {
  const row = (position: number, columns: ReadonlyArray<string | number | null>) => [position, ...columns] as unknown as EventRow

  it("give the same event from a format-1 and a format-2 record", () => {
    events.forEach((event, i) => {
      const now = Either.getOrThrow(encodeRecord(event))
      const old = format1(event)
      const fromNew = decodeRow(row(i + 1, eventRecordColumns(now.key, now.value, now.headers)))
      const fromOld = decodeRow(row(i + 1, eventRecordColumns(old.key, old.value, old.headers)))
      expect(fromNew).toEqual({ position: i + 1, event })
      expect(fromOld).toEqual({ position: i + 1, event })
    })
  })

  it("keep a malformed format-2 record undecodable (never a silently mended event)", () => {
    const event = events[0] as DocflowEvent
    const now = Either.getOrThrow(encodeRecord(event))
    const value = JSON.parse(now.value) as Record<string, unknown>
    const cases = [
      JSON.stringify({ ...value, eventId: { id: event.eventId } }),
      JSON.stringify({ ...value, secret: "x" }),
      JSON.stringify({ ...value, v: 3 }),
      now.value.slice(0, 20)
    ]
    for (const text of cases) {
      const decoded = decodeRow(row(1, eventRecordColumns(now.key, text, now.headers)))
      expect(decoded).toBeInstanceOf(EventDecodeError)
    }
  })
})

/** Sends records of format 1 straight to the events topic (what an older docflow wrote). */
const sendFormat1 = (topic: string, partitions: number, records: ReadonlyArray<ReturnType<typeof format1>>, partitionOf: (key: string) => number) =>
  Effect.promise(async () => {
    const producer = testKafka().producer()
    await producer.connect()
    try {
      await producer.send({ topic, messages: records.map((r) => ({ ...r, partition: partitions === 1 ? 0 : partitionOf(r.key) })) })
    } finally {
      await producer.disconnect()
    }
  })

describe("Kafka event log over a topic holding both formats", () => {
  for (const partitions of [1, 3]) {
    it.live(`reads old and new records in order, and each ticket whole (${partitions} partition${partitions === 1 ? "" : "s"})`, () =>
      Effect.gen(function* () {
        const log = yield* EventLog
        const { topics } = yield* KafkaStore
        const older = run("198709000461000011")
        const newer = run("198709000461000012")
        yield* sendFormat1(topics.events, partitions, older.map(format1), (key) => partitionOfKey(key, partitions))
        yield* log.append(newer)
        const read = Chunk.toReadonlyArray(yield* Stream.runCollect(log.readFrom(0))).map((s) => s.event)
        expect(read.filter((e) => e.ticketId === older[0]?.ticketId)).toEqual(older)
        expect(read.filter((e) => e.ticketId === newer[0]?.ticketId)).toEqual(newer)
        expect(read.length).toBe(older.length + newer.length)
        expect((yield* log.readTicket(older[0]?.ticketId ?? "")).map((s) => s.event)).toEqual(older)
        expect((yield* log.readTicket(newer[0]?.ticketId ?? "")).map((s) => s.event)).toEqual(newer)
      }).pipe(Effect.provide(freshKafkaStore({ partitions }))),
      60_000
    )
  }
})
