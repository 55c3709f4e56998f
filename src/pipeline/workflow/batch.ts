/**
 * The batch runner behind `docflow batch` (DOMAIN.md §12.1–§12.2): sync the pending list from
 * Desk (open DOC tickets that are due), then run up to `count` of them, newest first, one at a
 * time with a pause between tickets. `--ticket` runs one ticket without a sync.
 */
import { Clock, Duration, Effect, Stream } from "effect"
import { makeEvent } from "../../schemas/events.ts"
import type { RunMode } from "../../schemas/events.ts"
import { EventLog, TicketQueue, type Checkpoints } from "../../services/store/ports.ts"
import { DeskClient, type CrmClient } from "../../services/zoho/index.ts"
import { pendingList } from "../projections/pending.ts"
import { catchUp } from "../replay.ts"
import { WorkflowError } from "./errors.ts"
import { loadCatalogues } from "./gather.ts"
import { foldHistory, isDue } from "./history.ts"
import { runTicket, type TicketRunResult, type WorkflowServices } from "./runTicket.ts"

/** The original stopped paging at `from` > 2500. */
const MAX_SYNCED = 2600

export interface SyncResult {
  readonly scanned: number
  readonly enqueued: ReadonlyArray<string>
}

const newestInbound = (threads: ReadonlyArray<{ readonly id: string; readonly direction: string; readonly createdTime: string; readonly status?: string | null | undefined }>) =>
  [...threads].filter((t) => t.direction === "in" && t.status !== "DRAFT").sort((a, b) => b.createdTime.localeCompare(a.createdTime))[0]?.id ?? null

/**
 * Adds to the pending list every open ticket of the department that is not pending already and is
 * due: never finished, or the candidate wrote after the thread its last finished run answered.
 * Each one (and each open ticket already pending) is also put in the TicketQueue the consumers
 * claim from; the queue ignores tickets already waiting or being worked on.
 */
export const syncPending = (departmentId: string) =>
  Effect.gen(function* () {
    const desk = yield* DeskClient
    const log = yield* EventLog
    const queue = yield* TicketQueue
    const pending = new Set(pendingList((yield* catchUp()).views.pending.view).map((p) => p.id))
    const tickets = (yield* Stream.runCollect(Stream.take(Stream.flattenIterables(desk.ticketPages({ departmentId, status: ["Open"] })), MAX_SYNCED)))
    const enqueued: Array<string> = []
    const toQueue: Array<{ readonly ticketId: string }> = []
    for (const ticket of tickets) {
      if (pending.has(ticket.id)) {
        toQueue.push({ ticketId: ticket.id })
        continue
      }
      const history = foldHistory(yield* log.readTicket(ticket.id))
      if (history.answeredInbound !== undefined && !isDue(history, newestInbound(yield* desk.listThreads(ticket.id)))) continue
      const occurredAt = new Date(yield* Clock.currentTimeMillis).toISOString()
      yield* log.append([
        makeEvent(
          "TicketEnqueued",
          { eventId: crypto.randomUUID(), ticketId: ticket.id, ticketSeq: history.nextSeq, runId: `sync-${occurredAt}`, occurredAt },
          { mode: "live", source: "producer", ticketNumber: ticket.ticketNumber ?? null, subject: ticket.subject ?? null, createdTime: ticket.createdTime ?? null }
        )
      ])
      enqueued.push(ticket.id)
      toQueue.push({ ticketId: ticket.id })
    }
    if (toQueue.length > 0) yield* queue.enqueue(toQueue)
    return { scanned: tickets.length, enqueued } satisfies SyncResult
  })

export interface BatchProgress {
  readonly done: number
  readonly total: number
  readonly elapsedMs: number
  /** Estimated time left, from the mean time per ticket so far. */
  readonly etaMs: number
  readonly last: TicketRunResult
}

export interface BatchOptions {
  readonly mode: RunMode
  readonly tickets: ReadonlyArray<string>
  readonly delay: Duration.DurationInput
  readonly onProgress?: (progress: BatchProgress) => Effect.Effect<void>
}

/** Tickets to run: the `count` newest pending ones. */
export const nextPending = (count: number) =>
  Effect.map(catchUp(), (outcome) => pendingList(outcome.views.pending.view).slice(0, Math.max(0, count)).map((p) => p.id))

const asFailure = (ticketId: string, mode: RunMode, error: WorkflowError): TicketRunResult => ({
  ticketId, mode, outcome: "failed", stage: error.step, triageAction: null, primaryIntent: null, draftCreated: false, actionsPerformed: 0,
  error: error.message
})

/** Runs the tickets one after the other; a ticket's failure is a result, never the end of the batch. */
export const runBatch = (options: BatchOptions): Effect.Effect<ReadonlyArray<TicketRunResult>, WorkflowError, WorkflowServices | CrmClient | Checkpoints> =>
  Effect.gen(function* () {
    const started = yield* Clock.currentTimeMillis
    const catalogues = yield* Effect.mapError(
      loadCatalogues(new Date(started)),
      (e) => new WorkflowError({ step: "gather", reason: "ZohoUnavailable", ticketId: "-", detail: e.message })
    )
    const results: Array<TicketRunResult> = []
    for (const [index, ticketId] of options.tickets.entries()) {
      if (index > 0) yield* Effect.sleep(options.delay)
      const result = yield* Effect.catchAll(runTicket(ticketId, { mode: options.mode, catalogues }), (e) =>
        Effect.succeed(asFailure(ticketId, options.mode, e))
      )
      results.push(result)
      if (options.onProgress !== undefined) {
        const elapsedMs = (yield* Clock.currentTimeMillis) - started
        const done = index + 1
        yield* options.onProgress({ done, total: options.tickets.length, elapsedMs, etaMs: (elapsedMs / done) * (options.tickets.length - done), last: result })
      }
    }
    return results
  })
