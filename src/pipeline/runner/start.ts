/**
 * The main job (`npm start`, issue 11): produce (sync the due open DOC tickets into the ticket
 * queue), consume until idle, then the report. Without Zoho credentials it runs live against an
 * in-process sandbox holding a generated world; with credentials it stays in dry-run unless the
 * operator passes `--live`.
 */
import { Duration, Effect } from "effect"
import type { RunMode } from "../../schemas/events.ts"
import type { Checkpoints, TicketQueue } from "../../services/store/Store.ts"
import type { CrmClient } from "../../services/zoho/index.ts"
import { catchUp, reportText } from "../replay.ts"
import { syncPending, type SyncResult } from "../workflow/batch.ts"
import type { WorkflowError } from "../workflow/errors.ts"
import type { TicketRunResult, WorkflowServices } from "../workflow/runTicket.ts"
import { makeConsumer, type ConsumeOptions, type ConsumeSummary, type ConsumerControl } from "./consumer.ts"

export interface MainJobOptions {
  readonly departmentId: string
  readonly mode: RunMode
  readonly concurrency: number
  readonly delay: Duration.DurationInput
  readonly onResult?: (result: TicketRunResult) => Effect.Effect<void>
  /** Failure handling from the configuration (attempts, retry delay, breaker, catalogue refresh). */
  readonly settings?: Partial<ConsumeOptions>
  /** Wraps the consumer's run, e.g. to finish the tickets in flight on SIGINT. */
  readonly wrapRun?: <A, E, R>(control: ConsumerControl, run: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

export interface MainJobOutcome {
  readonly sync: SyncResult
  readonly consumed: ConsumeSummary
  readonly report: string
}

/** Live only when asked for, or when the target is the sandbox; never live on real Zoho by default. */
export const startMode = (target: "configured" | "in-process sandbox", live: boolean): RunMode =>
  target === "in-process sandbox" || live ? "live" : "dry-run"

export const runMainJob = (options: MainJobOptions): Effect.Effect<MainJobOutcome, WorkflowError | { readonly _tag: string; readonly message: string }, WorkflowServices | CrmClient | Checkpoints | TicketQueue> =>
  Effect.gen(function* () {
    const sync = yield* syncPending(options.departmentId)
    const consumer = yield* makeConsumer
    const wrap = options.wrapRun ?? (<A, E, R>(_: ConsumerControl, run: Effect.Effect<A, E, R>) => run)
    const consumed = yield* wrap(consumer.control, consumer.run({
      mode: options.mode,
      concurrency: options.concurrency,
      delay: options.delay,
      untilIdle: true,
      pollEvery: Duration.seconds(1),
      retryAfter: Duration.minutes(10),
      ...options.settings,
      ...(options.onResult === undefined ? {} : { onResult: options.onResult })
    }))
    const report = reportText((yield* catchUp()).views).trimEnd()
    return { sync, consumed, report }
  })
