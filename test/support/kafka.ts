/**
 * Helpers for tests on the real broker: unique topic prefixes and groups per test, and an admin
 * clean-up that deletes a test's topics when its layer closes.
 */
import { randomUUID } from "node:crypto"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer } from "effect"
import { Kafka, logLevel } from "kafkajs"
import { inject } from "vitest"
import { layerKafkaStore, type KafkaStoreOptions } from "../../src/services/store/kafka/layer.ts"
import { topicNames } from "../../src/services/store/kafka/topics.ts"

/** The broker of the run (vitest's global setup): a missing broker fails the tests, never skips them. */
export const testBrokers = (): Array<string> => inject("kafkaBrokers").split(",")

export const uniquePrefix = (label = "t"): string => `docflow.test.${label}.${randomUUID().slice(0, 8)}.`

export const freshStateFile = (): string => join(mkdtempSync(join(tmpdir(), "docflow-kafka-")), "state.sqlite")

export const testKafka = (): Kafka => new Kafka({ clientId: "docflow-test", brokers: testBrokers(), logLevel: logLevel.NOTHING })

/** Deletes every topic of a prefix (errors ignored: the topics may not exist). */
export const deleteTopics = async (prefix: string): Promise<void> => {
  const admin = testKafka().admin()
  await admin.connect()
  try {
    const names = topicNames(prefix)
    const existing = new Set(await admin.listTopics())
    const topics = [names.tickets, names.events, names.deadLetters, names.control].filter((t) => existing.has(t))
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 })
  } catch {
    // best effort: a left-over topic of a unique prefix harms no other test
  } finally {
    await admin.disconnect()
  }
}

/** Test defaults: session timeout 6 s (≤ 10 s), quiet kafkajs. */
export const testStoreOptions = (overrides: Partial<KafkaStoreOptions> & { readonly topicPrefix: string }): KafkaStoreOptions => ({
  brokers: testBrokers(),
  stateFile: freshStateFile(),
  sessionTimeoutMs: 6_000,
  heartbeatIntervalMs: 500,
  logLevel: logLevel.NOTHING,
  ...overrides
})

/** A Kafka store on fresh topics, whose topics are deleted when the layer closes. */
export const freshKafkaStore = (overrides: Partial<KafkaStoreOptions> = {}) => {
  const topicPrefix = overrides.topicPrefix ?? uniquePrefix()
  const cleanup = Layer.scopedDiscard(Effect.addFinalizer(() => Effect.promise(() => deleteTopics(topicPrefix))))
  return Layer.merge(layerKafkaStore(testStoreOptions({ ...overrides, topicPrefix })), cleanup)
}
