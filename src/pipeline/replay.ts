/**
 * Replay: fold the event log into the projections. `replay` rebuilds them from position 0 (it
 * never calls Zoho and never re-decides); `catchUp` resumes each projection from its checkpoint.
 * Undecodable rows are quarantined and counted, never skipped in silence.
 */
import { Effect, Either, Option, Stream } from "effect"
import type { EventDecodeError } from "../schemas/events.ts"
import {
  Checkpoints,
  EventLog,
  type EventLogShape,
  type Position,
  type QuarantinedEvent,
  type ReadOptions,
  type StoredEvent,
  type StoreError
} from "../services/store/ports.ts"
import { healthProjection, type HealthView } from "./projections/health.ts"
import { renderHealth, summarizeHealth } from "./projections/healthReport.ts"
import { pendingProjection, type PendingView } from "./projections/pending.ts"
import { processedProjection, type ProcessedView } from "./projections/processed.ts"
import {
  decodeCheckpoint,
  encodeCheckpoint,
  start,
  step,
  type Checkpointed,
  type Projection
} from "./projections/projection.ts"
import { buildReport, renderReport } from "./projections/report.ts"

/** What `foldLog` folds into; the health view is optional so a caller folding only the first two (benchmarks) may leave it out. */
export interface FoldViews {
  readonly pending: Checkpointed<PendingView>
  readonly processed: Checkpointed<ProcessedView>
  readonly health?: Checkpointed<HealthView> | undefined
}

export interface Views extends FoldViews {
  readonly health: Checkpointed<HealthView>
}

export interface ReplayOutcome<V extends FoldViews = Views> {
  readonly views: V
  /** Events read from the log during this call. */
  readonly folded: number
  readonly from: Position
  readonly head: Position
  readonly quarantined: ReadonlyArray<QuarantinedEvent>
}

export interface ReplayOptions {
  readonly batchSize?: number
}

type ReplayError = StoreError | EventDecodeError

/**
 * An event log that folds a range itself, handing each event over as soon as it is read (the
 * Kafka adapter does it in its reader's batch handler: no stream hop, nothing read outlives its
 * batch). Logs without it are folded from `readFrom`.
 */
interface SelfFoldingEventLog extends EventLogShape {
  readonly foldFrom: (
    after: Position,
    options: ReadOptions,
    onEvent: (stored: StoredEvent) => void
  ) => Effect.Effect<number, StoreError | EventDecodeError>
}

const foldsItself = (log: EventLogShape): log is SelfFoldingEventLog =>
  typeof (log as Partial<SelfFoldingEventLog>).foldFrom === "function"

/** Folds every event after the lowest view position into each view still behind it. */
export const foldLog = <V extends FoldViews>(views: V, options: ReplayOptions = {}) =>
  Effect.gen(function* () {
    const log = yield* EventLog
    const health = views.health
    const from = Math.min(views.pending.position, views.processed.position, health?.position ?? Number.POSITIVE_INFINITY)
    const readOptions: ReadOptions = { onUndecodable: "quarantine", ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }) }
    const fold = (stored: StoredEvent): void => {
      step(pendingProjection, views.pending, stored)
      step(processedProjection, views.processed, stored)
      if (health !== undefined) step(healthProjection, health, stored)
    }
    let folded = 0
    if (foldsItself(log)) folded = yield* log.foldFrom(from, readOptions, fold)
    else {
      yield* Stream.runForEachChunk(log.readFrom(from, readOptions), (chunk) =>
        Effect.sync(() => {
          for (const stored of chunk) fold(stored)
          folded += chunk.length
        })
      )
    }
    const head = yield* log.head
    const quarantined = yield* log.quarantined
    return { views, folded, from, head, quarantined } satisfies ReplayOutcome<V>
  })

const save = <V>(projection: Projection<V>, state: Checkpointed<V>) =>
  Effect.flatMap(Checkpoints, (checkpoints) => checkpoints.save(projection.name, encodeCheckpoint(projection, state)))

const saveAll = (views: Views) =>
  Effect.zipRight(
    Effect.zipRight(save(pendingProjection, views.pending), save(processedProjection, views.processed)),
    save(healthProjection, views.health)
  )

/** Rebuilds every projection from position 0 and stores the new checkpoints. */
export const replay = (options: ReplayOptions = {}): Effect.Effect<ReplayOutcome, ReplayError, EventLog | Checkpoints> =>
  Effect.tap(foldLog({ pending: start(pendingProjection), processed: start(processedProjection), health: start(healthProjection) }, options), (outcome) =>
    saveAll(outcome.views)
  )

const resume = <V>(projection: Projection<V>) =>
  Effect.flatMap(Checkpoints, (checkpoints) =>
    Effect.flatMap(checkpoints.load(projection.name), (loaded) => {
      if (Option.isNone(loaded)) return Effect.succeed(start(projection))
      const decoded = decodeCheckpoint(projection, loaded.value)
      return Either.match(decoded, {
        onRight: Effect.succeed,
        onLeft: (error) =>
          Effect.as(
            Effect.logWarning(`checkpoint "${projection.name}" does not decode, rebuilding it from position 0: ${error.message}`),
            start(projection)
          )
      })
    })
  )

/** Folds only what is new since the checkpoints, then stores them. */
export const catchUp = (options: ReplayOptions = {}): Effect.Effect<ReplayOutcome, ReplayError, EventLog | Checkpoints> =>
  Effect.gen(function* () {
    const views: Views = {
      pending: yield* resume(pendingProjection),
      processed: yield* resume(processedProjection),
      health: yield* resume(healthProjection)
    }
    const outcome = yield* foldLog(views, options)
    if (outcome.folded > 0) yield* saveAll(outcome.views)
    return outcome
  })

export const reportText = (views: Views): string => renderReport(buildReport(views.processed.view, views.pending.view))

/** `docflow report --health`: the health summary of DOMAIN.md §12.3. */
export const healthText = (views: Views): string => renderHealth(summarizeHealth(views.health.view))
