/** Training-session proposals (§6): sessions for an exam date, preference, session situation. */
import { Modules, SessionLabel, SessionPrefix, SESSIONS_MAX_PAGES, Thresholds, type SessionType } from "./constants.ts"
import { searchAllPages, type CrmReader } from "./crmQuery.ts"
import {
  addDays, compareDateTimes, dateTimeDaysDiff, dateTimeMinusDays, parseDateFlexible, parseDatetimeFlexible, type IsoDate
} from "./dates.ts"
import { PythonError, getOr, isRecord, pyStr, truthy, type CrmRecord } from "./pyValues.ts"
import { inboundThreads } from "./threads.ts"

/** A `Sessions1` record plus the fields the rules add to it. */
export type ProposedSession = CrmRecord & {
  readonly session_type: SessionType
  readonly session_type_label: string
  readonly days_before_exam?: number
  readonly already_started?: true
}

/** Uber visio sessions only: the place's name contains both "VISIO" and "VTC". */
export const isUberVisioSession = (lieuName: unknown): boolean => {
  if (!truthy(lieuName)) return false
  if (typeof lieuName !== "string") throw new PythonError({ pythonClass: "AttributeError", reason: "place name is not text" })
  const upper = lieuName.toUpperCase()
  return upper.includes("VISIO") && upper.includes("VTC")
}

const lieuName = (session: CrmRecord): unknown => {
  const lieu = session.Lieu_de_formation
  if (isRecord(lieu)) return getOr(lieu, "name", "")
  return truthy(lieu) ? pyStr(lieu) : ""
}

export const sessionsWindowCriteria = (minEnd: IsoDate, maxEnd: IsoDate, earliestStart: IsoDate): string =>
  `((Date_fin:greater_equal:${minEnd})and(Date_fin:less_equal:${maxEnd})and(Date_d_but:greater_equal:${earliestStart}))`

const wantsType = (requested: unknown): SessionType | null =>
  requested === SessionPrefix.jour || requested === "jour" ? "jour"
    : requested === SessionPrefix.soir || requested === "soir" ? "soir" : null

const classify = (session: CrmRecord, exam: ReturnType<typeof parseDatetimeFlexible> & object, today: IsoDate): ProposedSession | null => {
  const rawName = getOr(session, "Name", "")
  if (typeof rawName !== "string") throw new PythonError({ pythonClass: "AttributeError", reason: "session name is not text" })
  const name = rawName.toLowerCase()
  let extra: Record<string, unknown> = {}
  const end = getOr(session, "Date_fin", "")
  if (truthy(end)) {
    const endDt = parseDatetimeFlexible(end)
    extra.days_before_exam = endDt !== null ? dateTimeDaysDiff(exam, endDt) : 999
  }
  const start = getOr(session, "Date_d_but", "")
  if (truthy(start)) {
    if (typeof start !== "string") throw new PythonError({ pythonClass: "TypeError", reason: "start date is not text" })
    if (start < today) extra = { ...extra, already_started: true }
  }
  const type: SessionType | null = name.startsWith(SessionPrefix.jour) ? "jour" : name.startsWith(SessionPrefix.soir) ? "soir" : null
  if (type === null) return null
  return { ...session, ...extra, session_type: type, session_type_label: SessionLabel[type] } as ProposedSession
}

const byDaysBeforeExam = (a: ProposedSession, b: ProposedSession) => (a.days_before_exam ?? 999) - (b.days_before_exam ?? 999)

/**
 * `get_sessions_for_exam_date`: visio sessions ending 60 to 3 days before the exam and started
 * at most 3 days ago, closest to the exam first; `limit` of the requested type (falling back to
 * the other type), or the best of each type when no type is requested.
 */
export const sessionsForExamDate = (
  crm: CrmReader,
  examDate: unknown,
  sessionType: unknown,
  today: IsoDate,
  limit = 2
): ReadonlyArray<ProposedSession> => {
  try {
    const exam = parseDatetimeFlexible(examDate)
    if (exam === null) return []
    const criteria = sessionsWindowCriteria(
      dateTimeMinusDays(exam, Thresholds.sessionMaxDaysBeforeExam).date,
      dateTimeMinusDays(exam, Thresholds.sessionMinDaysBeforeExam).date,
      addDays(today, -Thresholds.sessionLateJoinDays)
    )
    const found = searchAllPages(crm, Modules.sessions, criteria, SESSIONS_MAX_PAGES)
    if (found._tag === "Failed" || found.value.length === 0) return []
    const visio = found.value.filter((s) => isUberVisioSession(lieuName(s)))
    const classified = visio.map((s) => classify(s, exam, today)).filter((s): s is ProposedSession => s !== null)
    const jour = classified.filter((s) => s.session_type === "jour").sort(byDaysBeforeExam)
    const soir = classified.filter((s) => s.session_type === "soir").sort(byDaysBeforeExam)
    const n = Math.max(0, limit)
    switch (wantsType(sessionType)) {
      case "jour":
        return jour.length > 0 ? jour.slice(0, n) : soir.slice(0, n)
      case "soir":
        return soir.length > 0 ? soir.slice(0, n) : jour.slice(0, n)
      default:
        return [...jour.slice(0, 1), ...soir.slice(0, 1)]
    }
  } catch (e) {
    if (e instanceof PythonError) return []
    throw e
  }
}

/** Preference from the deal: enriched session type, else `Session` name prefix, else `Session_souhait_e`. */
export const sessionPreferenceFromDeal = (deal: CrmRecord, enriched?: { readonly session_type?: unknown } | null): SessionType | null => {
  const enrichedType = enriched && truthy(enriched.session_type) ? enriched.session_type : null
  if (enrichedType === "jour" || enrichedType === "soir") return enrichedType
  const session = deal.Session
  if (truthy(session)) {
    const rawName = isRecord(session) ? getOr(session, "name", "") : pyStr(session)
    if (typeof rawName !== "string") throw new PythonError({ pythonClass: "AttributeError", reason: "session name is not text" })
    const name = rawName.toLowerCase()
    if (name.startsWith(SessionPrefix.jour)) return "jour"
    if (name.startsWith(SessionPrefix.soir)) return "soir"
  }
  const wished = getOr(deal, "Session_souhait_e", "")
  if (truthy(wished)) {
    const lower = pyStr(wished).toLowerCase()
    if (lower.includes("jour") || lower.includes("cdj")) return "jour"
    if (lower.includes("soir") || lower.includes("cds")) return "soir"
  }
  return null
}

const JOUR_WORDING: ReadonlyArray<RegExp> = [
  /cours du jour/, /en journée/, /la journée/, /formation.{0,20}jour/, /préfère.{0,20}jour/, /choisis.{0,20}jour/
]
const SOIR_WORDING: ReadonlyArray<RegExp> = [
  /cours du soir/, /le soir/, /en soirée/, /formation.{0,20}soir/, /préfère.{0,20}soir/, /choisis.{0,20}soir/,
  /après.{0,10}travail/
]

/** Preference stated in the candidate's messages; both found → ambiguous (null). */
export const sessionPreferenceFromThreads = (threads: unknown): SessionType | null => {
  if (!Array.isArray(threads)) throw new PythonError({ pythonClass: "TypeError", reason: "threads is not a list" })
  let jour = false
  let soir = false
  for (const t of inboundThreads(threads)) {
    const content = truthy(getOr(t, "content", "")) ? t.content : getOr(t, "plainText", "")
    if (typeof content !== "string") throw new PythonError({ pythonClass: "AttributeError", reason: "thread content is not text" })
    const lower = content.toLowerCase()
    if (JOUR_WORDING.some((re) => re.test(lower))) jour = true
    if (SOIR_WORDING.some((re) => re.test(lower))) soir = true
  }
  if (jour && soir) return null
  return soir ? "soir" : jour ? "jour" : null
}

export interface SessionOption {
  readonly exam: CrmRecord
  readonly sessions: ReadonlyArray<ProposedSession>
}

export interface SessionSituation {
  readonly session_preference: unknown
  readonly current_session: unknown
  readonly current_session_is_past: boolean
  readonly refresh_session_available: boolean
  readonly refresh_session: { readonly session: ProposedSession; readonly exam: CrmRecord } | null
  readonly proposed_options: ReadonlyArray<SessionOption>
  readonly current_session_valid_for_new_date: boolean
  /** what the reply should say about sessions */
  readonly outcome: "no_exam_dates" | "already_scheduled" | "current_is_closest" | "proposals"
}

export interface SessionSituationInput {
  readonly deal: CrmRecord
  readonly examDates: ReadonlyArray<CrmRecord>
  readonly threads: unknown
  readonly triagePreference: unknown
  readonly allowChange: boolean
  readonly isExplicitSessionChange: boolean
  readonly enriched: { readonly session_type?: unknown; readonly session_date_fin?: unknown } | null
  readonly today: IsoDate
}

/** `analyze_session_situation` (§6.5). */
export const analyzeSessionSituation = (crm: CrmReader, input: SessionSituationInput): SessionSituation => {
  const { deal, today } = input
  const current = deal.Session
  let currentIsPast = false
  if (truthy(current) && isRecord(current) && truthy(current.id)) {
    const answer = crm.getRecord({ _tag: "GetRecord", module: Modules.sessions, id: pyStr(current.id) })
    const end = answer._tag === "Ok" && answer.value ? answer.value.Date_fin : null
    if (truthy(end)) {
      const endDate = parseDateFlexible(end)
      currentIsPast = endDate !== null && endDate < today
    }
  }
  const preference = truthy(input.triagePreference)
    ? input.triagePreference
    : (sessionPreferenceFromDeal(deal) ?? (truthy(input.threads) ? sessionPreferenceFromThreads(input.threads) : null))
  const base: SessionSituation = {
    session_preference: preference,
    current_session: truthy(current) ? current : null,
    current_session_is_past: currentIsPast,
    refresh_session_available: false,
    refresh_session: null,
    proposed_options: [],
    current_session_valid_for_new_date: false,
    outcome: "no_exam_dates"
  }
  if (input.examDates.length === 0) return base
  if (truthy(current) && !currentIsPast && !input.allowChange) return { ...base, outcome: "already_scheduled" }

  // An explicit change request shows both types, whatever the preference.
  const typeWanted = input.isExplicitSessionChange ? null : preference
  const cache = new Map<string, ReadonlyArray<ProposedSession>>()
  const options: Array<SessionOption> = []
  for (const exam of input.examDates) {
    const date = exam.Date_Examen
    if (!truthy(date)) continue
    const key = pyStr(date)
    if (!cache.has(key)) cache.set(key, sessionsForExamDate(crm, date, typeWanted, today))
    options.push({ exam, sessions: cache.get(key) ?? [] })
  }

  if (input.allowChange && !input.isExplicitSessionChange && truthy(current) && !currentIsPast && options.length > 0) {
    if (currentSessionIsClosest(input.enriched, options)) {
      return { ...base, current_session_valid_for_new_date: true, outcome: "current_is_closest" }
    }
  }

  let refresh: SessionSituation["refresh_session"] = null
  if (currentIsPast) {
    const withSessions = options.find((o) => o.sessions.length > 0)
    if (withSessions) refresh = { session: withSessions.sessions[0] as ProposedSession, exam: withSessions.exam }
  }
  return {
    ...base,
    proposed_options: options,
    refresh_session_available: refresh !== null,
    refresh_session: refresh,
    outcome: "proposals"
  }
}

/**
 * The current session still ends before every candidate exam date and no session of its type
 * ends closer to one of them → keep it (R13).
 */
const currentSessionIsClosest = (
  enriched: SessionSituationInput["enriched"],
  options: ReadonlyArray<SessionOption>
): boolean => {
  const endText = enriched ? enriched.session_date_fin : null
  const type = enriched ? enriched.session_type : null
  if (!truthy(endText) || !truthy(type)) return false
  const currentEnd = parseDatetimeFlexible(endText)
  if (currentEnd === null) return false
  for (const option of options) {
    const examText = option.exam.Date_Examen
    if (!truthy(examText)) continue
    const exam = parseDatetimeFlexible(examText)
    if (exam === null) continue
    if (compareDateTimes(currentEnd, exam) >= 0) return false
    const closest = option.sessions.find((s) => s.session_type === type)
    if (closest && truthy(closest.Date_fin)) {
      const closestEnd = parseDatetimeFlexible(closest.Date_fin)
      if (closestEnd !== null && compareDateTimes(closestEnd, currentEnd) > 0) return false
    }
  }
  return true
}
