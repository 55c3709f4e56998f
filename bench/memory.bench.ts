/**
 * docflow's resident memory while sandbox tickets flow through the continuous consumer with zero
 * latency (issue 11: flat, < 250 MB). Three processes: this one only spawns and reports; docflow
 * runs in bench/support/memoryFlow.ts the way bin/docflow.js runs it (its esbuild bundle from
 * scripts/build.mjs under plain node with the bin's V8 flags), with a fresh SQLite store, the real
 * rules and templates, the CRM-mirror ExamT3P; the sandbox runs in a third process (its memory is printed apart, not counted).
 *
 * Figures: docflow's RSS once its modules are loaded, at the start of the flow, its max and its
 * end (sampled every second), and the slope of RSS against tickets done over the second half of
 * the run (MB per 10,000 tickets; about 0 when flat).
 *
 * Env: BENCH_TICKETS (default 100000), BENCH_CONCURRENCY (default DOCFLOW_CONCURRENCY's default).
 */
import { Effect, Either } from "effect"
import { spawn } from "node:child_process"
import { bundleFor, nodeFlags } from "../scripts/build.mjs"
import { loadConfig } from "../src/services/config/AppConfig.ts"
import type { Bench, Figure } from "./run.ts"
import type { FlowOutput } from "./support/memoryFlow.ts"

const MB = 1024 * 1024

const intFromEnv = (name: string, fallback: number): number => {
  const raw = process.env[name]
  const n = raw === undefined ? NaN : Number(raw)
  return Number.isInteger(n) && n > 0 ? n : fallback
}

/** Least-squares slope of y against x. */
const slope = (points: ReadonlyArray<readonly [number, number]>): number => {
  const n = points.length
  if (n < 2) return 0
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0)
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  return sxx === 0 ? 0 : sxy / sxx
}

const runFlow = async (tickets: number, concurrency: number): Promise<FlowOutput> => {
  const script = await bundleFor("bench/support/memoryFlow.ts")
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags(), script, String(tickets), String(concurrency)], { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8")
    })
    child.once("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? ""
      if (code !== 0 || last === "") return reject(new Error(`memory flow exited ${code}`))
      resolve(JSON.parse(last) as FlowOutput)
    })
  })
}

const bench: Bench = {
  name: "memory",
  description: "docflow's resident memory while sandbox tickets flow with zero latency (sandbox in a child process)",
  run: async (log) => {
    const config = await Effect.runPromise(loadConfig)
    const defaults = Either.isRight(config) ? config.right.limits : undefined
    const concurrency = intFromEnv("BENCH_CONCURRENCY", defaults?.ticketConcurrency ?? 8)
    const tickets = intFromEnv("BENCH_TICKETS", 100_000)
    const out = await runFlow(tickets, concurrency)
    const samples = out.samples
    const first = samples[0]
    const last = samples[samples.length - 1]
    const seconds = (last?.atMs ?? 0) / 1000
    const max = samples.reduce((m, s) => Math.max(m, s.rss), 0)
    const secondHalf = samples.filter((s) => s.done >= out.done / 2)
    const perTenThousand = slope(secondHalf.map((s) => [s.done, s.rss / MB] as const)) * 10_000
    const heapSlope = slope(secondHalf.map((s) => [s.done, s.heapUsed / MB] as const)) * 10_000
    log(`${out.done} tickets done of ${out.listed} listed in ${seconds.toFixed(0)} s (${(out.done / Math.max(1, seconds)).toFixed(1)} tickets/s, ${concurrency} at once, ${out.calls} Zoho calls); ${samples.length} samples`)
    log(`heap used: start ${((first?.heapUsed ?? 0) / MB).toFixed(0)} MB, end ${((last?.heapUsed ?? 0) / MB).toFixed(0)} MB, slope ${heapSlope.toFixed(2)} MB per 10k tickets`)
    log(`sandbox child (not counted): RSS ${((first?.sandboxRss ?? 0) / MB).toFixed(0)} → ${((last?.sandboxRss ?? 0) / MB).toFixed(0)} MB`)
    const figures: ReadonlyArray<Figure> = [
      { label: "tickets flowed", value: out.done, unit: "tickets" },
      { label: "docflow RSS, modules loaded (no ticket yet)", value: Math.round(out.loadedRss / MB), unit: "MB" },
      { label: "docflow RSS at start", value: Math.round((first?.rss ?? 0) / MB), unit: "MB" },
      { label: "docflow RSS max", value: Math.round(max / MB), unit: "MB" },
      { label: "docflow RSS at end", value: Math.round((last?.rss ?? 0) / MB), unit: "MB" },
      { label: "headroom under 250 MB (max)", value: Math.round(250 - max / MB), unit: "MB", atLeast: 0 },
      { label: "RSS slope, second half", value: Math.round(perTenThousand * 100) / 100, unit: "MB per 10k tickets" }
    ]
    return figures
  }
}

export default bench
