/**
 * The exam-date and Uber flags of the state engine's context (`StateDetector._build_context`)
 * for a deal and its enriched lookups.
 */
import { Evalbox, Thresholds } from "./constants.ts"
import { daysBetween, parseDateFlexible, type IsoDate } from "./dates.ts"
import { detectorCaseOf, type DetectorCase } from "./detectorCase.ts"
import { isRecord, pyStr, truthy, type CrmRecord } from "./pyValues.ts"
import { stateEngineCanModify, stateEngineCloturePassed } from "./stateEngineDates.ts"
import { stateEngineUber, type UberCase } from "./uber.ts"

export interface StateDateContext {
  readonly date_examen: unknown
  readonly date_cloture: unknown
  readonly departement: unknown
  readonly days_until_exam: number | null
  readonly cloture_passed: boolean
  readonly date_examen_passed: boolean
  readonly date_examen_future: boolean
  readonly exam_within_7_days: boolean
  readonly exam_within_10_days: boolean
  readonly examen_pas_encore_passe: boolean
  readonly examen_imminent: boolean
  readonly is_uber_20_deal: boolean
  readonly is_uber_prospect: boolean
  readonly uber_case: UberCase
  readonly can_modify_exam_date: boolean
  readonly date_case: DetectorCase
  /** validated dossier, exam within 7 days and still no convocation */
  readonly convocation_anormale: boolean
  readonly session_assigned: boolean
  /** the assigned session ended before the deal was even created (A5) */
  readonly session_assignment_error: boolean
}

interface Enriched {
  readonly date_examen?: unknown
  readonly date_cloture?: unknown
  readonly departement?: unknown
  readonly session_date_fin?: unknown
}

/** Session end before the deal's creation day: the session cannot have been chosen for this deal. */
const sessionAssignmentError = (deal: CrmRecord, enriched: Enriched | null): boolean => {
  if (!truthy(deal.Session) || !enriched || !truthy(enriched.session_date_fin) || !truthy(deal.Created_Time)) return false
  const end = parseDateFlexible(enriched.session_date_fin)
  const created = parseDateFlexible(deal.Created_Time)
  return end !== null && created !== null && end < created
}

/** Without enriched lookups the engine reads the lookup name `<dept>_<YYYY-MM-DD>`. */
const fromLookupName = (deal: CrmRecord): { date: unknown; departement: unknown } => {
  const lookup = deal.Date_examen_VTC
  const name = isRecord(lookup) ? pyStr(lookup.name ?? "") : typeof lookup === "string" ? lookup : ""
  const date = /\d{4}-\d{2}-\d{2}/.exec(name)?.[0] ?? null
  const departement = /^(\d+)_/.exec(name)?.[1] ?? null
  return { date, departement }
}

export const stateDateContext = (deal: CrmRecord, enriched: Enriched | null, today: IsoDate): StateDateContext => {
  const legacy = enriched === null ? fromLookupName(deal) : null
  const dateExamen = enriched ? (enriched.date_examen ?? null) : legacy?.date ?? null
  const dateCloture = enriched ? (enriched.date_cloture ?? null) : null
  const departement = enriched ? (enriched.departement ?? null) : legacy?.departement ?? null
  const exam = truthy(dateExamen) ? parseDateFlexible(dateExamen) : null
  const days = exam !== null ? daysBetween(today, exam) : null
  const cloturePassed = stateEngineCloturePassed(dateCloture, today)
  const uber = stateEngineUber(deal, today)
  const evalbox = deal.Evalbox ?? null
  const detector = detectorCaseOf({
    hasExamDate: truthy(dateExamen),
    evalbox,
    examPast: days !== null && days < 0,
    examFuture: days !== null && days >= 0,
    cloturePast: cloturePassed
  })
  return {
    date_examen: dateExamen ?? null,
    date_cloture: dateCloture,
    departement,
    days_until_exam: days,
    cloture_passed: cloturePassed,
    date_examen_passed: days !== null && days < 0,
    date_examen_future: days !== null && days >= 0,
    exam_within_7_days: days !== null && days >= 0 && days <= 7,
    exam_within_10_days: days !== null && days >= 0 && days <= 10,
    // strictly ahead: on the exam day itself it is no longer "not yet taken"
    examen_pas_encore_passe: days !== null && days > 0,
    examen_imminent: days !== null && days >= 0 && days <= 3,
    ...uber,
    can_modify_exam_date: stateEngineCanModify(evalbox, dateCloture, today),
    date_case: detector.case,
    convocation_anormale: evalbox === Evalbox.ValideCma && days !== null && days >= 0 && days <= Thresholds.examImminentDays,
    session_assigned: truthy(deal.Session),
    session_assignment_error: sessionAssignmentError(deal, enriched)
  }
}
