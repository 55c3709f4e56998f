/**
 * The continuous consumer behind `docflow consume`, `docflow start` and `docflow webhook`
 * (issue 11): an Effect Stream over the TicketQueue port — claim a lease, run the ticket, ack once
 * its events are appended, or release it with a retry delay when it failed. `concurrency` tickets
 * at a time; the queue's one-lease-per-ticket rule means no two runs of one ticket at once, in
 * this process or another sharing the store. A long run renews its lease (heartbeat).
 *
 * A ticket failing on its `maxAttempts`-th delivery is dead-lettered (TicketDeadLettered, acked
 * out of the queue; `docflow redrive` brings it back). The circuit breaker (circuitBreaker.ts)
 * tells systemic failures apart and pauses the runner instead (the ticket is released, not
 * dead-lettered); the pause is persisted in RunnerControl when the store has it, so `docflow
 * pause` / `resume` reach consumers in other processes, checked between tickets.
 *
 * When nothing is ready it waits `pollEvery` (or is woken by `nudge`); with `untilIdle` it ends
 * once nothing is ready, nothing is leased and nothing is in flight (or the runner is paused).
 * `stop` ends it after the tickets in flight are finished (what SIGINT/SIGTERM do).
 */
import { Clock, Duration, Effect, Either, Fiber, Option, Queue, Schedule, Stream } from "effect"
import { hostname } from "node:os"
import { makeEvent, type RunMode } from "../../schemas/events.ts"
import type { Checkpoints } from "../../services/store/Checkpoints.ts"
import { EventLog } from "../../services/store/EventLog.ts"
import { RunnerControl, running as notPaused, type RunnerState } from "../../services/store/RunnerControl.ts"
import { TicketQueue, type ConsumerIdentity, type Lease } from "../../services/store/TicketQueue.ts"
import type { CrmClient } from "../../services/zoho/index.ts"
import { pendingList } from "../projections/pending.ts"
import { catchUp } from "../replay.ts"
import { WorkflowError } from "../workflow/errors.ts"
import { foldHistory } from "../workflow/history.ts"
import { runTicket, type TicketRunResult, type WorkflowServices } from "../workflow/runTicket.ts"
import { makeCatalogueCache } from "./catalogues.ts"
import * as Breaker from "./circuitBreaker.ts"

export interface ConsumeOptions {
  readonly mode: RunMode
  readonly concurrency: number
  /** Pause a worker takes after each ticket (the seed's `--delay`). */
  readonly delay: Duration.DurationInput
  readonly untilIdle: boolean
  readonly pollEvery: Duration.DurationInput
  /** A failed ticket is released for another attempt, not before this long. */
  readonly retryAfter: Duration.DurationInput
  readonly onResult?: (result: TicketRunResult) => Effect.Effect<void>
  /**
   * False: the summary counts the runs (`processed`) but keeps no result, so that a continuous
   * run does not grow without bound (`onResult` still sees each one). Default true.
   */
  readonly keepResults?: boolean
  /** Deliveries before a failing ticket is dead-lettered (default 3). */
  readonly maxAttempts?: number
  /** Lease length; renewed every third of it while the ticket runs (default 5 min). */
  readonly leaseFor?: Duration.DurationInput
  /** Age after which the exam-date and session catalogues are read again (default 15 min). */
  readonly catalogueRefreshEvery?: Duration.DurationInput
  /** Same error on this many tickets in a row opens the breaker (default 5) for `coolDown` (default 5 min). */
  readonly sameErrorThreshold?: number
  readonly coolDown?: Duration.DurationInput
  /** Names this consumer in its leases (default: host, pid and a random suffix). */
  readonly consumerId?: string
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
  /** Every run's result, unless `keepResults: false`. */
  readonly results: ReadonlyArray<TicketRunResult>
  /** Runs finished in this run, kept or not. */
  readonly processed: number
  readonly elapsedMs: number
  /** Most tickets seen running at the same time. */
  readonly maxInFlight: number
  /** Tickets this run dead-lettered. */
  readonly deadLettered: ReadonlyArray<string>
  /** Set when an `untilIdle` run ended because the runner is paused. */
  readonly pausedBy: RunnerState | null
  /** The breaker at the end of the run, in words. */
  readonly breaker: string
  /** Tickets from the pending list put back into the queue at start (enqueued before the queue existed). */
  readonly backfilled: number
}

/** `by` of a pause the breaker set that only `docflow resume` lifts (auth, configuration, budget). */
export const BREAKER = "circuit-breaker"
/** `by` of a pause the breaker set for a cool-down (same error K times): lifted by a consumer once it is over. */
export const BREAKER_COOL_DOWN = "circuit-breaker:cool-down"

const asFailure = (ticketId: string, mode: RunMode, error: WorkflowError): TicketRunResult => ({
  ticketId, mode, outcome: "failed", stage: error.step, triageAction: null, primaryIntent: null, draftCreated: false, actionsPerformed: 0,
  error: error.message
})

const storeFailed = (e: { readonly message: string }) => new WorkflowError({ step: "record", reason: "StoreFailed", ticketId: "-", detail: e.message })

const defaultIdentity = (): ConsumerIdentity => {
  const pid = typeof process === "undefined" ? 0 : process.pid
  const host = hostname()
  return { consumerId: `${host}-${pid}-${Math.random().toString(36).slice(2, 8)}`, host, pid }
}

/** A consumer's control plus the effect that runs it; the control can be handed out before it runs. */
export const makeConsumer = Effect.gen(function* () {
  const inFlight = new Set<string>()
  const rerun = new Set<string>()
  const wake = yield* Queue.sliding<void>(1)
  let stopping = false

  const control: ConsumerControl = {
    inFlight,
    requestRerun: (ticketId) =>
      Effect.sync(() => {
        if (!inFlight.has(ticketId)) return false
        rerun.add(ticketId)
        return true
      }),
    nudge: Queue.offer(wake, undefined).pipe(Effect.asVoid),
    stop: Effect.zipRight(Effect.sync(() => { stopping = true }), Queue.offer(wake, undefined)),
    stopped: Effect.sync(() => stopping)
  }

  const run = (
    options: ConsumeOptions
  ): Effect.Effect<ConsumeSummary, WorkflowError, WorkflowServices | CrmClient | Checkpoints | TicketQueue> =>
    Effect.gen(function* () {
      const started = yield* Clock.currentTimeMillis
      const queue = yield* TicketQueue
      const log = yield* EventLog
      const runnerControl = yield* Effect.serviceOption(RunnerControl)
      const identity = defaultIdentity()
      const owner: ConsumerIdentity = options.consumerId === undefined ? identity : { ...identity, consumerId: options.consumerId }
      const leaseFor = options.leaseFor ?? Duration.minutes(5)
      const maxAttempts = Math.max(1, options.maxAttempts ?? 3)
      const settings: Breaker.BreakerSettings = {
        sameErrorThreshold: options.sameErrorThreshold ?? 5,
        coolDownMs: Duration.toMillis(options.coolDown ?? Duration.minutes(5))
      }
      const catalogues = yield* Effect.mapError(
        makeCatalogueCache(options.catalogueRefreshEvery ?? Duration.minutes(15)),
        (e) => new WorkflowError({ step: "gather", reason: "ZohoUnavailable", ticketId: "-", detail: e.message })
      )

      // Tickets enqueued before the queue existed live only in the pending projection.
      const pending = pendingList((yield* Effect.mapError(catchUp(), storeFailed)).views.pending.view)
      const backfill = yield* Effect.mapError(queue.enqueue(pending.map((p) => ({ ticketId: p.id }))), storeFailed)
      if (backfill.enqueued.length > 0) yield* Effect.logInfo(`file : ${backfill.enqueued.length} ticket(s) en attente remis dans la file`)

      const readPause = Option.match(runnerControl, { onNone: () => Effect.succeed(notPaused), onSome: (c) => c.get })
      const setPause = (state: RunnerState) =>
        Option.match(runnerControl, { onNone: () => Effect.void, onSome: (c) => c.set(state) })

      const results: Array<TicketRunResult> = []
      let processed = 0
      const deadLettered: Array<string> = []
      let breaker: Breaker.BreakerState = Breaker.closed
      let pausedBy: RunnerState | null = null
      let pauseSeen = false
      let running = 0
      let maxInFlight = 0
      const permits = yield* Effect.makeSemaphore(Math.max(1, options.concurrency))
      const idleWait = Effect.raceFirst(Effect.sleep(options.pollEvery), Queue.take(wake))

      // One pull = one lease, claimed only when a worker is free (a permit), marked in flight.
      const nextLease: Effect.Effect<Lease, Option.Option<WorkflowError>> = Effect.gen(function* () {
        for (;;) {
          if (stopping) return yield* Effect.fail(Option.none())
          const now = yield* Clock.currentTimeMillis
          if (Option.isSome(runnerControl)) {
            const pause = yield* Effect.mapError(readPause, (e) => Option.some(storeFailed(e)))
            if (pause.paused) {
              const since = pause.since === null ? Number.NaN : Date.parse(pause.since)
              const coolDownOver = pause.by === BREAKER_COOL_DOWN && Number.isFinite(since) && now >= since + settings.coolDownMs
              if (!coolDownOver) {
                if (!pauseSeen) yield* Effect.logWarning(`runner en pause (${pause.by ?? "?"}) : ${pause.reason ?? "sans raison"}`)
                pauseSeen = true
                if (options.untilIdle && inFlight.size === 0) {
                  pausedBy = pause
                  return yield* Effect.fail(Option.none())
                }
                yield* idleWait
                continue
              }
              // Any consumer may lift a cool-down pause (the one that opened it may be gone): it probes one ticket.
              yield* Effect.mapError(setPause({ ...notPaused, since: new Date(now).toISOString(), by: BREAKER_COOL_DOWN }), (e) => Option.some(storeFailed(e)))
              const cause: Breaker.Failure = breaker._tag === "Closed" ? { kind: "ticket", key: pause.reason ?? "", message: pause.reason ?? "" } : breaker.cause
              breaker = { _tag: "Open", cause, openedAt: since, until: now }
              yield* Effect.logInfo("disjoncteur : fin du délai, un ticket d'essai")
            } else if (breaker._tag === "Open") {
              // The operator resumed: the breaker closes with the pause.
              breaker = Breaker.reset()
              yield* Effect.logInfo("disjoncteur refermé par la reprise")
            }
            pauseSeen = false
          }
          const admitted = Breaker.admit(breaker, now)
          breaker = admitted.state
          if (!admitted.allowed) {
            if (options.untilIdle && inFlight.size === 0 && breaker._tag === "Open" && breaker.until === null) return yield* Effect.fail(Option.none())
            yield* idleWait
            continue
          }
          const leases = yield* Effect.mapError(queue.claim(owner, { max: 1, leaseFor }), (e) => Option.some(storeFailed(e)))
          const lease = leases[0]
          if (lease !== undefined) {
            inFlight.add(lease.ticketId)
            return lease
          }
          if (breaker._tag === "HalfOpen") breaker = { ...breaker, probing: false }
          if (options.untilIdle && inFlight.size === 0 && rerun.size === 0) {
            const counts = yield* Effect.mapError(queue.counts, (e) => Option.some(storeFailed(e)))
            if (counts.leased === 0) return yield* Effect.fail(Option.none())
          }
          yield* idleWait
        }
      })

      const heartbeat = (lease: Lease) =>
        Effect.repeat(
          Effect.catchAll(queue.renew(lease, leaseFor), (e) => Effect.logWarning(`bail perdu pour le ticket ${lease.ticketId} : ${e.message}`)),
          Schedule.spaced(Duration.millis(Math.max(10, Duration.toMillis(leaseFor) / 3)))
        ).pipe(Effect.delay(Duration.millis(Math.max(10, Duration.toMillis(leaseFor) / 3))))

      /** The failure of a run, from its TicketFailed event when there is one. */
      const failureOf = (ticketId: string, error: WorkflowError | undefined, result: TicketRunResult) =>
        Effect.gen(function* () {
          const events = yield* log.readTicket(ticketId)
          const history = foldHistory(events)
          if (error !== undefined) return { history, info: { reason: error.reason, message: error.detail } }
          const failed = [...events].reverse().find((s) => s.event.type === "TicketFailed")
          const info = failed !== undefined && failed.event.type === "TicketFailed"
            ? { reason: failed.event.payload.error.reason, message: failed.event.payload.error.message }
            : { reason: "Failed", message: result.error ?? "" }
          return { history, info }
        })

      const deadLetter = (lease: Lease, nextSeq: number, info: { readonly reason: string; readonly message: string }) =>
        Effect.gen(function* () {
          const occurredAt = new Date(yield* Clock.currentTimeMillis).toISOString()
          yield* log.append([
            makeEvent(
              "TicketDeadLettered",
              { eventId: crypto.randomUUID(), ticketId: lease.ticketId, ticketSeq: nextSeq, runId: `deadletter-${occurredAt}`, occurredAt },
              { mode: options.mode, attempts: lease.attempt, error: info }
            )
          ])
          yield* queue.ack(lease)
          deadLettered.push(lease.ticketId)
          yield* Effect.logWarning(`ticket ${lease.ticketId} mis de côté après ${lease.attempt} tentative(s) : ${info.reason}: ${info.message}`)
        })

      /** Ack, release or dead-letter the lease from the run's outcome; feeds the breaker. */
      const settle = (lease: Lease, result: TicketRunResult, error: WorkflowError | undefined) =>
        Effect.gen(function* () {
          if (result.outcome !== "failed") {
            breaker = Breaker.onSuccess(breaker)
            return yield* queue.ack(lease)
          }
          const { history, info } = yield* failureOf(lease.ticketId, error, result)
          const now = yield* Clock.currentTimeMillis
          const verdict = Breaker.onFailure(breaker, Breaker.classify(info.reason, info.message), now, settings)
          if (verdict.hold && !verdict.opened) {
            breaker = verdict.state
            return yield* queue.release(lease)
          }
          if (verdict.opened) {
            // The pause is written before the breaker state changes here: a worker that sees an open
            // breaker with no pause takes it for an operator's resume.
            const current = yield* readPause
            if (!current.paused) {
              const by = verdict.state._tag === "Open" && verdict.state.until !== null ? BREAKER_COOL_DOWN : BREAKER
              yield* setPause({ paused: true, reason: `disjoncteur : ${Breaker.describe(verdict.state)}`, since: new Date(now).toISOString(), by })
            }
            breaker = verdict.state
            yield* Effect.logError(`disjoncteur ouvert : ${Breaker.describe(breaker)}`)
            return yield* queue.release(lease)
          }
          breaker = verdict.state
          if (options.mode === "dry-run") return yield* queue.ack(lease)
          if (lease.attempt >= maxAttempts) return yield* deadLetter(lease, history.nextSeq, info)
          yield* queue.release(lease, options.retryAfter)
        })

      const work = (lease: Lease) =>
        Effect.gen(function* () {
          if (stopping) return yield* Effect.ignore(queue.release(lease))
          running += 1
          maxInFlight = Math.max(maxInFlight, running)
          const current = yield* catalogues.get
          const beat = yield* Effect.fork(heartbeat(lease))
          const outcome = yield* Effect.either(runTicket(lease.ticketId, { mode: options.mode, catalogues: current }))
          yield* Fiber.interrupt(beat)
          const result = Either.isRight(outcome) ? outcome.right : asFailure(lease.ticketId, options.mode, outcome.left)
          yield* Effect.catchAll(settle(lease, result, Either.isLeft(outcome) ? outcome.left : undefined), (e) =>
            Effect.logError(`ticket ${lease.ticketId} : file non mise à jour (${e.message}) ; le bail expirera`)
          )
          processed += 1
          if (options.keepResults !== false) results.push(result)
          if (options.onResult !== undefined) yield* options.onResult(result)
          running -= 1
          yield* Effect.sleep(options.delay)
        }).pipe(
          Effect.ensuring(
            Effect.gen(function* () {
              if (rerun.delete(lease.ticketId)) yield* Effect.ignoreLogged(queue.enqueue([{ ticketId: lease.ticketId }]))
              inFlight.delete(lease.ticketId)
              yield* permits.release(1)
              yield* Queue.offer(wake, undefined)
            })
          )
        )

      const pull = Effect.zipRight(permits.take(1), Effect.tapError(nextLease, () => permits.release(1)))
      yield* Stream.repeatEffectOption(pull).pipe(
        Stream.mapEffect(work, { concurrency: Math.max(1, options.concurrency), unordered: true }),
        Stream.runDrain
      )
      return {
        results,
        processed,
        elapsedMs: (yield* Clock.currentTimeMillis) - started,
        maxInFlight,
        deadLettered,
        pausedBy,
        breaker: Breaker.describe(breaker),
        backfilled: backfill.enqueued.length
      }
    })

  return { control, run }
})
