/**
 * The continuous runner against Zoho-like budgets (issue 11): a sandbox answering every Desk and
 * CRM call after 150 ms, each API allowing 10 calls at once (429 beyond), a generated world, in
 * a child process (so that the sandbox's CPU does not slow docflow's event loop);
 * docflow's consumer with its client limiters set to those budgets. Figures: tickets per minute,
 * Zoho calls per ticket, the share of each budget used, the 429s received. In the same run, the
 * seed's serial design on a sample of the same world: one ticket at a time, one Zoho call at a
 * time (its process-wide lock, ≥ 300 ms between two calls), 2 s between tickets.
 *
 * Budget share = mean calls in flight over the consumer's run ÷ 10 (busy time of the calls,
 * measured in the client, ÷ run time). For reference the bench also prints calls/s ÷ the most
 * calls/s the budget allows (10 ÷ 0.15 s).
 *
 * Env: BENCH_RUNNER_TICKETS (default 300), BENCH_SERIAL_SAMPLE (default 20; 0 skips the serial design), BENCH_CONCURRENCY
 * (tickets at once, default DOCFLOW_CONCURRENCY's default), BENCH_TRACE=1 lists the calls of
 * the serial sample's tickets one by one.
 */
import { Duration, Effect, Either } from "effect"
import { cpus, loadavg } from "node:os"
import { makeConsumer, type ConsumeSummary } from "../src/pipeline/runner/consumer.ts"
import { syncPending } from "../src/pipeline/workflow/batch.ts"
import { DOC_DEPARTMENT, type SandboxStats } from "../src/sandbox/index.ts"
import { loadConfig } from "../src/services/config/AppConfig.ts"
import type { Bench, Figure } from "./run.ts"
import { docflowLayer, freshStoreFile } from "./support/docflowLayer.ts"
import { HttpProbe, probedHttpClient } from "./support/httpProbe.ts"
import { cpuSecondsOf, spawnSandbox } from "./support/spawnSandbox.ts"

const LATENCY_MS = 150
const BUDGET_CONCURRENCY = 10
/** Not the binding limit here: 10 calls at once answered after 150 ms make at most 66.7 calls/s. */
const BUDGET_RPS = 100
const SEED_SPACING_MS = 300
const SEED_DELAY = Duration.seconds(2)
const SEED = 11

const intFromEnv = (name: string, fallback: number, min = 1): number => {
  const raw = process.env[name]
  const n = raw === undefined ? NaN : Number(raw)
  return Number.isInteger(n) && n >= min ? n : fallback
}

interface PhaseOutcome {
  readonly summary: ConsumeSummary
  readonly probe: HttpProbe
  readonly stats: SandboxStats
  readonly traces: ReadonlyArray<{ readonly ticketId: string; readonly outcome: string; readonly calls: ReadonlyArray<string> }>
  /** docflow's CPU time during the consumer's run. */
  readonly cpuSeconds: number
  readonly sandboxCpuSeconds: number
}

/** Sync then consume until idle (or until `limit` tickets are done), on a fresh sandbox and store. */
const phase = (options: {
  readonly label: string
  readonly tickets: number
  readonly concurrency: number
  readonly delay: Duration.DurationInput
  readonly serial: boolean
  readonly limit?: number
  readonly trace: boolean
}) =>
  Effect.gen(function* () {
    const budget = { concurrency: BUDGET_CONCURRENCY, requestsPerSecond: BUDGET_RPS }
    const sandbox = yield* spawnSandbox({
      tickets: options.tickets,
      seed: SEED,
      knobs: { latency: { minMs: LATENCY_MS, maxMs: LATENCY_MS, tailRate: 0, tailMs: 0 }, budgets: { desk: budget, crm: budget } }
    })
    const probe = new HttpProbe()
    const layer = docflowLayer({
      settings: sandbox.settings({ desk: budget, crm: budget }),
      httpClient: probedHttpClient(probe, options.serial ? { serial: { spacingMs: SEED_SPACING_MS } } : {}),
      fromAddress: sandbox.fromAddress,
      storeFile: freshStoreFile(options.label)
    })
    let cpuAtStart = process.cpuUsage()
    let sandboxCpuAtStart = 0
    const traces: Array<{ ticketId: string; outcome: string; calls: ReadonlyArray<string> }> = []
    const summary = yield* Effect.gen(function* () {
      yield* syncPending(DOC_DEPARTMENT)
      probe.reset()
      cpuAtStart = process.cpuUsage()
      sandboxCpuAtStart = cpuSecondsOf(sandbox.pid)
      probe.tracing = options.trace
      const consumer = yield* makeConsumer
      let done = 0
      return yield* consumer.run({
        mode: "live",
        concurrency: options.concurrency,
        delay: options.delay,
        untilIdle: true,
        pollEvery: Duration.millis(200),
        retryAfter: Duration.hours(1),
        onResult: (r) =>
          Effect.gen(function* () {
            done++
            if (options.trace) traces.push({ ticketId: r.ticketId, outcome: `${r.outcome} ${r.stage ?? ""} ${r.triageAction ?? ""}`, calls: probe.takeTrace() })
            if (options.limit !== undefined && done >= options.limit) yield* consumer.control.stop
          })
      })
    }).pipe(Effect.provide(layer))
    const cpu = process.cpuUsage(cpuAtStart)
    const stats = yield* sandbox.stats
    const sandboxCpuSeconds = cpuSecondsOf(sandbox.pid) - sandboxCpuAtStart
    return { summary, probe, stats, traces, cpuSeconds: (cpu.user + cpu.system) / 1e6, sandboxCpuSeconds } satisfies PhaseOutcome
  }).pipe(Effect.scoped)

const perMinute = (tickets: number, ms: number) => (ms > 0 ? (tickets / ms) * 60_000 : 0)
const round2 = (n: number) => Math.round(n * 100) / 100

/** The seed's design on the first `sample` tickets of the same world; tickets per minute. */
const serialDesign = async (tickets: number, sample: number, trace: boolean, log: (line: string) => void): Promise<number> => {
  const serial = await Effect.runPromise(phase({ label: "serial", tickets, concurrency: 1, delay: SEED_DELAY, serial: true, limit: sample, trace }))
  const s = serial.summary
  const serialDone = s.results.length
  const serialCalls = serial.probe.apis.desk.calls + serial.probe.apis.crm.calls
  log(`serial sample: ${serialDone} tickets in ${(s.elapsedMs / 1000).toFixed(1)} s (${serialCalls} Zoho calls, ${(serialCalls / Math.max(1, serialDone)).toFixed(1)} per ticket, catalogues included), one call at a time ≥ ${SEED_SPACING_MS} ms apart, 2 s between tickets; 429s ${serial.stats.byStatus["429"] ?? 0}`)
  for (const t of serial.traces) {
    log(`  calls of ${t.ticketId} (${t.outcome.trim()}): ${t.calls.length}`)
    for (const c of t.calls) log(`    ${c}`)
  }
  return perMinute(serialDone, s.elapsedMs)
}

const bench: Bench = {
  name: "runner",
  description: `consumer vs the seed's serial design, sandbox ${LATENCY_MS} ms latency, Desk and CRM ${BUDGET_CONCURRENCY} calls at once each`,
  run: async (log) => {
    const config = await Effect.runPromise(loadConfig)
    const defaults = Either.isRight(config) ? config.right.limits : undefined
    const concurrency = intFromEnv("BENCH_CONCURRENCY", defaults?.ticketConcurrency ?? 8)
    const tickets = intFromEnv("BENCH_RUNNER_TICKETS", 300)
    const sample = intFromEnv("BENCH_SERIAL_SAMPLE", 20, 0)
    const trace = process.env["BENCH_TRACE"] === "1"

    const parallel = await Effect.runPromise(phase({ label: "runner", tickets, concurrency, delay: Duration.zero, serial: false, trace: false }))
    const p = parallel.summary
    const done = p.results.length
    const failed = p.results.filter((r) => r.outcome === "failed").length
    const seconds = p.elapsedMs / 1000
    const ticketsPerMinute = perMinute(done, p.elapsedMs)
    const desk = parallel.probe.apis.desk
    const crm = parallel.probe.apis.crm
    const maxCallsPerSecond = BUDGET_CONCURRENCY / (LATENCY_MS / 1000)
    const share = (busyMs: number) => (busyMs / p.elapsedMs / BUDGET_CONCURRENCY) * 100
    const rateShare = (calls: number) => (calls / seconds / maxCallsPerSecond) * 100
    const tooMany = parallel.stats.byStatus["429"] ?? 0
    log(`parallel: ${done} tickets (${failed} failed) in ${seconds.toFixed(1)} s, ${concurrency} tickets at once (max seen ${p.maxInFlight})`)
    log(`  docflow CPU ${parallel.cpuSeconds.toFixed(1)} s (${((parallel.cpuSeconds / seconds) * 100).toFixed(0)} % of one core), sandbox CPU ${parallel.sandboxCpuSeconds.toFixed(1)} s; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores; mean call time desk ${(desk.busyMs / Math.max(1, desk.calls)).toFixed(0)} ms, crm ${(crm.busyMs / Math.max(1, crm.calls)).toFixed(0)} ms`)
    log(`  desk ${desk.calls} calls, ${(desk.calls / seconds).toFixed(1)}/s, max ${desk.maxInFlight} in flight · crm ${crm.calls} calls, ${(crm.calls / seconds).toFixed(1)}/s, max ${crm.maxInFlight} in flight · token requests ${parallel.probe.apis.accounts.calls}`)
    const shapes = [...parallel.probe.shapes].sort((a, b) => b[1] - a[1])
    for (const [shape, n] of shapes) log(`    ${(n / Math.max(1, done)).toFixed(2).padStart(6)} per ticket  ${shape}`)
    log(`  calls/s ÷ ${maxCallsPerSecond.toFixed(1)} (the budget's most calls/s): desk ${rateShare(desk.calls).toFixed(1)} %, crm ${rateShare(crm.calls).toFixed(1)} %`)

    const modelSecondsPerTicket = (((desk.calls + crm.calls) / Math.max(1, done)) * SEED_SPACING_MS) / 1000 + 2
    const serialPerMinute = sample === 0 ? undefined : await serialDesign(tickets, sample, trace, log)
    log(`serial design modelled with the parallel run's calls per ticket (one per ${SEED_SPACING_MS} ms, + 2 s): ${modelSecondsPerTicket.toFixed(2)} s per ticket → ${(60 / modelSecondsPerTicket).toFixed(2)} tickets/min`)
    log(`429s received: ${tooMany}`)

    const figures: ReadonlyArray<Figure> = [
      { label: "parallel: tickets per minute", value: round2(ticketsPerMinute), unit: "tickets/min" },
      ...(serialPerMinute === undefined
        ? []
        : [
            { label: "serial design (sample): tickets per minute", value: round2(serialPerMinute), unit: "tickets/min" },
            { label: "parallel ÷ serial design", value: round2(serialPerMinute > 0 ? ticketsPerMinute / serialPerMinute : 0), unit: "×", atLeast: 20 }
          ]),
      { label: "Desk calls per ticket", value: round2(desk.calls / Math.max(1, done)), unit: "calls" },
      { label: "CRM calls per ticket", value: round2(crm.calls / Math.max(1, done)), unit: "calls" },
      { label: "Desk budget used (mean in flight ÷ 10)", value: round2(share(desk.busyMs)), unit: "%", atLeast: 90 },
      { label: "CRM budget used (mean in flight ÷ 10)", value: round2(share(crm.busyMs)), unit: "%", atLeast: 90 },
      { label: "429s received (should be 0)", value: tooMany, unit: "responses" }
    ]
    return figures
  }
}

export default bench
