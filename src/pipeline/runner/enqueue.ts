/** Puts one ticket on the pending list and in the ticket queue (what the webhook does for a ticket nobody is working on). */
import { Clock, Effect } from "effect"
import { makeEvent } from "../../schemas/events.ts"
import { EventLog, TicketQueue, type Checkpoints } from "../../services/store/ports.ts"
import type { StoreError } from "../../services/store/errors.ts"
import { pendingList } from "../projections/pending.ts"
import { catchUp } from "../replay.ts"
import { foldHistory } from "../workflow/history.ts"

export type EnqueueOutcome = "enqueued" | "already-pending"

export const enqueueTicket = (
  ticketId: string,
  runId: string,
  source: "webhook" | "redrive" | "operator" = "webhook"
): Effect.Effect<EnqueueOutcome, StoreError | { readonly _tag: string; readonly message: string }, EventLog | Checkpoints | TicketQueue> =>
  Effect.gen(function* () {
    const log = yield* EventLog
    const queue = yield* TicketQueue
    const alreadyPending = pendingList((yield* catchUp()).views.pending.view).some((p) => p.id === ticketId)
    if (!alreadyPending) {
      const history = foldHistory(yield* log.readTicket(ticketId))
      const occurredAt = new Date(yield* Clock.currentTimeMillis).toISOString()
      yield* log.append([
        makeEvent(
          "TicketEnqueued",
          { eventId: crypto.randomUUID(), ticketId, ticketSeq: history.nextSeq, runId, occurredAt },
          { mode: "live", source, ticketNumber: null, subject: null, createdTime: null }
        )
      ])
    }
    // The queue ignores a ticket already waiting or leased; a pending ticket missing from it is added.
    const queued = yield* queue.enqueue([{ ticketId }])
    return alreadyPending && queued.enqueued.length === 0 ? ("already-pending" as const) : ("enqueued" as const)
  })
