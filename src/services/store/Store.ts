/**
 * The store service's public module: the ports (EventLog, TicketQueue, Checkpoints) and the
 * embedded SQLite layers. Kafka adapters implement the same ports and pass the same contract suite.
 */
export { Checkpoints, type Checkpoint, type CheckpointsShape } from "./Checkpoints.ts"
export { LeaseLost, StoreError } from "./errors.ts"
export {
  EventLog,
  type AppendResult,
  type EventLogShape,
  type Position,
  type QuarantinedEvent,
  type ReadOptions,
  type StoredEvent
} from "./EventLog.ts"
export {
  consume,
  TicketQueue,
  type ClaimOptions,
  type ConsumerIdentity,
  type EnqueueRequest,
  type EnqueueResult,
  type Lease,
  type QueueCounts,
  type TicketQueueShape
} from "./TicketQueue.ts"
export {
  DATABASE_FILE,
  layerSqliteStore,
  layerSqliteStoreFromConfig,
  nodeProcessProbe,
  type SqliteStoreOptions
} from "./sqlite/layer.ts"
export type { ProcessProbe } from "./sqlite/ticketQueue.ts"
