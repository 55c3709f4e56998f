/**
 * The helper's exam-date case, CAS 1–10 (§5.2–§5.4, `analyze_exam_date_situation`): it decides
 * the actions and data (auto-assignment, auto-report, CAS 8 rescheduling, dates loaded).
 * The case comes from ONE ordered rule table; each row then loads what its case needs.
 */
import { BLOCKING_RESCHEDULE, Evalbox, PAID_STATUSES, READY_TO_PAY, VALIDATED } from "./constants.ts"
import type { CrmReader } from "./crmQuery.ts"
import { isDateInPast, parseDateFlexible, type IsoDate } from "./dates.ts"
import { extractDepartementFromCma } from "./departement.ts"
import { LOADERS, type CaseContext, type CaseLoader, type Working } from "./examDateCaseLoaders.ts"
import {
  DOCFLOW_PROPOSAL_POLICY, examSessionDetails, findExamSessionByDateAndDept, type ProposalPolicy
} from "./examDates.ts"
import { examt3pExamDate } from "./examt3pDates.ts"
import { getOr, isRecord, truthy, type CrmRecord } from "./pyValues.ts"
import type { ProposedSession } from "./sessions.ts"
import { refusalAfterCloture, timelineFieldChanges } from "./timeline.ts"

export type HelperCase = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10

export interface ExamDateAnalysisInput {
  readonly deal: CrmRecord
  readonly threads: unknown
  readonly examt3p: unknown
  readonly sessionPreference: unknown
  readonly enriched: { readonly session_record?: unknown; readonly session_date_fin?: unknown } | null
  readonly timeline: unknown
  readonly today: IsoDate
  /** docflow's by default; the original's to verify a deviation */
  readonly policy?: ProposalPolicy
}

/** The helper's result; records are kept whole (callers reduce them as they need). */
export interface ExamDateAnalysis {
  readonly case: HelperCase
  readonly rule: string
  readonly should_include_in_response: boolean
  readonly evalbox_status: unknown
  readonly current_departement: string | null
  readonly can_choose_other_department: boolean
  readonly date_examen_vtc: unknown
  /** the exam-date record the analysis used (after desync correction / auto-assignment) */
  readonly date_examen_info: unknown
  readonly date_cloture: unknown
  readonly auto_assigned: boolean
  readonly auto_assigned_exam_date: unknown
  readonly auto_assigned_exam_session_id: unknown
  readonly auto_assigned_session: ProposedSession | null
  readonly crm_updates: Readonly<Record<string, unknown>>
  readonly next_dates: ReadonlyArray<CrmRecord>
  readonly alternative_department_dates: ReadonlyArray<CrmRecord>
  readonly pieces_refusees: unknown
  readonly extra: Readonly<Record<string, unknown>>
}

/** Everything the case table looks at, computed before any case is chosen. */
export interface ExamDateFacts {
  readonly hasExamDate: boolean
  readonly evalbox: unknown
  readonly examPast: boolean
  readonly cloturePast: boolean
  readonly paidBeforeCloture: boolean
  readonly accountExists: boolean
  readonly refusedPieceDetails: unknown
}

const isEvalbox = (value: unknown, wanted: string) => value === wanted
const inSet = (value: unknown, set: ReadonlySet<string>) => typeof value === "string" && set.has(value)

/** Ordered: the first row whose `when` holds gives the case. */
export const HELPER_CASE_RULES: ReadonlyArray<{
  readonly case: HelperCase
  readonly rule: string
  readonly when: (f: ExamDateFacts) => boolean
  /** what the case loads or sets (examDateCaseLoaders.ts) */
  readonly load: CaseLoader
}> = [
  { case: 1, rule: "no exam date", when: (f) => !f.hasExamDate, load: "assign_next_date" },
  {
    case: 8,
    rule: "clôture passed before a payment, exam still ahead, dossier not validated/refused",
    when: (f) => !inSet(f.evalbox, BLOCKING_RESCHEDULE) && f.cloturePast && !f.examPast && !f.paidBeforeCloture,
    load: "reschedule_missed_deadline"
  },
  {
    case: 5,
    rule: "Refusé CMA without any refused piece on a reachable ExamT3P account (fake refusal)",
    when: (f) => isEvalbox(f.evalbox, Evalbox.RefuseCma) && !truthy(f.refusedPieceDetails) && f.accountExists,
    load: "fake_refusal"
  },
  { case: 3, rule: "Refusé CMA", when: (f) => isEvalbox(f.evalbox, Evalbox.RefuseCma), load: "refused" },
  {
    case: 7, rule: "exam date past, dossier validated", when: (f) => f.examPast && inSet(f.evalbox, VALIDATED),
    load: "validated_past"
  },
  { case: 2, rule: "exam date past, dossier not validated", when: (f) => f.examPast, load: "auto_report" },
  { case: 4, rule: "exam ahead, VALIDE CMA", when: (f) => isEvalbox(f.evalbox, Evalbox.ValideCma), load: "validated_ahead" },
  {
    case: 5, rule: "exam ahead, Dossier Synchronisé", when: (f) => isEvalbox(f.evalbox, Evalbox.DossierSynchronise),
    load: "include"
  },
  { case: 9, rule: "exam ahead, convocation received", when: (f) => isEvalbox(f.evalbox, Evalbox.ConvocCmaRecue), load: "include" },
  { case: 10, rule: "exam ahead, ready to pay", when: (f) => inSet(f.evalbox, READY_TO_PAY), load: "include" },
  { case: 6, rule: "exam ahead, other status", when: () => true, load: "nothing" }
]

export const helperCaseOf = (facts: ExamDateFacts) =>
  HELPER_CASE_RULES.find((r) => r.when(facts)) as (typeof HELPER_CASE_RULES)[number]

/** `analyze_exam_date_situation(deal, threads, crm, examt3p, preference, enriched, timeline)` */
export const analyzeExamDateSituation = (crm: CrmReader, input: ExamDateAnalysisInput): ExamDateAnalysis => {
  const { deal, today } = input
  const examt3p = isRecord(input.examt3p) && truthy(input.examt3p) ? input.examt3p : null
  const evalbox = getOr(deal, "Evalbox", "")
  const departement = extractDepartementFromCma(getOr(deal, "CMA_de_depot", ""))
  const accountExists = examt3p ? truthy(getOr(examt3p, "compte_existe", false)) : false
  const lookup = deal.Date_examen_VTC
  const w: Working = {
    should_include_in_response: false,
    date_examen_info: null,
    date_cloture: null,
    auto_assigned: false,
    auto_assigned_exam_date: null,
    auto_assigned_exam_session_id: null,
    auto_assigned_session: null,
    crm_updates: {},
    next_dates: [],
    alternative_department_dates: [],
    pieces_refusees: [],
    extra: {}
  }

  let dateExamenVtc: unknown = null
  if (truthy(lookup)) {
    if (isRecord(lookup)) {
      dateExamenVtc = lookup.id ?? null
      w.date_examen_info = lookup
      if (truthy(lookup.id)) {
        const record = examSessionDetails(crm, lookup.id)
        if (record && truthy(record)) {
          w.date_examen_info = record
          w.date_cloture = record.Date_Cloture_Inscription ?? null
        }
      }
    } else {
      dateExamenVtc = lookup
    }
  }

  // CRM ↔ ExamT3P desync: ExamT3P's date wins when the CRM calendar knows it (R4).
  if (examt3p && truthy(lookup)) {
    const examt3pDate = examt3pExamDate(examt3p)
    if (truthy(examt3pDate)) {
      const portalDate = parseDateFlexible(examt3pDate)
      const crmDateText = isRecord(w.date_examen_info) ? (w.date_examen_info.Date_Examen ?? null) : null
      const crmDate = truthy(crmDateText) ? parseDateFlexible(crmDateText) : null
      if (portalDate !== null && crmDate !== null && portalDate !== crmDate) {
        w.extra.date_examen_crm_desync = true
        if (departement) {
          const portalRecord = findExamSessionByDateAndDept(crm, examt3pDate, departement)
          if (portalRecord) {
            w.date_examen_info = portalRecord
            w.date_cloture = portalRecord.Date_Cloture_Inscription ?? null
          } else {
            w.extra.examt3p_date_not_in_calendar = true
          }
        }
      }
    }
  }

  const examDateText = isRecord(w.date_examen_info) ? (w.date_examen_info.Date_Examen ?? null) : null
  const examPast = truthy(examDateText) ? isDateInPast(examDateText, today) : false
  const cloturePast = truthy(w.date_cloture) ? isDateInPast(w.date_cloture, today) : false

  let paidBeforeCloture = false
  if (examt3p && cloturePast) {
    const payment = getOr(examt3p, "paiement_cma", {})
    const paymentText = isRecord(payment) ? payment.date : null
    if (truthy(paymentText) && truthy(w.date_cloture)) {
      const paid = parseDateFlexible(paymentText)
      const cloture = parseDateFlexible(w.date_cloture)
      if (paid !== null && cloture !== null) paidBeforeCloture = paid <= cloture
    }
  }
  // Paid statuses without ExamT3P access: presume the payment was in time (never move a paid candidate).
  if (inSet(evalbox, PAID_STATUSES) && cloturePast && !paidBeforeCloture && !accountExists) paidBeforeCloture = true
  // …unless the CMA refused the dossier after the clôture: the date is stale.
  if (paidBeforeCloture && cloturePast && truthy(input.timeline) && truthy(w.date_cloture)) {
    if (refusalAfterCloture(timelineFieldChanges(input.timeline), w.date_cloture)) paidBeforeCloture = false
  }

  const facts: ExamDateFacts = {
    hasExamDate: truthy(lookup),
    evalbox,
    examPast,
    cloturePast,
    paidBeforeCloture,
    accountExists,
    refusedPieceDetails: examt3p ? getOr(examt3p, "pieces_refusees_details", []) : []
  }
  const chosen = helperCaseOf(facts)
  const context: CaseContext = {
    crm, policy: input.policy ?? DOCFLOW_PROPOSAL_POLICY, input, departement, canChooseOtherDepartment: !accountExists,
    examDateText, facts, w
  }
  LOADERS[chosen.load](context)

  return {
    case: chosen.case,
    rule: chosen.rule,
    should_include_in_response: w.should_include_in_response,
    evalbox_status: evalbox,
    current_departement: departement,
    can_choose_other_department: !accountExists,
    date_examen_vtc: dateExamenVtc,
    date_examen_info: w.date_examen_info,
    date_cloture: w.date_cloture,
    auto_assigned: w.auto_assigned,
    auto_assigned_exam_date: w.auto_assigned_exam_date,
    auto_assigned_exam_session_id: w.auto_assigned_exam_session_id,
    auto_assigned_session: w.auto_assigned_session,
    crm_updates: w.crm_updates,
    next_dates: w.next_dates,
    alternative_department_dates: w.alternative_department_dates,
    pieces_refusees: w.pieces_refusees,
    extra: w.extra
  }
}
