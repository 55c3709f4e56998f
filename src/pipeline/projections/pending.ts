import { Schema } from "effect"
import { codec, type Projection } from "./projection.ts"

/** One waiting ticket, with the seed's pending-list fields. */
export const PendingEntry = Schema.Struct({
  id: Schema.String,
  ticketNumber: Schema.NullOr(Schema.String),
  subject: Schema.NullOr(Schema.String),
  createdTime: Schema.NullOr(Schema.String),
  enqueuedAt: Schema.String
})
export type PendingEntry = typeof PendingEntry.Type

export interface PendingView {
  readonly entries: Map<string, PendingEntry>
}

/** Newest ticket first (the processing order), then by id so the order is total. */
export const pendingList = (view: PendingView): ReadonlyArray<PendingEntry> =>
  [...view.entries.values()].sort((a, b) => {
    const byTime = (b.createdTime ?? "").localeCompare(a.createdTime ?? "")
    return byTime !== 0 ? byTime : a.id.localeCompare(b.id)
  })

/**
 * Tickets enqueued and not yet finished. A failure that will be retried keeps the ticket here; a
 * dead-lettered ticket leaves (the DLQ holds it) and comes back if redriven. Dry-run runs change
 * nothing.
 */
export const pendingProjection: Projection<PendingView> = {
  name: "pending",
  initial: () => ({ entries: new Map() }),
  reads: new Set(["TicketEnqueued", "TicketCompleted", "TicketStopped", "TicketDeadLettered"]),
  apply: (view, { event }) => {
    if (event.payload.mode !== "live") return view
    switch (event.type) {
      case "TicketEnqueued":
        view.entries.set(event.ticketId, {
          id: event.ticketId,
          ticketNumber: event.payload.ticketNumber,
          subject: event.payload.subject,
          createdTime: event.payload.createdTime,
          enqueuedAt: event.occurredAt
        })
        return view
      case "TicketCompleted":
      case "TicketStopped":
      case "TicketDeadLettered":
        view.entries.delete(event.ticketId)
        return view
      default:
        return view
    }
  },
  ...codec(
    Schema.Array(PendingEntry),
    (view: PendingView) => pendingList(view),
    (entries): PendingView => ({ entries: new Map(entries.map((e) => [e.id, e])) })
  )
}
