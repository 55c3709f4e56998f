/**
 * `docflow pause` / `resume` / `redrive` / `status` as an operator runs them, against the store a
 * consumer in another process (here: the test process) works on.
 */
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect } from "effect"
import { join } from "node:path"
import { makeConsumer } from "../../src/pipeline/runner/consumer.ts"
import { enqueueTicket } from "../../src/pipeline/runner/enqueue.ts"
import { syncPending } from "../../src/pipeline/workflow/batch.ts"
import { DOC_DEPARTMENT, generateWorld } from "../../src/sandbox/index.ts"
import { DATABASE_FILE, RunnerControl } from "../../src/services/store/Store.ts"
import { workflowLayer } from "../workflow/support/layers.ts"
import { deskFaults, withDeskFaults } from "../runner/support/faultyDesk.ts"
import { freshDataDir, runCli } from "./support.ts"

describe("docflow pause / resume / redrive / status", () => {
  const dataDir = freshDataDir()
  const env = { DOCFLOW_DATA_DIR: dataDir, ZOHO_CLIENT_ID: "", ZOHO_CLIENT_SECRET: "", ZOHO_REFRESH_TOKEN: "" }
  const layer = workflowLayer({ storeFile: join(dataDir, DATABASE_FILE), sandbox: { world: generateWorld({ tickets: 6, seed: 4 }) } })

  it.live("a pause from another process stops this consumer between tickets; status shows it; resume lets it go on", () =>
    Effect.gen(function* () {
      const sync = yield* syncPending(DOC_DEPARTMENT)
      const consumer = yield* makeConsumer
      let paused: ReturnType<typeof runCli> | undefined
      const first = yield* consumer.run({
        mode: "live", concurrency: 1, delay: Duration.zero, untilIdle: true, pollEvery: Duration.millis(30), retryAfter: Duration.zero,
        onResult: () => Effect.sync(() => { paused ??= runCli(["pause", "--reason", "maintenance CRM"], env) })
      })
      expect(paused?.status, paused?.stderr).toBe(0)
      expect(first.results.length).toBe(1)
      expect(first.pausedBy).toMatchObject({ paused: true, reason: "maintenance CRM", by: "operator" })
      const status = runCli(["status"], env)
      expect(status.status, status.stderr).toBe(0)
      expect(status.stdout).toMatch(/Runner : EN PAUSE .*\(operator\) : maintenance CRM/)
      expect(status.stdout).toContain(`File : ${sync.enqueued.length - 1} prêts`)

      const resumed = runCli(["resume"], env)
      expect(resumed.status, resumed.stderr).toBe(0)
      expect(resumed.stdout).toContain("maintenance CRM")
      expect((yield* Effect.flatMap(RunnerControl, (c) => c.get)).paused).toBe(false)
      const rest = yield* (yield* makeConsumer).run({
        mode: "live", concurrency: 2, delay: Duration.zero, untilIdle: true, pollEvery: Duration.millis(30), retryAfter: Duration.zero
      })
      expect(rest.results.length).toBe(sync.enqueued.length - 1)
      expect(runCli(["status"], env).stdout).toContain("Runner : actif")
    }).pipe(Effect.provide(layer)), 180_000)

  it.live("redrive: exit 2 for an unknown or not dead-lettered id; re-queues a dead letter shown by status", () =>
    Effect.gen(function* () {
      const unknown = runCli(["redrive", "123456"], env)
      expect(unknown.status).toBe(2)
      expect(unknown.stderr).toContain("123456")
      expect(runCli(["redrive"], env).status).toBe(2)

      // A ticket enqueued again by an operator, failing on every attempt until dead-lettered.
      const sync = yield* syncPending(DOC_DEPARTMENT)
      expect(sync.enqueued).toEqual([])
      const target = "198709000000000002"
      const dead = yield* withDeskFaults(deskFaults("Server", 503, "indisponible", [target]), Effect.gen(function* () {
        yield* enqueueTicket(target, "test", "operator")
        return yield* (yield* makeConsumer).run({
          mode: "live", concurrency: 1, delay: Duration.zero, untilIdle: true, pollEvery: Duration.millis(30), retryAfter: Duration.zero, maxAttempts: 2
        })
      }))
      expect(dead.deadLettered).toEqual([target])
      const status = runCli(["status"], env)
      expect(status.stdout).toContain("Lettres mortes : 1")
      expect(status.stdout).toMatch(new RegExp(`${target} .* 2 tentative\\(s\\) +ZohoUnavailable`))
      const redriven = runCli(["redrive", "--all"], env)
      expect(redriven.status, redriven.stderr).toBe(0)
      expect(redriven.stdout.trim()).toBe(target)
      expect(runCli(["status"], env).stdout).toContain("Lettres mortes : 0")
      expect(runCli(["redrive", target], env).status).toBe(2)
    }).pipe(Effect.provide(layer)), 180_000)
})
