/**
 * The store service's public module: the ports (EventLog, TicketQueue, Checkpoints) and the
 * embedded SQLite layers (Node, better-sqlite3). Kafka adapters implement the same ports and pass
 * the same contract suite. Runtime-neutral code imports `./ports.ts` instead, which loads no driver.
 */
export * from "./ports.ts"
export {
  DATABASE_FILE,
  layerSqliteStore,
  layerSqliteStoreFromConfig,
  nodeProcessProbe,
  type SqliteStoreOptions
} from "./sqlite/layer.ts"
export type { ProcessProbe } from "./sqlite/ticketQueue.ts"
