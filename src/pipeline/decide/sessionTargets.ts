/**
 * Which exam dates get training sessions (§6.4, analysis stage, first match wins), and whether the
 * current course may be replaced (§6.5 `allow_change`). Pure: the caller passes the département's
 * open dates, the helper case, the V3 date choice, the repositioning target and the confirmed date.
 */
import { Thresholds } from "../../services/rules/constants.ts"
import { parseDateFlexible, type IsoDate } from "../../services/rules/dates.ts"
import { pyStr, truthy, type CrmRecord } from "../../services/rules/pyValues.ts"

export type SessionTargetReason =
  | "cas2_next_dates" | "v3_date_choice" | "confirmation_session" | "repositioning_target" | "confirmed_date"
  | "available_dates" | "departement_dates" | "proposed_dates" | "no_session" | "assignment_error"
  | "missed_training" | "session_change" | "refresher"

export interface SessionTargetInput {
  readonly today: IsoDate
  /** primary first, then the secondary intents */
  readonly intents: ReadonlyArray<string>
  readonly helperCase: number | null
  /** open exam dates of the candidate's département, soonest first */
  readonly departementDates: ReadonlyArray<CrmRecord>
  /** the candidate's current exam record (after the analysis writes), null when none */
  readonly assigned: CrmRecord | null
  /** CAS 8: the date the candidate is moved to */
  readonly cas8NewDate: CrmRecord | null
  /** V3 conversation analysis: the date the candidate chose (`YYYY-MM-DD`) */
  readonly v3DateChoice: IsoDate | null
  /** §5.6 implicit repositioning target (REPORT_DATE) */
  readonly repositioningTarget: CrmRecord | null
  /** §5.7 candidate-confirmed date found among the département's dates */
  readonly confirmedRecord: CrmRecord | null
  readonly confirmedUnavailable: boolean
  /** the dates the reply proposes (analysis `next_dates`) */
  readonly proposedDates: ReadonlyArray<CrmRecord>
  readonly hasSession: boolean
  readonly assignmentError: boolean
  readonly missedTraining: boolean
  readonly sessionFinished: boolean
  /** engagement allows moving the exam (§5.6) and rule B1 does not forbid it */
  readonly canReposition: boolean
}

export interface SessionTargets {
  readonly reason: SessionTargetReason
  readonly exams: ReadonlyArray<CrmRecord>
  /** §6.5: the current course may be replaced (explicit change/confirmation, repositioning, V3 date) */
  readonly allowChange: boolean
  /** §6.5: an explicit change request shows both types */
  readonly explicitChange: boolean
  /** the current course cannot be kept (assignment error, missed training): no "still closest" rule */
  readonly currentUnusable: boolean
}

/** REPORT_DATE / CONFIRMATION_DATE_EXAMEN without a usable date: how many département dates get sessions. */
const DEPARTEMENT_DATES_LIMIT = 10
const CAS2_DATES = 2

const examIso = (record: CrmRecord): IsoDate | null => (truthy(record.Date_Examen) ? parseDateFlexible(record.Date_Examen) : null)
const sameRecord = (a: CrmRecord, b: CrmRecord): boolean => pyStr(a.id) === pyStr(b.id)

export const sessionTargetsOf = (input: SessionTargetInput): SessionTargets | null => {
  const { intents, today } = input
  const has = (intent: string) => intents.includes(intent)
  const explicitChange = has("DEMANDE_CHANGEMENT_SESSION")
  const ahead = (r: CrmRecord | null): r is CrmRecord => r !== null && (examIso(r) ?? "") > today
  const assigned = ahead(input.assigned) ? input.assigned : null
  const target = (reason: SessionTargetReason, exams: ReadonlyArray<CrmRecord>, allowChange = explicitChange || has("CONFIRMATION_SESSION")) =>
    exams.length === 0 ? null
      : { reason, exams, allowChange, explicitChange, currentUnusable: reason === "assignment_error" || reason === "missed_training" }
  const v3Record = input.v3DateChoice === null ? null
    : input.departementDates.find((r) => examIso(r) === input.v3DateChoice) ?? null

  const rules: ReadonlyArray<() => SessionTargets | null> = [
    () => input.helperCase === 2 ? target("cas2_next_dates", input.departementDates.filter(ahead).slice(0, CAS2_DATES), true) : null,
    () => v3Record !== null && ahead(v3Record) ? target("v3_date_choice", [v3Record], true) : null,
    () => input.assigned !== null && has("CONFIRMATION_SESSION")
      ? target("confirmation_session", input.helperCase === 8 && ahead(input.cas8NewDate) ? [input.cas8NewDate] : assigned === null ? [] : [assigned])
      : null,
    () => {
      // CAS 8 answers a report with its new date (DEV-D16): rule 5 gives that date its courses
      if ((!has("REPORT_DATE") && !has("CONFIRMATION_DATE_EXAMEN")) || input.helperCase === 8) return null
      if (ahead(input.repositioningTarget)) return target("repositioning_target", [input.repositioningTarget], true)
      if (ahead(input.confirmedRecord)) return target("confirmed_date", [input.confirmedRecord], true)
      const open = input.departementDates.filter(ahead)
      if (input.confirmedUnavailable) return target("available_dates", open.slice(0, Thresholds.maxDatesDisplayed))
      const current = input.assigned
      return target("departement_dates", open.filter((r) => current === null || !sameRecord(r, current)).slice(0, DEPARTEMENT_DATES_LIMIT))
    },
    () => {
      if (input.helperCase === 8) return ahead(input.cas8NewDate) ? target("proposed_dates", [input.cas8NewDate], true) : null
      return target("proposed_dates", input.proposedDates.filter(ahead))
    },
    () => assigned !== null && !input.hasSession ? target("no_session", [assigned]) : null,
    () => assigned !== null && input.assignmentError ? target("assignment_error", [assigned], true) : null,
    () => assigned !== null && input.missedTraining ? target("missed_training", [assigned], true) : null,
    () => {
      if (assigned === null || !explicitChange) return null
      const next = input.canReposition ? input.departementDates.find((r) => (examIso(r) ?? "") > (examIso(assigned) ?? "")) ?? null : null
      return target("session_change", next === null ? [assigned] : [assigned, next])
    },
    () => assigned !== null && input.sessionFinished ? target("refresher", [assigned]) : null
  ]
  for (const rule of rules) {
    const found = rule()
    if (found !== null) return found
  }
  return null
}
