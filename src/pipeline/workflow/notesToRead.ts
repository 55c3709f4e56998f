/**
 * Which deals the decision will look at, known before reading notes, timeline and ExamT3P, so that
 * gather reads those and no others. The linker and the clarification rules are pure, so they are
 * run here on the inputs triage will see (triageCaseOf):
 * - the working deal is the one `decide` analyses (§1.3 step 1): the deal a pending clarification's
 *   answer switches to (§3.6), else the linker's selection (§3.2) — never simply the newest won deal
 *   of the case file, which may belong to a namesake found by the last-name search;
 * - the notes that matter are those of the working deal (its META notes, §8.6) and of the deals the
 *   duplicate path may move to: the deal to work on and the duplicate deal whose
 *   `[DUPLICATE_RESOLVED:VERIFIED]` note settles a homonym (§3.5), and the deal a pending
 *   clarification names (§3.6).
 */
import type { CaseFile } from "../../schemas/caseFile.ts"
import { pendingClarification, resolveDuplicateClarification, resolveIdentityClarification } from "../../services/rules/linking/index.ts"
import { extractCustomerMessage, linkCase, triageCaseOf, type TriageCase } from "../../services/triage/Triage.ts"

interface PendingDeals {
  /** The deal the candidate's answer switches to, when it does. */
  readonly answered: string | undefined
  /** Every deal the pending clarification may switch to. */
  readonly named: string | undefined
}

const pendingDeals = (input: TriageCase, message: string): PendingDeals => {
  const pending = pendingClarification(input.comments ?? [])
  if (pending === undefined) return { answered: undefined, named: undefined }
  const resolution = pending.kind === "duplicate"
    ? resolveDuplicateClarification(pending, message)
    : resolveIdentityClarification(message, input.contacts, input.deals)
  const answered = resolution.action === "GO" ? undefined : resolution.dealId
  return { answered, named: pending.kind === "duplicate" ? pending.dealId : answered }
}

export interface DealsInPlay {
  /** The deal `decide` will analyse; undefined when it will have none. */
  readonly working: string | undefined
  /** The deals whose notes the decision may read, in the case file's order. */
  readonly withNotes: ReadonlyArray<string>
}

export const dealsInPlay = (caseFile: CaseFile): DealsInPlay => {
  const input = triageCaseOf(caseFile)
  const message = extractCustomerMessage(input.threads).text
  const linking = linkCase(input, message)
  const pending = pendingDeals(input, message)
  const known = new Set(caseFile.deals.map((deal) => deal.id))
  const chosen = pending.answered ?? linking.selectedDeal?.id
  const working = chosen !== undefined && known.has(chosen) ? chosen : undefined
  const wanted = new Set([
    working,
    linking.selectedDeal?.id,
    linking.duplicates.dealToWorkOn?.id,
    linking.duplicates.duplicateContactInfo?.duplicateDealId,
    pending.named
  ])
  return { working, withNotes: caseFile.deals.map((deal) => deal.id).filter((id) => wanted.has(id)) }
}
