/**
 * Replay of 1,000,000 events from SQLite through the EventLog port and the projections, against
 * a bare better-sqlite3 scan + JSON.parse of the same table. The database is generated once (one
 * transaction, one prepared statement) and reused from `$DOCFLOW_BENCH_DIR` (default: the OS
 * temp dir).
 *
 * Rates are given per wall-clock second and per CPU second of this process: on a shared machine
 * the wall clock mostly measures the neighbours, the CPU time measures the code.
 */
import Database from "better-sqlite3"
import { Effect, Either } from "effect"
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { foldLog, replay } from "../src/pipeline/replay.ts"
import { pendingProjection } from "../src/pipeline/projections/pending.ts"
import { processedProjection } from "../src/pipeline/projections/processed.ts"
import { start } from "../src/pipeline/projections/projection.ts"
import { encodePayload } from "../src/schemas/events.ts"
import * as Sql from "../src/services/store/sqlite/sql.ts"
import { layerSqliteStore } from "../src/services/store/Store.ts"
import type { Bench } from "./run.ts"
import { cpuMs, type Timing, median, medianRate } from "./support/timing.ts"
import { runFor } from "./support/eventMix.ts"

/** 1,000,000 by default; DOCFLOW_BENCH_EVENTS overrides it for a quick run. */
const EVENTS = Number(process.env["DOCFLOW_BENCH_EVENTS"] ?? 1_000_000)
/** Bump when the generated history changes, so that a cached file is rebuilt. */
const FIXTURE_VERSION = 1
const ROUNDS = 3

const dir = join(process.env["DOCFLOW_BENCH_DIR"] ?? tmpdir(), "docflow-bench")
const file = join(dir, `replay-${EVENTS}-v${FIXTURE_VERSION}.sqlite`)

const generate = (log: (line: string) => void) => {
  mkdirSync(dir, { recursive: true })
  const partial = `${file}.partial`
  rmSync(partial, { force: true })
  const db = new Database(partial)
  db.pragma("journal_mode = WAL")
  for (const statement of Sql.schema) db.exec(statement)
  const insert = db.prepare(
    "INSERT INTO events (event_id, type, version, ticket_id, ticket_seq, run_id, occurred_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
  )
  const started = performance.now()
  let written = 0
  db.transaction(() => {
    for (let i = 0; written < EVENTS; i++) {
      for (const event of runFor(i)) {
        if (written === EVENTS) break
        const payload = encodePayload(event)
        if (Either.isLeft(payload)) throw payload.left
        insert.run(event.eventId, event.type, event.version, event.ticketId, event.ticketSeq, event.runId, event.occurredAt, JSON.stringify(payload.right))
        written++
      }
    }
  })()
  db.close()
  renameSync(partial, file)
  log(`generated ${written.toLocaleString("en-US")} events in ${((performance.now() - started) / 1000).toFixed(1)} s → ${file}`)
}


const bareScan = (): { rows: number } & Timing => {
  const db = new Database(file, { readonly: true })
  const statement = db.prepare(`SELECT ${Sql.eventColumns} FROM events ORDER BY position`).raw(true)
  const started = performance.now()
  const startedCpu = cpuMs()
  let rows = 0
  let check = 0
  for (const row of statement.iterate() as IterableIterator<ReadonlyArray<unknown>>) {
    const payload = JSON.parse(row[8] as string) as { mode?: string }
    if (payload.mode === "live") check++
    rows++
  }
  const ms = performance.now() - started
  const cpu = cpuMs() - startedCpu
  db.close()
  if (check === 0) throw new Error("bare scan parsed nothing")
  return { rows, ms, cpu }
}

const replayOnce = () =>
  Effect.runPromise(
    Effect.gen(function* () {
      const started = performance.now()
      const startedCpu = cpuMs()
      const outcome = yield* foldLog({ pending: start(pendingProjection), processed: start(processedProjection) })
      const ms = performance.now() - started
      const cpu = cpuMs() - startedCpu
      return { folded: outcome.folded, quarantined: outcome.quarantined.length, ms, cpu, processed: outcome.views.processed.view.records.size }
    }).pipe(Effect.provide(layerSqliteStore({ filename: file })))
  )

const replayWithCheckpoints = () =>
  Effect.runPromise(
    Effect.gen(function* () {
      const started = performance.now()
      const outcome = yield* replay()
      return { folded: outcome.folded, ms: performance.now() - started }
    }).pipe(Effect.provide(layerSqliteStore({ filename: file })))
  )


const bench: Bench = {
  name: "replay",
  description: `fold ${EVENTS.toLocaleString("en-US")} stored events into the projections (SQLite, better-sqlite3)`,
  run: async (log) => {
    if (!existsSync(file)) generate(log)
    else log(`reusing ${file}`)
    const bare: Array<Timing> = []
    const folded: Array<Timing> = []
    for (let round = 1; round <= ROUNDS; round++) {
      const scan = bareScan()
      if (scan.rows !== EVENTS) throw new Error(`expected ${EVENTS} rows, scanned ${scan.rows}`)
      const r = await replayOnce()
      if (r.folded !== EVENTS || r.quarantined !== 0) throw new Error(`replay folded ${r.folded}, quarantined ${r.quarantined}`)
      bare.push(scan)
      folded.push(r)
      log(
        `round ${round}: bare scan ${(scan.ms / 1000).toFixed(2)} s (cpu ${(scan.cpu / 1000).toFixed(2)} s), ` +
          `replay ${(r.ms / 1000).toFixed(2)} s (cpu ${(r.cpu / 1000).toFixed(2)} s), ${r.processed.toLocaleString("en-US")} processed records`
      )
    }
    const full = await replayWithCheckpoints()
    const rate = (timings: ReadonlyArray<Timing>, key: keyof Timing) => medianRate(EVENTS, timings, key)
    const replayWall = rate(folded, "ms")
    const bareWall = rate(bare, "ms")
    const replayCpu = rate(folded, "cpu")
    const bareCpu = rate(bare, "cpu")
    return [
      { label: "bare scan + JSON.parse, wall (median)", value: Math.round(bareWall), unit: "rows/s" },
      { label: "replay: decode + fold, wall (median)", value: Math.round(replayWall), unit: "events/s", atLeast: 200_000 },
      { label: "replay / bare scan, wall", value: Math.round((replayWall / bareWall) * 100) / 100, unit: "×", atLeast: 0.5 },
      { label: "bare scan + JSON.parse, per CPU second", value: Math.round(bareCpu), unit: "rows/s" },
      { label: "replay: decode + fold, per CPU second", value: Math.round(replayCpu), unit: "events/s", atLeast: 200_000 },
      { label: "replay / bare scan, CPU", value: Math.round((replayCpu / bareCpu) * 100) / 100, unit: "×", atLeast: 0.5 },
      { label: "replay incl. saving checkpoints, wall (1 run)", value: Math.round(full.folded / (full.ms / 1000)), unit: "events/s" }
    ]
  }
}

export default bench
