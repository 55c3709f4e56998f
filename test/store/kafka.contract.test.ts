import { freshKafkaStore } from "../support/kafka.ts"
import { storeContract } from "./contract.ts"

// The same contract as SQLite, on the real broker: one partition per topic, fresh topics per test.
storeContract("Kafka", () => freshKafkaStore())
