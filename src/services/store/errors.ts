import { Data } from "effect"

/** The store could not do what was asked: the database is unreachable, a write conflicted, … */
export class StoreError extends Data.TaggedError("StoreError")<{
  readonly reason: "Unavailable" | "Conflict" | "InvalidEvent"
  readonly message: string
  readonly cause?: unknown
}> {}

/** The lease is no longer ours (it expired and another consumer took the ticket, or it was acked). */
export class LeaseLost extends Data.TaggedError("LeaseLost")<{
  readonly ticketId: string
  readonly position: number
}> {
  override get message(): string {
    return `lease on ticket ${this.ticketId} (queue position ${this.position}) is no longer held`
  }
}
