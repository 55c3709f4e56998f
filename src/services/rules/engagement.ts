/** Rule B1 (`can_modify_exam_date`, §10.4) and the CMA engagement level (§5.6). */
import { BLOCKING_MODIFICATION, Evalbox, PRE_PAYMENT_WITH_ACCOUNT, VALIDATED } from "./constants.ts"
import { isDateInPast, type IsoDate } from "./dates.ts"
import { isRecord, pyStr, truthy } from "./pyValues.ts"

export interface ModificationVerdict {
  readonly canModify: boolean
  readonly reason: "validated_and_cloture_passed" | "cloture_not_passed" | "status_allows"
}

/** B1: never move the exam date of a validated dossier once its clôture is past. */
export const canModifyExamDate = (evalbox: unknown, dateCloture: unknown, today: IsoDate): ModificationVerdict => {
  if (typeof evalbox === "string" && BLOCKING_MODIFICATION.has(evalbox)) {
    return isDateInPast(dateCloture, today)
      ? { canModify: false, reason: "validated_and_cloture_passed" }
      : { canModify: true, reason: "cloture_not_passed" }
  }
  return { canModify: true, reason: "status_allows" }
}

export interface Engagement {
  readonly level: 0 | 1 | 2 | 3 | 4
  readonly can_reposition: boolean
  readonly needs_cma_message: boolean
}

interface EngagementInput {
  readonly evalbox: string
  readonly clotureIsPast: boolean
  readonly accountExists: boolean
}

/** Ordered rule table: the first matching row gives the level. */
const ENGAGEMENT_RULES: ReadonlyArray<{ readonly when: (i: EngagementInput) => boolean; readonly then: Engagement }> = [
  { when: (i) => VALIDATED.has(i.evalbox), then: { level: 4, can_reposition: false, needs_cma_message: false } },
  {
    when: (i) => i.evalbox === Evalbox.DossierSynchronise && i.clotureIsPast,
    then: { level: 3, can_reposition: false, needs_cma_message: false }
  },
  { when: (i) => i.evalbox === Evalbox.DossierSynchronise, then: { level: 2, can_reposition: true, needs_cma_message: true } },
  {
    when: (i) => i.accountExists && PRE_PAYMENT_WITH_ACCOUNT.has(i.evalbox),
    then: { level: 1, can_reposition: true, needs_cma_message: true }
  },
  { when: () => true, then: { level: 0, can_reposition: true, needs_cma_message: false } }
]

/** `classify_engagement_level(evalbox, clôture, examt3p)` */
export const classifyEngagementLevel = (evalbox: unknown, dateCloture: unknown, examt3p: unknown, today: IsoDate): Engagement => {
  const data = isRecord(examt3p) ? examt3p : {}
  const input: EngagementInput = {
    evalbox: truthy(evalbox) ? pyStr(evalbox).trim() : "",
    clotureIsPast: truthy(dateCloture) && isDateInPast(dateCloture, today),
    accountExists: truthy(data.compte_existe)
  }
  return (ENGAGEMENT_RULES.find((r) => r.when(input)) as (typeof ENGAGEMENT_RULES)[number]).then
}
