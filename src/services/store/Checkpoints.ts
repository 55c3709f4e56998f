import type { Effect, Option } from "effect"
import { Context } from "effect"
import type { StoreError } from "./errors.ts"
import type { Position } from "./EventLog.ts"

export interface Checkpoint {
  readonly position: Position
  /** The projection's view, encoded as JSON-ready data by the projection itself. */
  readonly state: unknown
}

/** Where each projection got to, with its view, so that a restart folds only what is new. */
export interface CheckpointsShape {
  readonly load: (name: string) => Effect.Effect<Option.Option<Checkpoint>, StoreError>
  readonly save: (name: string, checkpoint: Checkpoint) => Effect.Effect<void, StoreError>
  readonly remove: (name: string) => Effect.Effect<void, StoreError>
}

export class Checkpoints extends Context.Tag("docflow/store/Checkpoints")<Checkpoints, CheckpointsShape>() {}
