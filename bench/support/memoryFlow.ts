/**
 * The docflow side of bench/memory.bench.ts, run as its own process the way bin/docflow.js runs
 * docflow (an esbuild bundle of this file built by scripts/build.mjs, plain node with the bin's V8
 * flags; no TypeScript loader at run time): lists the sandbox's open DOC tickets,
 * keeps the ticket queue about AHEAD tickets ahead of the continuous consumer, samples its own
 * memory every second, and prints the samples as one JSON line on stdout (progress on stderr).
 * argv: tickets concurrency.
 */
import { Duration, Effect, Fiber, Schedule, Stream } from "effect"
import { readFileSync } from "node:fs"
import { makeConsumer } from "../../src/pipeline/runner/consumer.ts"
import { DOC_DEPARTMENT } from "../../src/sandbox/index.ts"
import { TicketQueue } from "../../src/services/store/Store.ts"
import { DeskClient } from "../../src/services/zoho/index.ts"
import { docflowLayer, freshStoreFile } from "./docflowLayer.ts"
import { HttpProbe, probedHttpClient } from "./httpProbe.ts"
import { cpuSecondsOf, spawnSandbox } from "./spawnSandbox.ts"

const AHEAD = 2_000
const CHUNK = 500
const MB = 1024 * 1024

/** A process's resident set in bytes, from /proc (Linux); 0 when unreadable. */
export const rssOf = (pid: number): number => {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"))
    return line === undefined ? 0 : Number(line.replace(/\D+/g, "")) * 1024
  } catch {
    return 0
  }
}

export interface Sample {
  readonly atMs: number
  readonly done: number
  readonly rss: number
  readonly heapUsed: number
  readonly sandboxRss: number
}

export const flow = (tickets: number, concurrency: number, log: (line: string) => void) =>
  Effect.gen(function* () {
    const sandbox = yield* spawnSandbox({ tickets, seed: 5, knobs: {} })
    log(`sandbox child ${sandbox.pid}: ${tickets} tickets generated, RSS ${(rssOf(sandbox.pid) / MB).toFixed(0)} MB`)
    const probe = new HttpProbe()
    const layer = docflowLayer({
      settings: sandbox.settings({ desk: "off", crm: "off" }),
      httpClient: probedHttpClient(probe),
      fromAddress: sandbox.fromAddress,
      storeFile: freshStoreFile("memory")
    })
    return yield* Effect.gen(function* () {
      const desk = yield* DeskClient
      const queue = yield* TicketQueue
      // The ids of the open DOC tickets, listed once (a harness array of about 6 MB per 100k ids,
      // held from the start: it adds to the start figure, not to the slope).
      const ids: Array<string> = []
      yield* Stream.runForEach(desk.ticketPages({ departmentId: DOC_DEPARTMENT, status: ["Open"] }), (rows) =>
        Effect.sync(() => {
          for (const r of rows) ids.push(r.id)
        })
      )
      log(`listed ${ids.length} open DOC tickets`)
      let fed = 0
      const feed = Effect.gen(function* () {
        const slice = ids.slice(fed, fed + CHUNK)
        fed += slice.length
        yield* queue.enqueue(slice.map((ticketId) => ({ ticketId })))
      })
      yield* feed
      let done = 0
      const consumer = yield* makeConsumer
      // The producer: keeps about AHEAD tickets waiting.
      const producer = yield* Effect.fork(
        Effect.repeat(
          Effect.gen(function* () {
            const counts = yield* queue.counts
            if (counts.ready < AHEAD && fed < ids.length) yield* feed
          }),
          { schedule: Schedule.spaced(Duration.millis(100)), until: () => fed >= ids.length }
        )
      )
      const samples: Array<Sample> = []
      const started = performance.now()
      const cpuAtStart = process.cpuUsage()
      const sandboxCpuAtStart = cpuSecondsOf(sandbox.pid)
      const sample = Effect.sync(() => {
        const m = process.memoryUsage()
        samples.push({ atMs: performance.now() - started, done, rss: m.rss, heapUsed: m.heapUsed, sandboxRss: rssOf(sandbox.pid) })
      })
      const sampler = yield* Effect.fork(Effect.repeat(sample, Schedule.spaced(Duration.seconds(1))))
      const summary = yield* consumer.run({
        mode: "live",
        concurrency,
        delay: Duration.zero,
        untilIdle: false,
        pollEvery: Duration.millis(100),
        retryAfter: Duration.seconds(1),
        keepResults: false,
        onResult: () =>
          Effect.gen(function* () {
            done++
            if (done % 1000 === 0) {
              const last = samples[samples.length - 1]
              log(`${done} tickets, ${((performance.now() - started) / 1000).toFixed(0)} s, RSS ${((last?.rss ?? 0) / MB).toFixed(0)} MB`)
            }
            if (done >= ids.length) yield* consumer.control.stop
          })
      })
      yield* sample
      const cpu = process.cpuUsage(cpuAtStart)
      log(`CPU during the flow: docflow ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, sandbox ${(cpuSecondsOf(sandbox.pid) - sandboxCpuAtStart).toFixed(1)} s`)
      yield* Fiber.interrupt(sampler)
      yield* Fiber.interrupt(producer)
      return { samples, summary, done, listed: ids.length, calls: probe.apis.desk.calls + probe.apis.crm.calls }
    }).pipe(Effect.provide(layer))
  }).pipe(Effect.scoped)

export interface FlowOutput {
  readonly samples: ReadonlyArray<Sample>
  readonly done: number
  readonly listed: number
  readonly calls: number
  readonly loadedRss: number
}

// An entry script only (memory.bench.ts imports its types): what the process holds once docflow's
// modules are loaded, before any ticket, then the flow.
const loadedRss = process.memoryUsage().rss
const tickets = Number(process.argv[2] ?? "1000")
const concurrency = Number(process.argv[3] ?? "8")
const out = await Effect.runPromise(flow(tickets, concurrency, (line) => process.stderr.write(`  ${line}\n`)))
process.stdout.write(JSON.stringify({ samples: out.samples, done: out.done, listed: out.listed, calls: out.calls, loadedRss } satisfies FlowOutput) + "\n")
process.exit(0)
