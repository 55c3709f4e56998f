// Exits 0 once the broker at KAFKA_BROKERS answers an admin call.
import { Kafka, logLevel } from "kafkajs"
const kafka = new Kafka({ clientId: "docflow-ready", brokers: process.env.KAFKA_BROKERS.split(","), logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 1000 })
const admin = kafka.admin()
try {
  await admin.connect()
  await admin.describeCluster()
  await admin.disconnect()
  process.exit(0)
} catch {
  process.exit(1)
}
