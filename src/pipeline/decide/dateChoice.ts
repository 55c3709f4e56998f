/**
 * STEP 5 exam-date choices (§10.2, §5.7): the candidate picks one of the dates we proposed
 * (`extract_date_choice`, regex part only — the original's LLM fallback is not reproduced), or
 * confirms a date the triage read (`confirmed_new_exam_date`) that exists among the next dates
 * of their département. Returns the exam record to write, or null.
 */
import { Thresholds } from "../../services/rules/constants.ts"
import { daysBetween, parseDateFlexible } from "../../services/rules/dates.ts"
import { pyStr, type CrmRecord } from "../../services/rules/pyValues.ts"

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
const NEXT_DATES_CONSIDERED = 20

const normalise = (text: string): string => text.toLowerCase().replace(/\s+/g, " ")

/** Ways a candidate writes the date `YYYY-MM-DD`. */
const spellings = (iso: string): ReadonlyArray<RegExp> => {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number]
  const dd = String(d).padStart(2, "0")
  const mm = String(m).padStart(2, "0")
  const month = MONTHS[m - 1] ?? ""
  return [
    new RegExp(`(^|\\D)0?${d}[/.-]0?${m}([/.-](${y}|${String(y).slice(2)}))?(\\D|$)`),
    new RegExp(`(^|\\D)(0?${d}|${d}er) ${month}( ${y})?(\\D|$)`),
    new RegExp(`${y}-${mm}-${dd}`)
  ]
}

const isoOf = (r: CrmRecord): string | null => parseDateFlexible(r.Date_Examen)

const stillOpen = (r: CrmRecord, today: string): boolean => {
  const cloture = parseDateFlexible(r.Date_Cloture_Inscription)
  return cloture !== null && daysBetween(today, cloture) >= Thresholds.minDaysBeforeClotureOwnDepartment
}

/** Exactly one proposed date appears in the message → its record. */
export const chosenProposedDate = (message: string, proposed: ReadonlyArray<CrmRecord>, today: string): CrmRecord | null => {
  const text = normalise(message)
  const matches = proposed.filter((r) => {
    const iso = isoOf(r)
    return iso !== null && stillOpen(r, today) && spellings(iso).some((re) => re.test(text))
  })
  const ids = new Set(matches.map((r) => pyStr(r.id)))
  return ids.size === 1 ? matches[0] ?? null : null
}

/** The confirmed date exists among the next open dates of the département → its record. */
export const confirmedDateRecord = (
  confirmed: string | null, departement: string | null, examDates: ReadonlyArray<CrmRecord>, today: string
): CrmRecord | null => {
  if (confirmed === null || departement === null) return null
  const next = examDates
    .filter((r) => String(r.Departement ?? "").replace(/^0+/, "") === departement.replace(/^0+/, "") && stillOpen(r, today))
    .filter((r) => (isoOf(r) ?? "") > today)
    .sort((a, b) => ((isoOf(a) ?? "") < (isoOf(b) ?? "") ? -1 : 1))
    .slice(0, NEXT_DATES_CONSIDERED)
  return next.find((r) => isoOf(r) === confirmed) ?? null
}
