/**
 * Whether the decision can read the deal's CRM timeline, so that gather reads it only then. Two
 * rules read it, each behind a condition gather can check beforehand:
 * - the conversation memory (§8.6 V2) looks for a person's change since the deal's last META
 *   note: without a META note among the notes read, it never looks;
 * - the exam-date helper (§5.2) looks for a CMA refusal after a past clôture only when the payment
 *   counts as made before that clôture, which takes a payment date from ExamT3P, or a paid Evalbox
 *   with an exam date and no ExamT3P account.
 * Without either, no content of the timeline changes the decision.
 */
import type { CrmDealNote, StoredDeal } from "../../schemas/crm.ts"
import type { Examt3pStatus } from "../../schemas/examt3p.ts"
import { PAID_STATUSES } from "../../services/rules/constants.ts"
import { lastMetaOf } from "../../services/rules/states/memory.ts"

export interface TimelineNeedInput {
  /** The deals the decision may work on (notesToRead.ts) and the notes read for them. */
  readonly dealIds: ReadonlyArray<string>
  readonly notes: ReadonlyArray<CrmDealNote>
  readonly deals: ReadonlyArray<StoredDeal>
  readonly examt3p: Examt3pStatus | null
}

const hasText = (value: unknown): boolean => value !== null && value !== undefined && String(value).trim() !== ""

const paidWithExamDate = (deal: StoredDeal): boolean =>
  PAID_STATUSES.has(String(deal.Evalbox ?? "")) && hasText(typeof deal.Date_examen_VTC === "object" ? deal.Date_examen_VTC?.id : deal.Date_examen_VTC)

export const timelineMatters = (input: TimelineNeedInput): boolean => {
  if (input.dealIds.some((id) => lastMetaOf(input.notes, id) !== null)) return true
  // The exam-date helper sees ExamT3P only when it answered `Ok` (analysis.ts); then the account
  // counts as existing unless the portal says otherwise, and the ExamT3P sync may change the deal.
  if (input.examt3p?._tag === "Ok") {
    const data = input.examt3p.data
    return hasText(data.paiement_cma?.date) || data.compte_existe === false
  }
  return input.deals.some((deal) => input.dealIds.includes(deal.id) && paidWithExamDate(deal))
}
