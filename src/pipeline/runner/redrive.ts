/**
 * `docflow redrive`: puts dead-lettered tickets back in the queue (a TicketEnqueued event with
 * source "redrive", then the queue), with a fresh count of attempts.
 */
import { Clock, Data, Effect } from "effect"
import { Checkpoints, EventLog, TicketQueue } from "../../services/store/ports.ts"
import { deadLetterList } from "../projections/deadLetters.ts"
import { catchUp } from "../replay.ts"
import { enqueueTicket } from "./enqueue.ts"

/** Ids that are not dead letters (unknown, pending, or processed). */
export class NotDeadLettered extends Data.TaggedError("NotDeadLettered")<{ readonly ticketIds: ReadonlyArray<string> }> {
  override get message(): string {
    return `pas dans les lettres mortes : ${this.ticketIds.join(", ")}`
  }
}

export const redrive = (
  which: { readonly all: true } | { readonly ticketIds: ReadonlyArray<string> }
): Effect.Effect<ReadonlyArray<string>, NotDeadLettered | { readonly _tag: string; readonly message: string }, EventLog | Checkpoints | TicketQueue> =>
  Effect.gen(function* () {
    const dead = new Set(deadLetterList((yield* catchUp()).views.processed.view).map((d) => d.ticketId))
    const ids = "all" in which ? [...dead] : [...new Set(which.ticketIds)]
    const unknown = ids.filter((id) => !dead.has(id))
    if (unknown.length > 0) return yield* new NotDeadLettered({ ticketIds: unknown })
    const runId = `redrive-${new Date(yield* Clock.currentTimeMillis).toISOString()}`
    for (const id of ids) yield* enqueueTicket(id, runId, "redrive")
    return ids
  })
