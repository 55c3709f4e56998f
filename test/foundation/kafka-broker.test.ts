import { randomUUID } from "node:crypto"
import { Kafka, logLevel } from "kafkajs"
import { describe, expect, inject, it } from "vitest"

describe("the real Kafka broker", () => {
  it("joins a consumer group, produces, consumes and commits", async () => {
    const kafka = new Kafka({ clientId: "docflow-test", brokers: inject("kafkaBrokers").split(","), logLevel: logLevel.NOTHING })
    const topic = `docflow.test.${randomUUID()}`
    const groupId = `docflow-test-${randomUUID()}`
    const admin = kafka.admin()
    await admin.connect()
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true })

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
    await producer.connect()
    const keys = ["t-1", "t-2", "t-3", "t-4"]
    await producer.send({ topic, messages: keys.map((key) => ({ key, value: JSON.stringify({ ticketId: key }) })) })
    await producer.disconnect()

    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 })
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    const seen: Array<string> = []
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            seen.push(message.key!.toString())
            await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }])
            if (seen.length === keys.length) resolve()
          }
        })
        .catch(reject)
    })
    await consumer.disconnect()

    expect([...seen].sort()).toEqual(keys)
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] })
    const total = committed[0]!.partitions.reduce((sum, p) => sum + Number(p.offset), 0)
    expect(total).toBe(keys.length)
    await admin.deleteTopics({ topics: [topic] })
    await admin.disconnect()
  })
})
