/** The SQLite queue shared by real processes: disjoint leases, and a killed holder's lease comes back. */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { spawn } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { hostname, tmpdir } from "node:os"
import { join } from "node:path"
import { layerSqliteStore, TicketQueue } from "../../src/services/store/Store.ts"

const claimer = (file: string, mode: "drain" | "hold") =>
  spawn(process.execPath, ["--import", "tsx", "test/store/claimer.ts", file, mode], { stdio: ["ignore", "pipe", "inherit"] })

/** The first JSON array the child prints (log lines are skipped). */
const firstLine = (child: ReturnType<typeof claimer>) =>
  Effect.async<ReadonlyArray<string>, Error>((resume) => {
    let buffer = ""
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString("utf8")
      const line = buffer.split("\n").slice(0, -1).find((l) => l.startsWith("["))
      if (line !== undefined) resume(Effect.succeed(JSON.parse(line) as ReadonlyArray<string>))
    })
    child.on("exit", (code) => resume(Effect.fail(new Error(`claimer exited with ${code} before answering`))))
  })

const exited = (child: ReturnType<typeof claimer>) =>
  Effect.async<void>((resume) => {
    if (child.exitCode !== null || child.signalCode !== null) return resume(Effect.void)
    child.on("exit", () => resume(Effect.void))
  })

describe("SQLite ticket queue across processes", () => {
  it.live(
    "two processes draining one queue never get the same ticket",
    () =>
      Effect.gen(function* () {
        const file = join(mkdtempSync(join(tmpdir(), "docflow-procs-")), "docflow.sqlite")
        const tickets = Array.from({ length: 60 }, (_, i) => ({ ticketId: `t${i}` }))
        yield* Effect.provide(Effect.flatMap(TicketQueue, (q) => q.enqueue(tickets)), layerSqliteStore({ filename: file }))
        const [a, b] = yield* Effect.all([firstLine(claimer(file, "drain")), firstLine(claimer(file, "drain"))], { concurrency: 2 })
        expect([...a, ...b].sort()).toEqual(tickets.map((t) => t.ticketId).sort())
      }),
    120_000
  )

  it.live(
    "the lease of a killed process is handed out again",
    () =>
      Effect.gen(function* () {
        const file = join(mkdtempSync(join(tmpdir(), "docflow-procs-")), "docflow.sqlite")
        const layer = layerSqliteStore({ filename: file })
        yield* Effect.provide(Effect.flatMap(TicketQueue, (q) => q.enqueue([{ ticketId: "only" }])), layer)
        const holder = claimer(file, "hold")
        expect(yield* firstLine(holder)).toEqual(["only"])
        const me = { consumerId: "survivor", host: hostname(), pid: process.pid }
        const whileAlive = yield* Effect.provide(Effect.flatMap(TicketQueue, (q) => q.claim(me, { max: 1, leaseFor: "1 minute" })), layer)
        expect(whileAlive).toEqual([])
        holder.kill("SIGKILL")
        yield* exited(holder)
        const afterKill = yield* Effect.provide(Effect.flatMap(TicketQueue, (q) => q.claim(me, { max: 1, leaseFor: "1 minute" })), layer)
        expect(afterKill.map((l) => [l.ticketId, l.attempt])).toEqual([["only", 2]])
      }),
    120_000
  )
})
