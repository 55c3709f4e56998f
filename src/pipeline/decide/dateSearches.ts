/**
 * Exam dates the reply offers beyond the helper CAS's own list (§1.3 step 14, §1.4 steps 7–10,
 * §5.7): more dates for report / re-registration / cancellation, the requested month or place,
 * earlier dates (own and other départements), other départements when the own one has nothing,
 * and the month mentioned in a clarification. Everything is read from the catalogue already in
 * the case file (all départements, gathered once per batch). Pure.
 */
import { Thresholds } from "../../services/rules/constants.ts"
import type { CrmReader } from "../../services/rules/crmQuery.ts"
import { crossDepartmentAlternatives, monthDatesOtherDepartments } from "../../services/rules/crossDepartment.ts"
import { daysBetween, parseDateFlexible, type IsoDate } from "../../services/rules/dates.ts"
import { nextExamDates, nextExamDatesAnyDepartment, sameDepartement } from "../../services/rules/examDates.ts"
import { DEPT_TO_REGION } from "../../services/rules/geography.ts"
import { pyStr, type CrmRecord } from "../../services/rules/pyValues.ts"

export const MONTH_NAMES = [
  "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"
] as const

/** Intents about the exam date: a requested month or place narrows their proposals. */
export const DATE_RELATED_INTENTS: ReadonlySet<string> = new Set([
  "DEMANDE_DATE_EXAMEN", "DEMANDE_AUTRES_DATES", "DEMANDE_DATES_FUTURES", "REPORT_DATE", "DEMANDE_DATE_PLUS_TOT",
  "DEMANDE_AUTRES_DEPARTEMENTS", "DATE_LOINTAINE_EXAMT3P", "DEMANDE_REINSCRIPTION", "DEMANDE_ANNULATION"
])
/** §1.4 step 7: these intents get the département's next dates even when the CAS loaded none. */
const MORE_DATES_INTENTS: ReadonlySet<string> = new Set(["REPORT_DATE", "DEMANDE_REINSCRIPTION", "DEMANDE_ANNULATION"])
/** §1.4 step 9: five dates for these, one otherwise. */
const MULTI_DATE_INTENTS: ReadonlySet<string> = new Set(["REPORT_DATE", "DEMANDE_ANNULATION"])

const ALL_DEPARTMENTS_POOL = 200
const REPORT_ALL_DEPARTMENTS_POOL = 30
const OWN_DEPARTMENT_POOL = 20

export interface DateSearchContext {
  readonly requested_month: number | null
  readonly requested_location: string | null
  readonly requested_dept_code: string | null
  readonly mentioned_month: number | null
  readonly wants_earlier_date: boolean
  readonly communication_mode: string
  readonly mentions_discrepancy: boolean
}

export interface DateSearchInput {
  readonly crm: CrmReader
  readonly today: IsoDate
  /** primary first, after the REPORT_DATE correction */
  readonly intents: ReadonlyArray<string>
  readonly context: DateSearchContext
  readonly departement: string | null
  /** the exam date the reply shows ("" when none) */
  readonly currentExam: IsoDate
  readonly accountExists: boolean
  /** the dates the helper CAS loaded */
  readonly baseDates: ReadonlyArray<CrmRecord>
}

export interface DateOffer {
  /** candidate proposals, in display order, before the final filter (past / current date / limit) */
  readonly records: ReadonlyArray<CrmRecord>
  readonly limit: number
  readonly noDateForRequestedMonth: boolean
  readonly requestedMonthName: string
  readonly requestedLocation: string
  readonly earlierRequested: boolean
  readonly hasEarlierOptions: boolean
  readonly noEarlierDatesAvailable: boolean
  readonly requiresDepartmentChangeProcess: boolean
  readonly noDatesInOwnDept: boolean
  readonly hasMonthInOtherDepts: boolean
}

export const examIso = (r: CrmRecord): IsoDate => parseDateFlexible(r.Date_Examen) ?? ""
const clotureIso = (r: CrmRecord): IsoDate => parseDateFlexible(r.Date_Cloture_Inscription) ?? ""

/** Region of a département however it is written (6, "06", "75"). */
export const regionOf = (departement: unknown): string | null => {
  const text = pyStr(departement ?? "").trim()
  return DEPT_TO_REGION[/^\d$/.test(text) ? `0${text}` : text] ?? null
}

/** The month asked for, in its next occurrence: this year, or next year when already past. */
export const requestedYearMonth = (month: number, today: IsoDate): string => {
  const year = Number(today.slice(0, 4)) + (month < Number(today.slice(5, 7)) ? 1 : 0)
  return `${year}-${String(month).padStart(2, "0")}`
}

/**
 * §5.7 REPORT_DATE sanity: a month before the current exam's month is a request for an earlier
 * date. The original compared month numbers only, so December → January read as "earlier";
 * here the month is placed in its next occurrence first (DEV-D15).
 */
export const correctedPrimaryIntent = (
  primary: string | null, requestedMonth: number | null, currentExam: IsoDate, today: IsoDate
): string | null => {
  if (primary !== "REPORT_DATE" || requestedMonth === null || currentExam === "") return primary
  return requestedYearMonth(requestedMonth, today) < currentExam.slice(0, 7) ? "DEMANDE_DATE_PLUS_TOT" : primary
}

const uniqueRecords = (records: ReadonlyArray<CrmRecord>): ReadonlyArray<CrmRecord> => {
  const seen = new Set<string>()
  return records.filter((r) => {
    const key = pyStr(r.id ?? `${examIso(r)}:${pyStr(r.Departement ?? "")}`)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

interface MonthSearch {
  readonly records: ReadonlyArray<CrmRecord>
  readonly noExactMatch: boolean
}

/** Requested month and/or place (§5.7): exact matches, else same month nearby, else the place's other months. */
const monthOrPlaceSearch = (input: DateSearchInput, month: number | null, wantedDept: string | null): MonthSearch => {
  const all = nextExamDatesAnyDepartment(input.crm, input.today, ALL_DEPARTMENTS_POOL)
  const inDept = (r: CrmRecord) => wantedDept === null || sameDepartement(r.Departement ?? "", wantedDept)
  if (month === null) return { records: all.filter(inDept), noExactMatch: false }
  const wanted = requestedYearMonth(month, input.today)
  const exact = all.filter((r) => examIso(r).slice(0, 7) === wanted && inDept(r))
  const laterInDept = all.filter((r) => examIso(r).slice(0, 7) > wanted && inDept(r))
  if (exact.length > 0) return { records: [...exact, ...laterInDept], noExactMatch: false }
  const region = wantedDept === null ? null : regionOf(wantedDept)
  const sameMonthNearby = all.filter((r) =>
    examIso(r).slice(0, 7) === wanted && !inDept(r) && region !== null && regionOf(r.Departement) === region)
  const dept = wantedDept === null ? [] : all.filter((r) => inDept(r) && examIso(r).slice(0, 7) !== wanted)
  return { records: [...sameMonthNearby, ...dept], noExactMatch: true }
}

/** Earlier dates (§5.7): the own département's, then other départements' (clôture a week away). */
const earlierSearch = (input: DateSearchInput, reference: IsoDate) => {
  const own = input.departement === null
    ? []
    : nextExamDates(input.crm, input.departement, input.today, OWN_DEPARTMENT_POOL)
        .filter((r) => sameDepartement(r.Departement ?? "", input.departement) && examIso(r) < reference)
  const cross = crossDepartmentAlternatives(input.crm, input.departement ?? "", reference, input.accountExists, input.today)
  const elsewhere = [...cross.sameRegion, ...cross.otherRegion].map((o) => o.record)
  return { records: [...own, ...elsewhere], crossFound: elsewhere.length > 0 }
}

/** §1.4 step 10: no own-département alternative for a report → other départements, same region first. */
const reportElsewhere = (input: DateSearchInput): ReadonlyArray<CrmRecord> => {
  const region = regionOf(input.departement)
  const options = nextExamDatesAnyDepartment(input.crm, input.today, REPORT_ALL_DEPARTMENTS_POOL).filter((r) =>
    !sameDepartement(r.Departement ?? "", input.departement ?? "") &&
    clotureIso(r) !== "" && daysBetween(input.today, clotureIso(r)) >= Thresholds.minDaysBeforeClotureOtherDepartment)
  const same = options.filter((r) => region !== null && regionOf(r.Departement) === region).slice(0, Thresholds.maxDatesDisplayed)
  const other = options.filter((r) => !(region !== null && regionOf(r.Departement) === region)).slice(0, Thresholds.maxDatesDisplayed)
  return [...same, ...other]
}

export const searchDates = (input: DateSearchInput): DateOffer => {
  const { context, intents, today } = input
  const has = (set: ReadonlySet<string>) => intents.some((i) => set.has(i))
  let records: ReadonlyArray<CrmRecord> = input.baseDates
  if (records.length === 0 && has(MORE_DATES_INTENTS) && input.departement !== null) {
    records = nextExamDates(input.crm, input.departement, today, Thresholds.maxDatesDisplayed)
  }
  let limit = has(MULTI_DATE_INTENTS) ? Thresholds.maxDatesDisplayed : 1

  // requested month / place
  const wantedDept = context.requested_dept_code ?? (context.requested_location === null ? input.departement : null)
  const placeAsked = context.requested_dept_code !== null || context.requested_location !== null
  let noDateForRequestedMonth = false
  if (has(DATE_RELATED_INTENTS) && (context.requested_month !== null || placeAsked)) {
    const found = monthOrPlaceSearch(input, context.requested_month, wantedDept)
    records = found.records
    noDateForRequestedMonth = context.requested_month !== null && found.noExactMatch
    if (placeAsked || noDateForRequestedMonth) limit = Thresholds.maxDatesDisplayed
  }

  // earlier date
  const earlierRequested = intents.includes("DEMANDE_DATE_PLUS_TOT") || context.wants_earlier_date
  let hasEarlierOptions = false
  let noEarlierDatesAvailable = false
  let requiresDepartmentChangeProcess = false
  if (earlierRequested) {
    const reference = input.currentExam !== "" ? input.currentExam : (records[0] === undefined ? "" : examIso(records[0]))
    const earlier = reference === "" ? { records: [], crossFound: false } : earlierSearch(input, reference)
    hasEarlierOptions = earlier.records.length > 0
    noEarlierDatesAvailable = !hasEarlierOptions && reference !== ""
    requiresDepartmentChangeProcess = earlier.crossFound && input.accountExists
    if (hasEarlierOptions) {
      records = earlier.records
      limit = Thresholds.maxDatesDisplayed
    } else if (intents.includes("DEMANDE_DATE_PLUS_TOT")) {
      records = [] // keep the current date: later dates are not shown
    }
  }

  // report with nothing left in the own département
  let noDatesInOwnDept = false
  if (intents.includes("REPORT_DATE") && !earlierRequested && input.departement !== null) {
    // a report moves the exam later: an own-département alternative is after the current date
    const ownLeft = records.filter((r) => sameDepartement(r.Departement ?? "", input.departement) &&
      examIso(r) > today && examIso(r) > input.currentExam)
    if (ownLeft.length === 0) {
      const elsewhere = reportElsewhere(input)
      if (elsewhere.length > 0) {
        records = elsewhere
        noDatesInOwnDept = true
      }
    }
  }

  // a month mentioned while clarifying, no ExamT3P account yet: that month elsewhere
  let hasMonthInOtherDepts = false
  const clarifying = context.communication_mode === "clarification" || context.mentions_discrepancy
  if (clarifying && !input.accountExists && context.mentioned_month !== null && input.departement !== null) {
    const month = monthDatesOtherDepartments(input.crm, input.departement, context.mentioned_month, null, false, today)
    const extra = [...month.sameRegion, ...month.otherRegion].map((o) => o.record)
    hasMonthInOtherDepts = extra.length > 0
    if (hasMonthInOtherDepts) {
      records = [...records, ...extra]
      limit = Thresholds.maxDatesDisplayed
    }
  }

  return {
    records: uniqueRecords(records),
    limit,
    noDateForRequestedMonth,
    requestedMonthName: context.requested_month === null ? "" : MONTH_NAMES[context.requested_month - 1] ?? "",
    requestedLocation: context.requested_location ?? context.requested_dept_code ?? "",
    earlierRequested,
    hasEarlierOptions,
    noEarlierDatesAvailable,
    requiresDepartmentChangeProcess,
    noDatesInOwnDept,
    hasMonthInOtherDepts
  }
}

/** One offered date as the templates read it. */
export interface OfferedDate {
  readonly date_examen: IsoDate
  readonly date_cloture: IsoDate
  readonly departement: string
  readonly is_first_of_dept: boolean
}

/**
 * §1.4 step 9, final filter: never the current exam date, never a past exam or a closed
 * registration, at most `limit` (and never more than five).
 */
export const offeredDates = (records: ReadonlyArray<CrmRecord>, exclude: IsoDate, limit: number, today: IsoDate): ReadonlyArray<OfferedDate> => {
  const out: Array<OfferedDate> = []
  let lastDept = ""
  for (const r of records) {
    if (out.length >= Math.min(limit, Thresholds.maxDatesDisplayed)) break
    const date = examIso(r)
    const cloture = clotureIso(r)
    if (date === "" || cloture === "" || date === exclude || date <= today || cloture < today) continue
    if (out.some((o) => o.date_examen === date && sameDepartement(o.departement, r.Departement ?? ""))) continue
    const departement = pyStr(r.Departement ?? "")
    out.push({ date_examen: date, date_cloture: cloture, departement, is_first_of_dept: departement !== lastDept })
    lastDept = departement
  }
  return out
}
