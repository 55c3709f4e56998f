/**
 * Cross-département exam dates the workflow offers on request (§5.7, R8): earlier dates
 * elsewhere, or a requested month elsewhere. Only dates whose clôture is at least a week away are
 * offered, split between the candidate's region and the others.
 */
import { Thresholds } from "./constants.ts"
import { daysBetween, strptime, type IsoDate } from "./dates.ts"
import { earlierDatesOtherDepartments, nextExamDatesAnyDepartment } from "./examDates.ts"
import { DEPT_TO_REGION } from "./geography.ts"
import { getOr, pyStr, truthy, type CrmRecord } from "./pyValues.ts"
import type { CrmReader } from "./crmQuery.ts"

export interface CrossDepartmentOption {
  readonly record: CrmRecord
  readonly region: string
  readonly daysUntilCloture: number
  /** exam this many days before the reference date (earlier-date search only) */
  readonly daysEarlier: number
}

export interface CrossDepartmentOptions {
  readonly sameRegion: ReadonlyArray<CrossDepartmentOption>
  readonly otherRegion: ReadonlyArray<CrossDepartmentOption>
  readonly currentRegion: string
  /** changing département means a new ExamT3P dossier when an account exists */
  readonly requiresDepartmentChangeProcess: boolean
  readonly earliest: CrossDepartmentOption | null
  readonly closestClotureDays: number | null
}

const OTHER_REGION = "Autre"
const regionOf = (departement: unknown): string => DEPT_TO_REGION[pyStr(departement)] ?? OTHER_REGION

/** Days to a `YYYY-MM-DD…` clôture; a missing or unreadable one counts as far away (999). */
const daysUntil = (value: unknown, today: IsoDate): number => {
  if (!truthy(value)) return 999
  const parsed = strptime(pyStr(value).slice(0, 10), "%Y-%m-%d")
  return parsed ? daysBetween(today, parsed.date) : 999
}

const examIso = (record: CrmRecord): IsoDate | null => {
  const raw = getOr(record, "Date_Examen", "")
  return truthy(raw) ? (strptime(pyStr(raw).slice(0, 10), "%Y-%m-%d")?.date ?? null) : null
}

const split = (
  options: ReadonlyArray<CrossDepartmentOption>, currentDepartement: string, accountExists: boolean, limit: number
): CrossDepartmentOptions => {
  const currentRegion = regionOf(currentDepartement)
  const sameRegion = options.filter((o) => o.region === currentRegion && currentRegion !== OTHER_REGION).slice(0, limit)
  const otherRegion = options.filter((o) => !(o.region === currentRegion && currentRegion !== OTHER_REGION)).slice(0, limit)
  const all = [...sameRegion, ...otherRegion]
  const earliest = all.reduce<CrossDepartmentOption | null>(
    (best, o) => (best === null || pyStr(o.record.Date_Examen ?? "") < pyStr(best.record.Date_Examen ?? "") ? o : best), null)
  return {
    sameRegion, otherRegion, currentRegion, requiresDepartmentChangeProcess: accountExists, earliest,
    closestClotureDays: options.length > 0 ? Math.min(...options.map((o) => o.daysUntilCloture)) : null
  }
}

/** Earlier exam dates in other départements than the reference date (`get_cross_department_alternatives`). */
export const crossDepartmentAlternatives = (
  crm: CrmReader, currentDepartement: string, referenceDate: IsoDate, accountExists: boolean, today: IsoDate, limit = 5
): CrossDepartmentOptions => {
  const reference = strptime(referenceDate, "%Y-%m-%d")?.date ?? null
  const options = earlierDatesOtherDepartments(crm, currentDepartement, referenceDate, today, 20)
    .map((record) => {
      const exam = examIso(record)
      return {
        record,
        region: regionOf(record.Departement ?? ""),
        daysUntilCloture: daysUntil(record.Date_Cloture_Inscription, today),
        daysEarlier: reference !== null && exam !== null ? daysBetween(exam, reference) : 0
      }
    })
    .filter((o) => o.daysUntilCloture >= Thresholds.minDaysBeforeClotureOtherDepartment)
  return split(options, currentDepartement, accountExists, limit)
}

/** Exam dates of a given month in other départements (clarification mode, §5.7). */
export const monthDatesOtherDepartments = (
  crm: CrmReader, currentDepartement: string, month: number, year: number | null, accountExists: boolean, today: IsoDate,
  limit = 5
): CrossDepartmentOptions => {
  const todayMonth = Number(today.slice(5, 7))
  const wantedYear = year ?? (month < todayMonth ? Number(today.slice(0, 4)) + 1 : Number(today.slice(0, 4)))
  const options = nextExamDatesAnyDepartment(crm, today, 100)
    .filter((r) => pyStr(getOr(r, "Departement", "")) !== currentDepartement)
    .flatMap((record) => {
      const exam = examIso(record)
      if (exam === null || Number(exam.slice(5, 7)) !== month || Number(exam.slice(0, 4)) !== wantedYear) return []
      const days = daysUntil(record.Date_Cloture_Inscription, today)
      if (days < Thresholds.minDaysBeforeClotureOtherDepartment) return []
      return [{ record, region: regionOf(record.Departement ?? ""), daysUntilCloture: days, daysEarlier: 0 }]
    })
    .sort((a, b) => (pyStr(a.record.Date_Examen) < pyStr(b.record.Date_Examen) ? -1 : pyStr(a.record.Date_Examen) > pyStr(b.record.Date_Examen) ? 1 : 0))
  return split(options, currentDepartement, accountExists, limit)
}
