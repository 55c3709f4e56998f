/** Puts one ticket on the pending list (what the webhook does for a ticket nobody is working on). */
import { Clock, Effect } from "effect"
import { makeEvent } from "../../schemas/events.ts"
import { EventLog, type Checkpoints } from "../../services/store/Store.ts"
import type { StoreError } from "../../services/store/errors.ts"
import { pendingList } from "../projections/pending.ts"
import { catchUp } from "../replay.ts"
import { foldHistory } from "../workflow/history.ts"

export type EnqueueOutcome = "enqueued" | "already-pending"

export const enqueueTicket = (ticketId: string, runId: string): Effect.Effect<EnqueueOutcome, StoreError | { readonly _tag: string; readonly message: string }, EventLog | Checkpoints> =>
  Effect.gen(function* () {
    const log = yield* EventLog
    if (pendingList((yield* catchUp()).views.pending.view).some((p) => p.id === ticketId)) return "already-pending" as const
    const history = foldHistory(yield* log.readTicket(ticketId))
    const occurredAt = new Date(yield* Clock.currentTimeMillis).toISOString()
    yield* log.append([
      makeEvent(
        "TicketEnqueued",
        { eventId: crypto.randomUUID(), ticketId, ticketSeq: history.nextSeq, runId, occurredAt },
        { mode: "live", source: "webhook", ticketNumber: null, subject: null, createdTime: null }
      )
    ])
    return "enqueued" as const
  })
