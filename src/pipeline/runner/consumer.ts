/**
 * The continuous consumer behind `docflow consume` and `docflow start` (issue 11): an Effect
 * Stream over the due tickets of the pending list, newest first, run `concurrency` at a time,
 * never two at once for the same ticket. When nothing is due it waits `pollEvery` (or is woken by
 * `nudge`); with `untilIdle` it ends once nothing is due and nothing is in flight. `stop` ends it
 * after the tickets in flight are finished (what SIGINT/SIGTERM do).
 */
import { Clock, Duration, Effect, Option, Queue, Stream } from "effect"
import type { RunMode } from "../../schemas/events.ts"
import type { Checkpoints, EventLog } from "../../services/store/Store.ts"
import type { CrmClient } from "../../services/zoho/index.ts"
import { pendingList } from "../projections/pending.ts"
import { catchUp } from "../replay.ts"
import { WorkflowError } from "../workflow/errors.ts"
import { loadCatalogues } from "../workflow/gather.ts"
import { runTicket, type TicketRunResult, type WorkflowServices } from "../workflow/runTicket.ts"

export interface ConsumeOptions {
  readonly mode: RunMode
  readonly concurrency: number
  /** Pause a worker takes after each ticket (the seed's `--delay`). */
  readonly delay: Duration.DurationInput
  readonly untilIdle: boolean
  readonly pollEvery: Duration.DurationInput
  /** A ticket run in this run (failed, or left pending by a dry-run) is not taken again before this long. */
  readonly retryAfter: Duration.DurationInput
  readonly onResult?: (result: TicketRunResult) => Effect.Effect<void>
}

/** Shared state of one consumer: what is in flight, and the controls the CLI and the webhook use. */
export interface ConsumerControl {
  readonly inFlight: ReadonlySet<string>
  /**
   * Events for a ticket in progress: one more run once the current one ends (repeated requests
   * collapse into one). False when the ticket is not in flight (the caller enqueues it instead;
   * the ticket may then be taken again at once).
   */
  readonly requestRerun: (ticketId: string) => Effect.Effect<boolean>
  /** Wakes an idle consumer now instead of after `pollEvery`. */
  readonly nudge: Effect.Effect<void>
  /** Takes no new ticket; the stream ends once the tickets in flight are done. */
  readonly stop: Effect.Effect<void>
  readonly stopped: Effect.Effect<boolean>
}

export interface ConsumeSummary {
  readonly results: ReadonlyArray<TicketRunResult>
  readonly elapsedMs: number
  /** Most tickets seen running at the same time. */
  readonly maxInFlight: number
}

const asFailure = (ticketId: string, mode: RunMode, error: WorkflowError): TicketRunResult => ({
  ticketId, mode, outcome: "failed", stage: error.step, triageAction: null, primaryIntent: null, draftCreated: false, actionsPerformed: 0,
  error: error.message
})

/** A consumer's control plus the effect that runs it; the control can be handed out before it runs. */
export const makeConsumer = Effect.gen(function* () {
  const inFlight = new Set<string>()
  const rerun = new Set<string>()
  const notBefore = new Map<string, number>()
  const wake = yield* Queue.sliding<void>(1)
  let stopping = false
  let buffer: Array<string> = []

  const control: ConsumerControl = {
    inFlight,
    requestRerun: (ticketId) =>
      Effect.sync(() => {
        if (!inFlight.has(ticketId)) {
          notBefore.delete(ticketId)
          return false
        }
        rerun.add(ticketId)
        return true
      }),
    nudge: Queue.offer(wake, undefined).pipe(Effect.asVoid),
    stop: Effect.zipRight(Effect.sync(() => { stopping = true }), Queue.offer(wake, undefined)),
    stopped: Effect.sync(() => stopping)
  }

  const run = (options: ConsumeOptions): Effect.Effect<ConsumeSummary, WorkflowError, WorkflowServices | CrmClient | Checkpoints> =>
    Effect.gen(function* () {
      const started = yield* Clock.currentTimeMillis
      const catalogues = yield* Effect.mapError(
        loadCatalogues(new Date(started)),
        (e) => new WorkflowError({ step: "gather", reason: "ZohoUnavailable", ticketId: "-", detail: e.message })
      )
      const storeFailed = (e: { readonly message: string }) => new WorkflowError({ step: "record", reason: "StoreFailed", ticketId: "-", detail: e.message })
      const refresh = Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const pending = pendingList((yield* Effect.mapError(catchUp(), storeFailed)).views.pending.view)
        buffer = pending.map((p) => p.id).filter((id) => !inFlight.has(id) && (notBefore.get(id) ?? 0) <= now)
      })
      const results: Array<TicketRunResult> = []
      let running = 0
      let maxInFlight = 0

      // One pull = one ticket id, marked in flight as it is handed out.
      const nextTicket: Effect.Effect<string, Option.Option<WorkflowError>, EventLog | Checkpoints> = Effect.gen(function* () {
        for (;;) {
          if (stopping) return yield* Effect.fail(Option.none())
          const now = yield* Clock.currentTimeMillis
          const again = [...rerun].find((id) => !inFlight.has(id))
          if (again !== undefined) {
            rerun.delete(again)
            inFlight.add(again)
            return again
          }
          while (buffer.length > 0) {
            const id = buffer.shift()
            if (id !== undefined && !inFlight.has(id) && (notBefore.get(id) ?? 0) <= now) {
              inFlight.add(id)
              return id
            }
          }
          yield* Effect.mapError(refresh, Option.some)
          if (buffer.length > 0) continue
          if (options.untilIdle && inFlight.size === 0 && rerun.size === 0) return yield* Effect.fail(Option.none())
          yield* Effect.raceFirst(Effect.sleep(options.pollEvery), Queue.take(wake))
        }
      })

      const work = (ticketId: string) =>
        Effect.gen(function* () {
          if (stopping) return
          running += 1
          maxInFlight = Math.max(maxInFlight, running)
          const result = yield* Effect.catchAll(runTicket(ticketId, { mode: options.mode, catalogues }), (e) =>
            Effect.succeed(asFailure(ticketId, options.mode, e))
          )
          // Failed, or finished but still pending (a dry-run leaves tickets pending): not taken again
          // in this run before `retryAfter`, unless an event for the ticket asks for it.
          notBefore.set(ticketId, (yield* Clock.currentTimeMillis) + Duration.toMillis(options.retryAfter))
          results.push(result)
          if (options.onResult !== undefined) yield* options.onResult(result)
          running -= 1
          yield* Effect.sleep(options.delay)
        }).pipe(Effect.ensuring(Effect.zipRight(Effect.sync(() => inFlight.delete(ticketId)), Queue.offer(wake, undefined))))

      yield* Stream.repeatEffectOption(nextTicket).pipe(
        Stream.mapEffect(work, { concurrency: Math.max(1, options.concurrency), unordered: true }),
        Stream.runDrain
      )
      return { results, elapsedMs: (yield* Clock.currentTimeMillis) - started, maxInFlight }
    })

  return { control, run }
})
