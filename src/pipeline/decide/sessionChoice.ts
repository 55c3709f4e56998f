/**
 * The candidate's session choice (§6.7 "Confirmation matching", §10.2 "Matched session choice")
 * and Rule 16 (§6.7, §10.4, R10): a confirmed course is matched on its dates (±1 day) or, without
 * dates, on the preferred type among the courses offered; STEP 5 writes `Session` and
 * `Preference_horaire`. A course ending on or after the exam day is never written unless the exam
 * moves in the same update: when the dossier may still move (engagement, §5.6) the exam goes to the
 * first open date of the département at least 3 days after the course, otherwise nothing is written
 * and the reply asks for another course (Rule 16, variant B).
 */
import type { CrmWriteValue } from "../../schemas/crm.ts"
import { SessionPrefix, Thresholds, type SessionType } from "../../services/rules/constants.ts"
import { addDays, daysBetween, isoFromParts, parseDateFlexible, type IsoDate } from "../../services/rules/dates.ts"
import { getOr, isRecord, pyStr, truthy, type CrmRecord } from "../../services/rules/pyValues.ts"
import { sessionEndsOnOrAfterExam } from "../../services/rules/rule16.ts"
import { isUberVisioSession } from "../../services/rules/sessions.ts"

export interface SessionRange {
  readonly start: IsoDate
  readonly end: IsoDate | null
}

/** A visio course with readable dates and a known type. */
export interface TypedSession {
  readonly id: string
  readonly name: string
  readonly type: SessionType
  readonly start: IsoDate
  readonly end: IsoDate
}

export const typedSession = (record: CrmRecord): TypedSession | null => {
  const lieu = record.Lieu_de_formation
  const lieuName = isRecord(lieu) ? getOr(lieu, "name", "") : lieu
  if (typeof lieuName !== "string" || !isUberVisioSession(lieuName)) return null
  const name = typeof record.Name === "string" ? record.Name : ""
  const lower = name.toLowerCase()
  const type: SessionType | null = lower.startsWith(SessionPrefix.jour) ? "jour" : lower.startsWith(SessionPrefix.soir) ? "soir" : null
  const start = truthy(record.Date_d_but) ? parseDateFlexible(record.Date_d_but) : null
  const end = truthy(record.Date_fin) ? parseDateFlexible(record.Date_fin) : null
  if (type === null || start === null || end === null || !truthy(record.id)) return null
  return { id: pyStr(record.id), name, type, start, end }
}

const MONTHS: Readonly<Record<string, number>> = {
  janvier: 1, fevrier: 2, février: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, aout: 8, août: 8,
  septembre: 9, octobre: 10, novembre: 11, decembre: 12, décembre: 12
}

/** Day and month without a year: this year, or next year when that date is over a month behind. */
const withYear = (day: number, month: number, year: number | null, today: IsoDate): IsoDate | null => {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  const y = year ?? Number(today.slice(0, 4))
  const date = parseDateFlexible(isoFromParts(y, month, day))
  if (date === null) return null
  if (year === null && date < addDays(today, -31)) return parseDateFlexible(isoFromParts(y + 1, month, day))
  return date
}

const POINT = String.raw`(\d{1,2})(?:er)?(?:\s+([a-zéû]+)|/(\d{1,2}))?(?:\s+|/)?(\d{4})?`
const RANGE_IN_TEXT = new RegExp(String.raw`\bdu\s+${POINT}\s+au\s+${POINT}`, "u")

/** "du 13 avril au 24 avril", "du 13 au 24 avril", "du 13/04 au 24/04/2026" in the candidate's message. */
export const rangeInMessage = (message: string, today: IsoDate): SessionRange | null => {
  const m = RANGE_IN_TEXT.exec(message.toLowerCase())
  if (m === null) return null
  const month = (name: string | undefined, num: string | undefined): number | null =>
    name !== undefined ? MONTHS[name] ?? null : num !== undefined ? Number(num) : null
  const m1 = month(m[2], m[3])
  const m2 = month(m[6], m[7])
  const y1 = m[4] === undefined ? null : Number(m[4])
  const y2 = m[8] === undefined ? null : Number(m[8])
  const startMonth = m1 ?? m2
  const endMonth = m2 ?? m1
  if (startMonth === null || endMonth === null) return null
  const start = withYear(Number(m[1]), startMonth, y1 ?? y2, today)
  const end = withYear(Number(m[5]), endMonth, y2 ?? y1, today)
  if (start === null || end === null) return null
  return { start, end: end < start ? withYear(Number(m[5]), endMonth, Number(start.slice(0, 4)) + 1, today) : end }
}

/** `confirmed_session_dates` "DD/MM/YYYY-DD/MM/YYYY" (or one date) from the triage. */
export const rangeOfConfirmedDates = (text: string | null): SessionRange | null => {
  if (text === null) return null
  const dates = [...text.matchAll(/\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2}/g)].map((m) => parseDateFlexible(m[0]))
  const start = dates[0] ?? null
  if (start === null) return null
  return { start, end: dates[1] ?? null }
}

export interface RangeSources {
  readonly confirmedSessionDates: string | null
  readonly requestedTraining: { readonly start_date: string | null; readonly end_date: string | null } | null
  readonly message: string
  readonly today: IsoDate
}

/** The confirmed range: triage's confirmed dates, else the requested training dates, else the message. */
export const confirmedRange = (src: RangeSources): SessionRange | null => {
  const confirmed = rangeOfConfirmedDates(src.confirmedSessionDates)
  if (confirmed !== null) return confirmed
  const start = src.requestedTraining?.start_date ? parseDateFlexible(src.requestedTraining.start_date) : null
  if (start !== null) {
    const end = src.requestedTraining?.end_date ? parseDateFlexible(src.requestedTraining.end_date) : null
    return { start, end }
  }
  return rangeInMessage(src.message, src.today)
}

const near = (a: IsoDate, b: IsoDate): boolean => Math.abs(daysBetween(a, b)) <= 1

/** ±1 day on the start (and on the end when given); the closest one wins. */
export const matchOnDates = (range: SessionRange, sessions: ReadonlyArray<TypedSession>): TypedSession | null => {
  const distance = (s: TypedSession) => Math.abs(daysBetween(range.start, s.start)) + (range.end === null ? 0 : Math.abs(daysBetween(range.end, s.end)))
  const hits = sessions.filter((s) => near(range.start, s.start) && (range.end === null || near(range.end, s.end)))
  return [...hits].sort((a, b) => distance(a) - distance(b) || a.start.localeCompare(b.start))[0] ?? null
}

export interface SessionChoiceInput {
  readonly intents: ReadonlyArray<string>
  readonly range: SessionRange | null
  /** every course of the case file (matched on dates) */
  readonly sessions: ReadonlyArray<CrmRecord>
  /** the courses offered for the exam date, best first (matched on the preference) */
  readonly offered: ReadonlyArray<CrmRecord>
  readonly preference: SessionType | null
  readonly currentSessionId: string | null
  readonly currentSessionEnd: IsoDate | null
  /** the exam date once the planned update is applied */
  readonly examDate: IsoDate | null
  /** the update already moves the exam date (CAS 8, a chosen or confirmed date…) */
  readonly examMovedInUpdate: boolean
  /** engagement allows moving the exam (§5.6) and rule B1 does not forbid it */
  readonly canReposition: boolean
  /** open exam dates of the candidate's département, soonest first */
  readonly laterExamDates: ReadonlyArray<CrmRecord>
  readonly today: IsoDate
}

export interface SessionChoice {
  readonly match: TypedSession | null
  readonly matchedBy: "dates" | "preference" | null
  /** Rule 16: the course ends on or after the exam day */
  readonly afterExam: boolean
  readonly canReposition: boolean
  /** the course is (or stays) the candidate's one after the update */
  readonly confirmed: boolean
  readonly updates: Readonly<Record<string, CrmWriteValue>>
  /** exam record the update moves the candidate to so he can follow the course */
  readonly repositionedTo: CrmRecord | null
  readonly alerts: ReadonlyArray<string>
}

const NOTHING: Omit<SessionChoice, "afterExam" | "canReposition"> = {
  match: null, matchedBy: null, confirmed: false, updates: {}, repositionedTo: null, alerts: []
}

const examOf = (r: CrmRecord): IsoDate | null => (truthy(r.Date_Examen) ? parseDateFlexible(r.Date_Examen) : null)

/** First open exam date leaving the course's minimum gap (3 days) after its end. */
export const firstExamAfter = (end: IsoDate, dates: ReadonlyArray<CrmRecord>): CrmRecord | null =>
  dates.find((r) => {
    const exam = examOf(r)
    return exam !== null && daysBetween(end, exam) >= Thresholds.sessionMinDaysBeforeExam
  }) ?? null

export const planSessionChoice = (input: SessionChoiceInput): SessionChoice => {
  const { examDate, today } = input
  const examAhead = examDate !== null && examDate >= today
  const rule16 = (ends: ReadonlyArray<IsoDate | null>) => examAhead && sessionEndsOnOrAfterExam(ends, examDate)
  const confirming = input.intents.includes("CONFIRMATION_SESSION")
  const typed = (records: ReadonlyArray<CrmRecord>) =>
    records.map(typedSession).filter((s): s is TypedSession => s !== null && s.start >= addDays(today, -Thresholds.sessionLateJoinDays))
  const byDates = confirming && input.range !== null ? matchOnDates(input.range, typed(input.sessions)) : null
  const byPreference = confirming && byDates === null && input.range === null && input.preference !== null
    ? typed(input.offered).find((s) => s.type === input.preference) ?? null : null
  const match = byDates ?? byPreference
  if (match === null) {
    return { ...NOTHING, afterExam: rule16([input.range?.end ?? null, input.currentSessionEnd]), canReposition: input.canReposition }
  }
  const base = { ...NOTHING, match, matchedBy: byDates !== null ? "dates" as const : "preference" as const, canReposition: input.canReposition }
  const write = { Session: match.id, Preference_horaire: match.type }
  const already = match.id === input.currentSessionId
  if (examDate === null || match.end < examDate) return { ...base, afterExam: false, confirmed: true, updates: already ? {} : write }
  // Rule 16: the course ends on or after the exam day (§10.4 holds for an exam already behind the
  // candidate too, but the reply only warns about an exam still ahead)
  const target = examAhead && input.canReposition && !input.examMovedInUpdate ? firstExamAfter(match.end, input.laterExamDates) : null
  if (target !== null) {
    return { ...base, afterExam: true, confirmed: true, updates: { ...write, Date_examen_VTC: pyStr(target.id) }, repositionedTo: target }
  }
  return {
    ...base, afterExam: examAhead, confirmed: false,
    alerts: [`Session : ${match.name} non enregistrée — elle se termine le ${match.end}, après l'examen du ${examDate} (règle 16)` +
      (input.canReposition ? " ; aucune date d'examen ouverte après cette session, à repositionner manuellement." : ".")]
  }
}
