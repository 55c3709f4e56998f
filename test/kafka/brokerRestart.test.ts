/**
 * Kafka mode across a broker restart: a broker of this test's own (another port, its own data
 * dir, started and stopped with scripts/kafka-up.sh / kafka-down.sh) goes down in the middle of a
 * `docflow consume` run and comes back; nothing is lost and nothing is done twice.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { execFileSync } from "node:child_process"
import { freshDataDir } from "../cli/support.ts"
import { uniquePrefix } from "../support/kafka.ts"
import { expectExactlyOnce, instanceEnv, recordedOutcome, runToEnd, spawnCli, withSandbox, type KafkaDeployment } from "./support.ts"

describe("Kafka mode: a broker restart", () => {
  it.live("a broker restart during a run: nothing lost, nothing done twice", () => {
    const port = String(19600 + (process.pid % 50) * 2)
    const brokerDir = freshDataDir()
    const brokerEnv = { ...process.env, KAFKA_PORT: port, DOCFLOW_DATA_DIR: brokerDir }
    const broker = (script: "kafka-up.sh" | "kafka-down.sh") => execFileSync("bash", [`scripts/${script}`], { env: brokerEnv, stdio: "pipe", timeout: 180_000 })
    const deployment: KafkaDeployment = { brokers: `127.0.0.1:${port}`, prefix: uniquePrefix("restart"), partitions: 2 }
    const TICKETS = 8
    return withSandbox(TICKETS, async (sandbox) => {
      broker("kafka-up.sh")
      try {
        await runToEnd(["produce"], instanceEnv(deployment, sandbox.env))
        const env = instanceEnv(deployment, sandbox.env)
        const running = spawnCli(["consume", "--until-idle", "--concurrency", "1", "--delay", "1"], env)
        try {
          await running.results(1)
          broker("kafka-down.sh")
          await new Promise((resolve) => setTimeout(resolve, 3_000))
          broker("kafka-up.sh")
          // The consumer may ride through the outage or give up with an error: either way,
          // a consumer started after it finishes the rest from the committed offsets.
          await Promise.race([running.exited, new Promise((resolve) => setTimeout(resolve, 150_000))])
        } finally {
          running.child.kill("SIGKILL")
        }
        const after = await runToEnd(["consume", "--until-idle"], env)
        const ran = [...running.lines, ...after.lines].map((l) => l.split(" ")[0])
        expect(new Set(ran).size).toBe(TICKETS)
        await expectExactlyOnce(await recordedOutcome(deployment), sandbox, TICKETS)
      } finally {
        broker("kafka-down.sh")
      }
    })
  }, 600_000)
})
