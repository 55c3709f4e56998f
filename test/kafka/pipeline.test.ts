/**
 * Kafka mode end to end, on the real broker (vitest's global setup: a missing broker fails these
 * tests, never skips them): `docflow produce` then `docflow consume` processes, configured only
 * through the environment, against `docflow sandbox` running as its own process so that it
 * outlives the consumers a test kills.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { freshDataDir } from "../cli/support.ts"
import { deleteTopics, testBrokers, uniquePrefix } from "../support/kafka.ts"
import { expectExactlyOnce, instanceEnv, recordedOutcome, runToEnd, spawnCli, withSandbox, type KafkaDeployment } from "./support.ts"

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

  it.live("two consumer processes in one group over 4 partitions, one SIGKILLed mid-run: every ticket once, no duplicate draft", () => {
    const deployment: KafkaDeployment = { brokers: testBrokers().join(","), prefix: uniquePrefix("kill"), partitions: 4 }
    const TICKETS = 10
    return withSandbox(TICKETS, async (sandbox) => {
      await runToEnd(["produce"], instanceEnv(deployment, sandbox.env))
      // Each instance has its own data dir (its own local state store) and half of the Zoho budget.
      const consume = ["consume", "--until-idle", "--concurrency", "1", "--delay", "0.5"]
      const a = spawnCli(consume, instanceEnv(deployment, sandbox.env, 2))
      const b = spawnCli(consume, instanceEnv(deployment, sandbox.env, 2))
      try {
        await a.results(1)
        a.child.kill("SIGKILL")
        expect((await a.exited).signal).toBe("SIGKILL")
        const bEnd = await b.exited
        expect(bEnd.code, b.stderr().slice(-2000)).toBe(0)
      } finally {
        a.child.kill("SIGKILL")
        b.child.kill("SIGKILL")
      }
      // The killed member's uncommitted tickets go to whoever holds its partitions next.
      const after = await runToEnd(["consume", "--until-idle"], instanceEnv(deployment, sandbox.env, 2))
      const ran = [...a.lines, ...b.lines, ...after.lines].map((l) => l.split(" ")[0])
      expect(new Set(ran).size, JSON.stringify({ a: a.lines, b: b.lines, after: after.lines })).toBe(TICKETS)
      await expectExactlyOnce(await recordedOutcome(deployment), sandbox, TICKETS, [...a.lines.map((l) => `A ${l}`), ...b.lines.map((l) => `B ${l}`), ...after.lines.map((l) => `C ${l}`)])
    }).pipe(Effect.ensuring(Effect.promise(() => deleteTopics(deployment.prefix))))
  }, 500_000)
})
