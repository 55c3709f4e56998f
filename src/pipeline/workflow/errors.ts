import { Data } from "effect"

/** Where a ticket's run was when it failed (the `stage` of a TicketFailed event). */
export type WorkflowStep = "gather" | "reconcile" | "decide" | "act" | "record"

/** A ticket's run could not go on. `reason` is what kind of failure; the message never holds a secret. */
export class WorkflowError extends Data.TaggedError("WorkflowError")<{
  readonly step: WorkflowStep
  readonly reason: "ZohoUnavailable" | "InvalidCaseFile" | "InvalidDecision" | "StoreFailed" | "UnresolvedSecret"
  readonly ticketId: string
  readonly detail: string
}> {
  override get message(): string {
    return `ticket ${this.ticketId}, ${this.step}: ${this.reason}: ${this.detail}`
  }
}
