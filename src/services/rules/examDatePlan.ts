/**
 * Whether the analysis may change the deal's `Date_examen_VTC`, after every guard (§5.4, §10.4):
 * the helper proposes (auto-assignment, auto-report, CAS 8 rescheduling); this decides.
 */
import { BLOCKING_MODIFICATION, Thresholds } from "./constants.ts"
import { daysBetween, isDateInPast, parseDateFlexible, type IsoDate } from "./dates.ts"
import { resultatInfo } from "./evalbox.ts"
import type { ExamDateAnalysis } from "./examDateCase.ts"
import { isRecord, pyStr, truthy, type CrmRecord } from "./pyValues.ts"

export type ExamDateChangeOrigin = "auto_assignment" | "auto_report" | "deadline_reschedule"

export type BlockReason =
  | "dossier_termine"
  | "examt3p_login_failed"
  | "no_examt3p_account"
  | "rule_b1"
  | "target_cloture_too_close"

export type ExamDatePlan =
  | { readonly _tag: "NoChange" }
  | { readonly _tag: "Write"; readonly origin: ExamDateChangeOrigin; readonly recordId: string }
  | { readonly _tag: "Blocked"; readonly origin: ExamDateChangeOrigin; readonly reason: BlockReason }

export interface ExamDatePlanInput {
  readonly analysis: ExamDateAnalysis
  readonly deal: CrmRecord
  readonly examt3p: unknown
  /** clôture of the deal's current exam record (enriched lookup) */
  readonly currentCloture: unknown
  readonly today: IsoDate
}

/** The change the helper proposes, if any. */
export const proposedChange = (a: ExamDateAnalysis): { origin: ExamDateChangeOrigin; recordId: unknown } | null => {
  if (a.extra.deadline_passed_reschedule === true && truthy(a.extra.new_exam_session_id)) {
    return { origin: "deadline_reschedule", recordId: a.extra.new_exam_session_id }
  }
  if (a.extra.auto_report === true && truthy(a.extra.auto_report_session_id)) {
    return { origin: "auto_report", recordId: a.extra.auto_report_session_id }
  }
  if (a.auto_assigned && truthy(a.crm_updates.Date_examen_VTC)) {
    return { origin: "auto_assignment", recordId: a.crm_updates.Date_examen_VTC }
  }
  return null
}

interface GuardFacts {
  readonly origin: ExamDateChangeOrigin
  readonly dossierTermine: boolean
  readonly loginFailed: boolean
  readonly accountExists: boolean
  readonly validated: boolean
  readonly cloturePast: boolean
  readonly desync: boolean
  readonly targetClotureDays: number | null
}

/** Ordered guards: the first that holds blocks the change. */
const GUARDS: ReadonlyArray<{ readonly reason: BlockReason; readonly when: (f: GuardFacts) => boolean }> = [
  { reason: "dossier_termine", when: (f) => f.dossierTermine },
  { reason: "examt3p_login_failed", when: (f) => f.loginFailed },
  { reason: "no_examt3p_account", when: (f) => f.origin !== "deadline_reschedule" && !f.accountExists },
  // B1: a validated dossier keeps its date once the clôture is past (or when CRM and ExamT3P disagree)
  { reason: "rule_b1", when: (f) => f.validated && (f.cloturePast || f.desync) },
  {
    reason: "target_cloture_too_close",
    when: (f) => f.targetClotureDays === null || f.targetClotureDays < Thresholds.minDaysBeforeClotureOwnDepartment
  }
]

export const planExamDateChange = (input: ExamDatePlanInput): ExamDatePlan => {
  const { analysis, deal, today } = input
  const change = proposedChange(analysis)
  if (change === null) return { _tag: "NoChange" }
  const examt3p = isRecord(input.examt3p) ? input.examt3p : {}
  const target = [...analysis.next_dates, ...(isRecord(analysis.extra.new_exam_session) ? [analysis.extra.new_exam_session] : [])]
    .find((r) => pyStr(r.id) === pyStr(change.recordId))
  const targetCloture = target && truthy(target.Date_Cloture_Inscription) ? parseDateFlexible(target.Date_Cloture_Inscription) : null
  const evalbox = deal.Evalbox
  const facts: GuardFacts = {
    origin: change.origin,
    dossierTermine: resultatInfo(deal.Resultat).dossierTermine,
    loginFailed: examt3p.credentials_login_failed === true,
    accountExists: truthy(examt3p.compte_existe),
    validated: typeof evalbox === "string" && BLOCKING_MODIFICATION.has(evalbox),
    cloturePast: isDateInPast(input.currentCloture, today) || isDateInPast(analysis.date_cloture, today),
    desync: analysis.extra.date_examen_crm_desync === true,
    targetClotureDays: targetCloture === null ? null : daysBetween(today, targetCloture)
  }
  const guard = GUARDS.find((g) => g.when(facts))
  return guard
    ? { _tag: "Blocked", origin: change.origin, reason: guard.reason }
    : { _tag: "Write", origin: change.origin, recordId: pyStr(change.recordId) }
}
