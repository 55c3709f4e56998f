/**
 * Exam-date proposals (§5.3, §5.7): the CRM searches the original issues, then the filtering
 * and ordering it applies in memory. Any CRM failure yields "nothing found", like the original.
 */
import { EXAM_DATES_MAX_PAGES, Modules, Thresholds } from "./constants.ts"
import { searchAllPages, searchRequest, type CrmReader } from "./crmQuery.ts"
import { daysBetween, parseDateFlexible, type IsoDate } from "./dates.ts"
import { getOr, pyStr, truthy, type CrmRecord } from "./pyValues.ts"

export const ACTIVE_CRITERIA = "((Statut:equals:Actif)or(Statut:equals:null))"
export const activeInDepartementCriteria = (departement: unknown): string =>
  `(${ACTIVE_CRITERIA}and(Departement:equals:${pyStr(departement)}))`
export const dateAndDepartementCriteria = (isoDate: IsoDate, departement: unknown): string =>
  `((Date_Examen:equals:${isoDate})and(Departement:equals:${pyStr(departement)}))`

/**
 * Python's `list.sort(key=lambda x: x.get('Date_Examen', '9999-99-99'))`: stable, by string;
 * a null or non-text date among two or more records makes Python raise (→ `undefined`).
 */
const sortByExamDate = (records: ReadonlyArray<CrmRecord>): ReadonlyArray<CrmRecord> | undefined => {
  const keyed = records.map((r) => ({ r, k: getOr(r, "Date_Examen", "9999-99-99") }))
  if (keyed.length >= 2 && keyed.some(({ k }) => typeof k !== "string")) return undefined
  return [...keyed].sort((a, b) => ((a.k as string) < (b.k as string) ? -1 : (a.k as string) > (b.k as string) ? 1 : 0))
    .map(({ r }) => r)
}

/** Clôture parses and is at least `minDays` after today. */
const clotureAtLeast = (record: CrmRecord, today: IsoDate, minDays: number): boolean => {
  const raw = record.Date_Cloture_Inscription
  if (!truthy(raw)) return false
  const cloture = parseDateFlexible(pyStr(raw))
  return cloture !== null && daysBetween(today, cloture) >= minDays
}

/**
 * The exam itself is after today. The original only looks at the clôture, so a record whose
 * registration is still open but whose exam day is today or past (or unreadable) would be
 * proposed; docflow never proposes it (deviation DEV-2).
 */
export const examIsAhead = (record: CrmRecord, today: IsoDate): boolean => {
  const exam = truthy(record.Date_Examen) ? parseDateFlexible(pyStr(record.Date_Examen)) : null
  return exam !== null && exam > today
}

/**
 * How proposals are filtered. docflow's policy requires the exam itself to be ahead (DEV-2);
 * `ORIGINAL_PROPOSAL_POLICY` reproduces the original exactly (used to verify the deviation).
 */
export interface ProposalPolicy {
  readonly examMustBeAhead: boolean
}
export const DOCFLOW_PROPOSAL_POLICY: ProposalPolicy = { examMustBeAhead: true }
export const ORIGINAL_PROPOSAL_POLICY: ProposalPolicy = { examMustBeAhead: false }

const examOk = (record: CrmRecord, today: IsoDate, policy: ProposalPolicy) => !policy.examMustBeAhead || examIsAhead(record, today)

/** A record the original would propose although its exam is not ahead (DEV-2's selector). */
export const isStaleButOpen = (record: CrmRecord, today: IsoDate): boolean =>
  clotureAtLeast(record, today, Thresholds.minDaysBeforeClotureOwnDepartment) && !examIsAhead(record, today)

const upcoming = (
  records: ReadonlyArray<CrmRecord>, today: IsoDate, limit: number, policy: ProposalPolicy
): ReadonlyArray<CrmRecord> => {
  const valid = records.filter((r) =>
    clotureAtLeast(r, today, Thresholds.minDaysBeforeClotureOwnDepartment) && examOk(r, today, policy))
  return (sortByExamDate(valid) ?? []).slice(0, Math.max(0, limit))
}

const departementKey = (v: unknown): string => {
  const text = pyStr(v).trim()
  return /^\d+$/.test(text) ? String(Number(text)) : text
}

/** One département however it is spelled: 6, "6" and "06" are the same. */
export const sameDepartement = (a: unknown, b: unknown): boolean => departementKey(a) === departementKey(b)

/** `get_next_exam_dates_any_department`: active dates of every département, clôture ≥ tomorrow. */
export const nextExamDatesAnyDepartment = (
  crm: CrmReader, today: IsoDate, limit = 2, policy: ProposalPolicy = DOCFLOW_PROPOSAL_POLICY
): ReadonlyArray<CrmRecord> => {
  const found = searchAllPages(crm, Modules.examDates, ACTIVE_CRITERIA, EXAM_DATES_MAX_PAGES)
  if (found._tag === "Failed" || found.value.length === 0) return []
  return upcoming(found.value, today, limit, policy)
}

/** `get_next_exam_dates`: the département's active dates; none at all → any département. */
export const nextExamDates = (
  crm: CrmReader, departement: unknown, today: IsoDate, limit = 2, policy: ProposalPolicy = DOCFLOW_PROPOSAL_POLICY
): ReadonlyArray<CrmRecord> => {
  const found = searchAllPages(crm, Modules.examDates, activeInDepartementCriteria(departement), EXAM_DATES_MAX_PAGES)
  if (found._tag === "Failed") return []
  if (found.value.length === 0) return nextExamDatesAnyDepartment(crm, today, limit, policy)
  return upcoming(found.value, today, limit, policy)
}

/**
 * `get_earlier_dates_other_departments`: active dates of other départements, clôture ≥ tomorrow,
 * exam strictly before the reference date.
 */
export const earlierDatesOtherDepartments = (
  crm: CrmReader,
  currentDepartement: unknown,
  referenceDate: unknown,
  today: IsoDate,
  limit = 3,
  policy: ProposalPolicy = DOCFLOW_PROPOSAL_POLICY
): ReadonlyArray<CrmRecord> => {
  if (!truthy(referenceDate)) return []
  const reference = parseDateFlexible(pyStr(referenceDate))
  if (reference === null) return []
  const found = searchAllPages(crm, Modules.examDates, ACTIVE_CRITERIA, EXAM_DATES_MAX_PAGES)
  if (found._tag === "Failed" || found.value.length === 0) return []
  const valid = found.value.filter((r) => {
    if (sameDepartement(getOr(r, "Departement", ""), currentDepartement)) return false
    if (!clotureAtLeast(r, today, Thresholds.minDaysBeforeClotureOwnDepartment)) return false
    if (!examOk(r, today, policy)) return false
    if (!truthy(r.Date_Examen)) return false
    const exam = parseDateFlexible(pyStr(r.Date_Examen))
    return exam !== null && exam < reference
  })
  return (sortByExamDate(valid) ?? []).slice(0, Math.max(0, limit))
}

/** `find_exam_session_by_date_and_dept`: the first record with that exam date and département. */
export const findExamSessionByDateAndDept = (crm: CrmReader, examDate: unknown, departement: unknown): CrmRecord | null => {
  if (!truthy(examDate) || !truthy(departement)) return null
  const date = parseDateFlexible(pyStr(examDate))
  if (date === null) return null
  const answer = crm.search(searchRequest(Modules.examDates, dateAndDepartementCriteria(date, departement), 1, 10))
  if (answer._tag === "Failed") return null
  return answer.value[0] ?? null
}

/** `get_exam_session_details`: the exam-date record behind a deal's lookup. */
export const examSessionDetails = (crm: CrmReader, id: unknown): CrmRecord | null => {
  const answer = crm.getRecord({ _tag: "GetRecord", module: Modules.examDates, id: pyStr(id) })
  return answer._tag === "Ok" ? answer.value : null
}
