/** Exam dates as ExamT3P and the CRM lookup express them (`get_examt3p_exam_date`, `get_crm_exam_date`). */
import { parseDateFlexible, toDisplay } from "./dates.ts"
import { PythonError, getOr, isRecord, pyStr, truthy, type CrmRecord } from "./pyValues.ts"

const FRENCH_MONTHS: Readonly<Record<string, number>> = {
  janvier: 1, février: 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7,
  août: 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, décembre: 12, decembre: 12
}

/** `format_date_for_display`: dd/mm/yyyy, or "" when the value does not parse. */
export const formatDateForDisplay = (value: unknown): string => {
  const d = parseDateFlexible(value)
  return d === null ? "" : toDisplay(d)
}

/**
 * The portal's exam date as dd/mm/yyyy: a value with "/" is returned as is, a 10-character ISO
 * date is reformatted, "1 mars 2026" is translated; anything else → null. `examens: null` (no exam
 * table on the portal) counts as an empty table; another non-object `examens` still raises.
 */
export const examt3pExamDate = (examt3p: CrmRecord): string | null => {
  let raw: unknown = examt3p.date_examen
  if (!truthy(raw)) {
    const exams = getOr(examt3p, "examens", null) ?? {}
    if (!isRecord(exams)) throw new PythonError({ pythonClass: "AttributeError", reason: "'examens' has no attribute 'get'" })
    raw = exams.date
  }
  if (!truthy(raw)) return null
  const text = pyStr(raw).trim()
  if (text.includes("/")) return text
  if (text.includes("-") && text.length === 10) {
    const formatted = formatDateForDisplay(text)
    if (formatted) return formatted
  }
  const m = /^(\d{1,2})\s+([\p{L}\p{N}_]+)\s+(\d{4})/u.exec(text)
  if (m) {
    const month = FRENCH_MONTHS[(m[2] as string).toLowerCase()]
    if (month) return `${String(Number(m[1])).padStart(2, "0")}/${String(month).padStart(2, "0")}/${m[3]}`
  }
  return null
}

/** The CRM exam date as dd/mm/yyyy: enriched lookup first, else parsed from the lookup's name. */
export const crmExamDate = (deal: CrmRecord, enriched: CrmRecord | null): string | null => {
  if (enriched && truthy(enriched.date_examen)) {
    const formatted = formatDateForDisplay(enriched.date_examen)
    return formatted || null
  }
  const lookup = deal.Date_examen_VTC
  if (!truthy(lookup) || !isRecord(lookup)) return null
  const name = getOr(lookup, "name", "")
  if (truthy(name) && pyStr(name).includes("/")) {
    const m = /(\d{2}\/\d{2}\/\d{4})/.exec(pyStr(name))
    if (m) return m[1] as string
  }
  if (truthy(name)) {
    const m = /(\d{4}-\d{2}-\d{2})/.exec(pyStr(name))
    if (m) {
      const formatted = formatDateForDisplay(m[1])
      if (formatted) return formatted
    }
  }
  return null
}
