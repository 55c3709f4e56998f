/** Which deal the ticket is about (§3.2 step 7, priorities P0–P5). */
import type { DuplicateFindings } from "./duplicates.ts"
import { examDateOf, isPendingProspect, isUber20, isWon, isWonUber20, mostRecentFirst, type LinkingDeal } from "./records.ts"

export type SelectionPriority = "P0" | "P1" | "P1.5" | "P1.6" | "P2" | "P3" | "P4" | "P5"

export interface DealSelection {
  readonly deal: LinkingDeal
  readonly priority: SelectionPriority
}

const addDays = (iso: string, days: number): string => {
  const date = new Date(`${iso}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/**
 * P1.5 (paid training bought after the Uber offer) and P1.6 (recoverable duplicate: the deal
 * chosen by §3.5) take precedence over P0: otherwise P0, which always finds a won deal when they
 * apply, would make the duplicate analysis meaningless.
 */
export const selectDeal = (
  deals: ReadonlyArray<LinkingDeal>,
  duplicates: DuplicateFindings,
  today: string,
  examDates?: ReadonlyMap<string, string>
): DealSelection | undefined => {
  if (duplicates.paidFormationDeal !== undefined) return { deal: duplicates.paidFormationDeal, priority: "P1.5" }
  if (duplicates.dealToWorkOn !== undefined) return { deal: duplicates.dealToWorkOn, priority: "P1.6" }
  const recent = mostRecentFirst(deals)
  const won = recent.find(isWon)
  if (won !== undefined) return { deal: won, priority: "P0" }
  const horizon = addDays(today, 60)
  const soon = recent.find((deal) => {
    const exam = examDateOf(deal, examDates)
    return isWon(deal) && exam !== undefined && exam >= today && exam <= horizon
  })
  if (soon !== undefined) return { deal: soon, priority: "P1" }
  const wonUber = recent.find(isWonUber20)
  if (wonUber !== undefined) return { deal: wonUber, priority: "P2" }
  const otherWon = recent.find(isWon)
  if (otherWon !== undefined) return { deal: otherWon, priority: "P3" }
  const uberProspect = deals.find((deal) => isUber20(deal) && isPendingProspect(deal))
  if (uberProspect !== undefined) return { deal: uberProspect, priority: "P4" }
  const prospect = deals.find(isPendingProspect)
  if (prospect !== undefined) return { deal: prospect, priority: "P5" }
  return undefined
}
