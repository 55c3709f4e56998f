/**
 * The dead-letter view: tickets set aside after failing on every attempt, with their last error.
 * It is read from the processed projection (its failures marked `dead_lettered`, dropped again
 * when the ticket is redriven), so it needs no checkpoint of its own.
 */
import type { ProcessedView } from "./processed.ts"

export interface DeadLetter {
  readonly ticketId: string
  readonly attempts: number
  readonly reason: string
  readonly message: string
  readonly stage: string
  /** When the ticket was dead-lettered (ISO). */
  readonly at: string
}

/** Oldest first. */
export const deadLetterList = (view: ProcessedView): ReadonlyArray<DeadLetter> =>
  [...view.failures.values()]
    .filter((f) => f.dead_lettered)
    .map((f) => ({ ticketId: f.id, attempts: f.attempts, reason: f.reason, message: f.message, stage: f.stage, at: f.failed_at }))
    .sort((a, b) => a.at.localeCompare(b.at) || a.ticketId.localeCompare(b.ticketId))
