import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Either, Stream } from "effect"
import { spawnSync } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { hostname, tmpdir } from "node:os"
import { join } from "node:path"
import { EventDecodeError, type DocflowEvent } from "../../src/schemas/events.ts"
import { EventLog, layerSqliteStore, TicketQueue } from "../../src/services/store/Store.ts"
import { ticketRun } from "../fixtures/events/builders.ts"

const freshFile = () => join(mkdtempSync(join(tmpdir(), "docflow-sqlite-")), "docflow.sqlite")

const run1 = (ticketId: string, firstSeq = 0) =>
  ticketRun({ ticketId, runId: "r1", firstSeq, at: "2026-02-03T00:12:36.000Z", outcome: { kind: "completed", draftCreated: false } })

const insertRaw = (row: { position?: number; type: string; version: number; payload: string; eventId?: string; seq?: number }) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.unsafe(
      `INSERT INTO events (event_id, type, version, ticket_id, ticket_seq, run_id, occurred_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [row.eventId ?? `raw-${row.type}-${row.version}`, row.type, row.version, "raw", row.seq ?? 0, "r0", "2026-02-03T00:00:00.000Z", row.payload]
    )
  )

const readAll = (onUndecodable?: "fail" | "quarantine") =>
  Effect.flatMap(EventLog, (log) =>
    Stream.runCollect(log.readFrom(0, onUndecodable === undefined ? {} : { onUndecodable })).pipe(Effect.map(Chunk.toReadonlyArray))
  )

describe("SQLite event log", () => {
  it.effect("keeps its events when the file is opened again", () =>
    Effect.gen(function* () {
      const filename = freshFile()
      const events = run1("t1")
      yield* Effect.provide(Effect.flatMap(EventLog, (log) => log.append(events)), layerSqliteStore({ filename }))
      const read = yield* Effect.provide(readAll(), layerSqliteStore({ filename }))
      expect(read.map((s) => s.event)).toEqual(events)
    })
  )

  it.effect("rolls back the whole batch when one event conflicts with a stored one", () =>
    Effect.gen(function* () {
      const log = yield* EventLog
      yield* log.append(run1("t1"))
      const head = yield* log.head
      const clash = run1("t1").map((e) => ({ ...e, eventId: `${e.eventId}.again` }) as DocflowEvent)
      const error = yield* Effect.flip(log.append([...run1("t2"), ...clash]))
      expect(error._tag).toBe("StoreError")
      expect(error.reason).toBe("Conflict")
      expect(yield* log.head).toBe(head)
      expect(yield* log.readTicket("t2")).toEqual([])
    }).pipe(Effect.provide(layerSqliteStore({ filename: freshFile() })))
  )

  it.effect("reads a v1 Decided through its upcaster", () =>
    Effect.gen(function* () {
      const v1 = { stage: "COMPLETED", triageAction: "GO", targetDepartment: null, primaryIntent: "REPORT_DATE", decision: { state: { id: "EXAM_DATE_PAST" } } }
      yield* insertRaw({ type: "Decided", version: 1, payload: JSON.stringify(v1) })
      const [stored] = yield* readAll()
      expect(stored?.event.type).toBe("Decided")
      expect(stored?.event.version).toBe(2)
      expect(stored?.event.payload).toMatchObject({ mode: "live", stateId: "EXAM_DATE_PAST", primaryIntent: "REPORT_DATE" })
    }).pipe(Effect.provide(layerSqliteStore({ filename: freshFile() })))
  )

  it.effect("a torn last write fails the read with its position, or is quarantined and reported", () =>
    Effect.gen(function* () {
      const log = yield* EventLog
      yield* log.append(run1("t1"))
      const head = yield* log.head
      const full = JSON.stringify({ mode: "live", stage: "COMPLETED", draftCreated: true, crmUpdated: true })
      yield* insertRaw({ type: "TicketCompleted", version: 1, payload: full.slice(0, 25), seq: 0 })

      const failure = yield* Effect.flip(readAll("fail"))
      expect(failure).toBeInstanceOf(EventDecodeError)
      expect(failure.message).toContain(`position ${head + 1}`)
      expect(failure.message).toContain("UnreadableJson")

      const read = yield* readAll("quarantine")
      expect(read.length).toBe(head)
      const again = yield* readAll("quarantine")
      expect(again.length).toBe(head)
      const quarantined = yield* log.quarantined
      expect(quarantined.map((q) => [q.position, q.reason])).toEqual([[head + 1, "UnreadableJson"]])
      // A ticket whose history holds the broken event is never handed out partially.
      expect(Either.isLeft(yield* Effect.either(log.readTicket("raw")))).toBe(true)
    }).pipe(Effect.provide(layerSqliteStore({ filename: freshFile() })))
  )

  it.effect("an unknown type or a future version is named in the error", () =>
    Effect.gen(function* () {
      yield* insertRaw({ type: "TicketTeleported", version: 1, payload: "{}" })
      const unknownType = yield* Effect.flip(readAll())
      expect(unknownType.message).toContain('unknown event type "TicketTeleported"')
      yield* Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe("DELETE FROM events"))
      yield* insertRaw({ type: "Decided", version: 7, payload: "{}" })
      const future = yield* Effect.flip(readAll())
      expect(future.reason).toBe("UnknownVersion")
      expect(future.message).toContain("Decided v7")
    }).pipe(Effect.provide(layerSqliteStore({ filename: freshFile() })))
  )
})

describe("SQLite ticket queue", () => {
  it.effect("reclaims a lease whose process on this host is gone", () =>
    Effect.gen(function* () {
      const queue = yield* TicketQueue
      const host = hostname()
      const dead = spawnSync(process.execPath, ["-e", ""]).pid
      yield* queue.enqueue([{ ticketId: "a" }])
      const [held] = yield* queue.claim({ consumerId: "killed", host, pid: dead }, { max: 1, leaseFor: "1 hour" })
      expect(held?.ticketId).toBe("a")
      const [taken] = yield* queue.claim({ consumerId: "survivor", host, pid: process.pid }, { max: 1, leaseFor: "1 hour" })
      expect(taken?.ticketId).toBe("a")
      expect(taken?.attempt).toBe(2)
    }).pipe(Effect.provide(layerSqliteStore({ filename: freshFile() })))
  )

  it.effect("does not take a lease from a live process, nor from another host before expiry", () =>
    Effect.gen(function* () {
      const queue = yield* TicketQueue
      yield* queue.enqueue([{ ticketId: "a" }, { ticketId: "b" }])
      yield* queue.claim({ consumerId: "alive", host: hostname(), pid: process.ppid }, { max: 1, leaseFor: "1 hour" })
      yield* queue.claim({ consumerId: "remote", host: "elsewhere", pid: 1 }, { max: 1, leaseFor: "1 hour" })
      expect(yield* queue.claim({ consumerId: "me", host: hostname(), pid: process.pid }, { max: 5, leaseFor: "1 hour" })).toEqual([])
    }).pipe(Effect.provide(layerSqliteStore({ filename: freshFile() })))
  )

  it.effect("two store instances on one file never lease the same ticket", () =>
    Effect.gen(function* () {
      const filename = freshFile()
      const tickets = Array.from({ length: 40 }, (_, i) => ({ ticketId: `t${i}` }))
      yield* Effect.provide(Effect.flatMap(TicketQueue, (q) => q.enqueue(tickets)), layerSqliteStore({ filename }))
      const drain = (name: string) =>
        Effect.provide(
          Effect.flatMap(TicketQueue, (q) =>
            Effect.gen(function* () {
              const got: Array<string> = []
              for (let i = 0; i < 40; i++) {
                const leases = yield* q.claim({ consumerId: name, host: hostname(), pid: process.pid }, { max: 3, leaseFor: "1 hour" })
                got.push(...leases.map((l) => l.ticketId))
                yield* Effect.yieldNow()
              }
              return got
            })
          ),
          layerSqliteStore({ filename })
        )
      const [a, b] = yield* Effect.all([drain("a"), drain("b")], { concurrency: 2 })
      expect(new Set([...a, ...b]).size).toBe(a.length + b.length)
      expect(a.length + b.length).toBe(40)
    })
  )
})
