import { execFileSync } from "node:child_process"
import type { TestProject } from "vitest/node"

/**
 * Makes a real Kafka broker available to the suite. With KAFKA_BROKERS set (CI starts the broker
 * itself) it is used as is; otherwise the local broker script starts one and this setup stops it.
 * A broker that cannot start fails the run: Kafka tests never skip. Tests reach the broker only
 * through `inject("kafkaBrokers")`; KAFKA_BROKERS is removed from the workers' environment.
 */
export default function setup(project: TestProject) {
  let started = false
  let brokers = process.env.KAFKA_BROKERS
  const port = process.env.KAFKA_PORT ?? "19092"
  if (!brokers) {
    execFileSync("bash", ["scripts/kafka-up.sh"], { stdio: "inherit", env: { ...process.env, KAFKA_PORT: port } })
    brokers = `127.0.0.1:${port}`
    started = true
  }
  project.provide("kafkaBrokers", brokers)
  // Kafka tests get the brokers through inject(); every other test (and every docflow process a
  // test spawns) must run on the embedded SQLite default, which KAFKA_BROKERS would switch off.
  delete process.env.KAFKA_BROKERS
  return () => {
    if (started) execFileSync("bash", ["scripts/kafka-down.sh"], { stdio: "inherit", env: { ...process.env, KAFKA_PORT: port } })
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    kafkaBrokers: string
  }
}
