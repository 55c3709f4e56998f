/**
 * Kafka mode end to end, on the real broker (vitest's global setup: a missing broker fails these
 * tests, never skips them): `docflow produce` then `docflow consume` processes, configured only
 * through the environment, against `docflow sandbox` running as its own process so that it
 * outlives the consumers a test kills.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { freshDataDir, startSandboxProcess, type SandboxProcess } from "../cli/support.ts"
import { deleteTopics, testBrokers, uniquePrefix } from "../support/kafka.ts"
import { instanceEnv, recordedOutcome, runToEnd, sandboxDrafts, type KafkaDeployment, type Outcome } from "./support.ts"

const withSandbox = (tickets: number, body: (sandbox: SandboxProcess) => Promise<void>) =>
  Effect.promise(async () => {
    const sandbox = await startSandboxProcess(tickets)
    try {
      await body(sandbox)
    } finally {
      await sandbox.stop()
    }
  })

/** Every ticket finished exactly once; one draft for each ticket whose run drafted, none twice. */
const expectExactlyOnce = async (outcome: Outcome, sandbox: SandboxProcess, tickets: number) => {
  expect(outcome.enqueued.size).toBe(tickets)
  for (const [ticketId, n] of outcome.finished) expect(n, `ticket ${ticketId} finished ${n} times`).toBe(1)
  expect([...outcome.enqueued].filter((t) => !outcome.finished.has(t)), "every ticket finishes").toEqual([])
  const drafts = await sandboxDrafts(sandbox.baseUrl)
  for (const [ticketId, n] of drafts) expect(n, `ticket ${ticketId} has ${n} drafts`).toBe(1)
  expect(new Set(drafts.keys())).toEqual(outcome.drafted)
  expect(outcome.drafted.size).toBeGreaterThan(0)
}

describe("Kafka mode end to end", () => {
  it.live("produce → consume --until-idle → report: every sandbox ticket processed once, one draft each where due", () => {
    const deployment: KafkaDeployment = { brokers: testBrokers().join(","), prefix: uniquePrefix("e2e"), partitions: 1 }
    return withSandbox(5, async (sandbox) => {
      const env = instanceEnv(deployment, sandbox.env)
      const produced = await runToEnd(["produce"], env)
      expect(produced.stderr()).toContain("5 ajouté(s) à la file")
      const consumed = await runToEnd(["consume", "--until-idle"], env)
      expect(consumed.lines.length).toBe(5)
      // The report, in Kafka mode, from another instance's local state (it catches up first).
      const report = await runToEnd(["report", "--processed"], { ...env, DOCFLOW_DATA_DIR: freshDataDir() })
      const processed = JSON.parse(report.stdout()) as ReadonlyArray<{ readonly id: string; readonly success: boolean }>
      expect(processed.map((r) => r.id).sort()).toEqual(consumed.lines.map((l) => l.split(" ")[0]).sort())
      await expectExactlyOnce(await recordedOutcome(deployment), sandbox, 5)
    }).pipe(Effect.ensuring(Effect.promise(() => deleteTopics(deployment.prefix))))
  }, 400_000)
})
