/** Desk whose `getTicket` and `listThreads` fail for chosen tickets (or all of them) with a given Zoho error. */
import { Effect } from "effect"
import { DeskClient, ZohoError, type ZohoErrorReason } from "../../../src/services/zoho/index.ts"

export interface DeskFaults {
  /** Tickets whose getTicket fails; `"*"` for every ticket. */
  readonly failing: Set<string>
  reason: ZohoErrorReason
  status: number
  detail: string
}

export const deskFaults = (reason: ZohoErrorReason, status: number, detail: string, failing: Iterable<string> = ["*"]): DeskFaults => ({
  failing: new Set(failing),
  reason,
  status,
  detail
})

const hit = (faults: DeskFaults, ticketId: string): boolean => faults.failing.has("*") || faults.failing.has(ticketId)

const failure = (faults: DeskFaults, operation: string): ZohoError =>
  new ZohoError({ api: "desk", operation, reason: faults.reason, status: faults.status, detail: faults.detail })

/** Runs `effect` with the current DeskClient wrapped by the faults. */
export const withDeskFaults = <A, E, R>(faults: DeskFaults, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R | DeskClient> =>
  Effect.flatMap(DeskClient, (desk) =>
    Effect.provideService(effect, DeskClient, {
      ...desk,
      getTicket: (ticketId) => (hit(faults, ticketId) ? Effect.fail(failure(faults, "desk.getTicket")) : desk.getTicket(ticketId)),
      listThreads: (ticketId) => (hit(faults, ticketId) ? Effect.fail(failure(faults, "desk.listThreads")) : desk.listThreads(ticketId))
    })
  )
