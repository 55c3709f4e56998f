/**
 * End-to-end support for Kafka mode: docflow CLI processes configured through the environment
 * (KAFKA_BROKERS, a unique topic prefix, their own data dir), the sandbox as its own process, and
 * the checks every scenario shares (each ticket finished once, at most one draft per ticket).
 */
import { spawn, type ChildProcess } from "node:child_process"
import { expect } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { logLevel } from "kafkajs"
import { layerKafkaStore } from "../../src/services/store/kafka/layer.ts"
import { EventLog } from "../../src/services/store/Store.ts"
import { freshDataDir, startSandboxProcess, type SandboxProcess } from "../cli/support.ts"
import { freshStateFile } from "../support/kafka.ts"

export interface KafkaDeployment {
  readonly brokers: string
  readonly prefix: string
  readonly partitions: number
}

/** The environment of one docflow instance of a deployment (its own data dir, hence its own local state). */
export const instanceEnv = (deployment: KafkaDeployment, sandboxEnv: Readonly<Record<string, string>>, instances = 1): Record<string, string> => ({
  ...sandboxEnv,
  ZOHO_FROM_ADDRESS: "doc@cab-formations.example",
  KAFKA_BROKERS: deployment.brokers,
  DOCFLOW_KAFKA_TOPIC_PREFIX: deployment.prefix,
  DOCFLOW_KAFKA_PARTITIONS: String(deployment.partitions),
  DOCFLOW_INSTANCES: String(instances),
  DOCFLOW_DATA_DIR: freshDataDir()
})

export interface CliProcess {
  readonly child: ChildProcess
  /** Result lines printed so far (`<ticket> <outcome> <stage> …`). */
  readonly lines: Array<string>
  readonly stdout: () => string
  readonly stderr: () => string
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>
  /** Resolves once `count` result lines were printed. */
  readonly results: (count: number) => Promise<void>
}

/** `node bin/docflow.js …args` in the background. */
export const spawnCli = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>>): CliProcess => {
  const child = spawn(process.execPath, ["bin/docflow.js", ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] })
  const lines: Array<string> = []
  let err = ""
  let out = ""
  let partial = ""
  const waiters: Array<{ count: number; done: () => void }> = []
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8")
    partial += chunk.toString("utf8")
    const parts = partial.split("\n")
    partial = parts.pop() ?? ""
    for (const line of parts) if (/^\d+ /.test(line)) lines.push(line)
    for (const w of waiters.splice(0)) if (lines.length >= w.count) w.done()
    else waiters.push(w)
  })
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString("utf8")
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal }))
  )
  return {
    child,
    lines,
    stdout: () => out,
    stderr: () => err,
    exited,
    results: (count) =>
      new Promise((resolve, reject) => {
        if (lines.length >= count) return resolve()
        waiters.push({ count, done: resolve })
        void exited.then(() => (lines.length >= count ? resolve() : reject(new Error(`exited after ${lines.length} result(s): ${err.slice(-1500)}`))))
      })
  }
}

/** Runs a command to its end; fails with its stderr when it does not exit 0. */
export const runToEnd = async (args: ReadonlyArray<string>, env: Readonly<Record<string, string>>): Promise<CliProcess> => {
  const p = spawnCli(args, env)
  const end = await p.exited
  if (end.code !== 0) throw new Error(`docflow ${args.join(" ")} ended with ${end.code ?? end.signal}: ${p.stderr().slice(-2000)}`)
  return p
}

export interface Outcome {
  /** Live runs that finished (completed or stopped), per ticket. */
  readonly finished: ReadonlyMap<string, number>
  /** Tickets whose finished run says it created a draft. */
  readonly drafted: ReadonlySet<string>
  readonly enqueued: ReadonlySet<string>
}

/** Everything the deployment recorded, read back from its events topic by a fresh instance. */
export const recordedOutcome = (deployment: KafkaDeployment): Promise<Outcome> =>
  Effect.runPromise(
    Effect.gen(function* () {
      const log = yield* EventLog
      const events = Chunk.toReadonlyArray(yield* Stream.runCollect(log.readFrom(0)))
      const finished = new Map<string, number>()
      const drafted = new Set<string>()
      const enqueued = new Set<string>()
      for (const { event } of events) {
        if (event.type === "TicketEnqueued") enqueued.add(event.ticketId)
        if (event.payload.mode !== "live") continue
        if (event.type === "TicketCompleted" || event.type === "TicketStopped") {
          finished.set(event.ticketId, (finished.get(event.ticketId) ?? 0) + 1)
          if (event.type === "TicketCompleted" && event.payload.draftCreated) drafted.add(event.ticketId)
        }
      }
      return { finished, drafted, enqueued }
    }).pipe(
      Effect.scoped,
      Effect.provide(
        layerKafkaStore({
          brokers: deployment.brokers.split(","),
          topicPrefix: deployment.prefix,
          partitions: deployment.partitions,
          stateFile: freshStateFile(),
          sessionTimeoutMs: 6_000,
          logLevel: logLevel.NOTHING
        })
      )
    )
  )

/** Drafts the sandbox received, per ticket. */
export const sandboxDrafts = async (baseUrl: string): Promise<Map<string, number>> => {
  const body = (await (await fetch(`${baseUrl}/_sandbox/writes`)).json()) as { writes: ReadonlyArray<{ kind: string; ticketId?: string }> }
  const drafts = new Map<string, number>()
  for (const w of body.writes) if (w.kind === "draft" && w.ticketId !== undefined) drafts.set(w.ticketId, (drafts.get(w.ticketId) ?? 0) + 1)
  return drafts
}

export const withSandbox = (tickets: number, body: (sandbox: SandboxProcess) => Promise<void>) =>
  Effect.promise(async () => {
    const sandbox = await startSandboxProcess(tickets)
    try {
      await body(sandbox)
    } finally {
      await sandbox.stop()
    }
  })

/** Every ticket finished exactly once; one draft for each ticket whose run drafted, none twice. */
export const expectExactlyOnce = async (outcome: Outcome, sandbox: SandboxProcess, tickets: number, ran: ReadonlyArray<string> = []) => {
  expect(outcome.enqueued.size).toBe(tickets)
  for (const [ticketId, n] of outcome.finished) expect(n, `ticket ${ticketId} finished ${n} times; runs: ${ran.join(" | ")}`).toBe(1)
  expect([...outcome.enqueued].filter((t) => !outcome.finished.has(t)), "every ticket finishes").toEqual([])
  const drafts = await sandboxDrafts(sandbox.baseUrl)
  for (const [ticketId, n] of drafts) expect(n, `ticket ${ticketId} has ${n} drafts`).toBe(1)
  expect(new Set(drafts.keys())).toEqual(outcome.drafted)
  expect(outcome.drafted.size).toBeGreaterThan(0)
}
