/**
 * The store's ports without any adapter: safe to import from pure or runtime-neutral code (it
 * loads no driver, so it also runs under Deno). `Store.ts` adds the Node SQLite layers.
 */
export { Checkpoints, type Checkpoint, type CheckpointsShape } from "./Checkpoints.ts"
export { LeaseLost, StoreError } from "./errors.ts"
export { RunnerControl, running, type RunnerControlShape, type RunnerState } from "./RunnerControl.ts"
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
