/**
 * The store service's public module: the ports (EventLog, TicketQueue, Checkpoints, RunnerControl),
 * the embedded SQLite layers (Node, better-sqlite3) and the choice between SQLite and Kafka made
 * from the configuration. Kafka adapters implement the same ports and pass the same contract
 * suite. Runtime-neutral code imports `./ports.ts` instead, which loads no driver.
 */
import { Effect, Layer, Option } from "effect"
import { join } from "node:path"
import { AppConfig } from "../config/AppConfig.ts"
import type { Checkpoints } from "./Checkpoints.ts"
import type { StoreError } from "./errors.ts"
import type { EventLog } from "./EventLog.ts"
import { layerKafkaStoreFromConfig } from "./kafka/layer.ts"
import type { RunnerControl } from "./RunnerControl.ts"
import { DATABASE_FILE as SQLITE_FILE, layerSqliteStore } from "./sqlite/layer.ts"
import type { TicketQueue } from "./TicketQueue.ts"

export * from "./ports.ts"
export {
  DATABASE_FILE,
  layerSqliteStore,
  layerSqliteStoreFromConfig,
  nodeProcessProbe,
  type SqliteStoreOptions
} from "./sqlite/layer.ts"
export type { ProcessProbe } from "./sqlite/ticketQueue.ts"

/** What every command gets from the store, whichever adapter is configured. */
export type StoreServices = EventLog | TicketQueue | Checkpoints | RunnerControl

/**
 * The one place the store is chosen: Kafka when `KAFKA_BROKERS` is set (topics created at
 * start-up, the instance's local state in `DOCFLOW_DATA_DIR/kafka-state.sqlite`), otherwise the
 * embedded SQLite file `DOCFLOW_DATA_DIR/docflow.sqlite`.
 */
export const layerStoreFromConfig: Layer.Layer<StoreServices, StoreError, AppConfig> = Layer.unwrapEffect(
  Effect.map(AppConfig, (config): Layer.Layer<StoreServices, StoreError, AppConfig> =>
    Option.isSome(config.kafka.brokers)
      ? layerKafkaStoreFromConfig()
      : layerSqliteStore({ filename: join(config.dataDir, SQLITE_FILE) })
  )
)
