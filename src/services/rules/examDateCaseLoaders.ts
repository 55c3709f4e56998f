/** What each helper case loads or sets once the case is known (§5.3). */
import { Thresholds } from "./constants.ts"
import type { CrmReader } from "./crmQuery.ts"
import { daysBetween, parseDateFlexible } from "./dates.ts"
import { extractDepartementFromCma } from "./departement.ts"
import type { ExamDateAnalysisInput, ExamDateFacts } from "./examDateCase.ts"
import {
  earlierDatesOtherDepartments, nextExamDates, nextExamDatesAnyDepartment, type ProposalPolicy
} from "./examDates.ts"
import { getOr, isRecord, pyStr, truthy, type CrmRecord } from "./pyValues.ts"
import { sessionsForExamDate, type ProposedSession } from "./sessions.ts"
import { threadsSuggestExamNotTaken } from "./threads.ts"

export interface Working {
  should_include_in_response: boolean
  date_examen_info: unknown
  date_cloture: unknown
  auto_assigned: boolean
  auto_assigned_exam_date: unknown
  auto_assigned_exam_session_id: unknown
  auto_assigned_session: ProposedSession | null
  crm_updates: Record<string, unknown>
  next_dates: ReadonlyArray<CrmRecord>
  alternative_department_dates: ReadonlyArray<CrmRecord>
  pieces_refusees: unknown
  extra: Record<string, unknown>
}

export interface CaseContext {
  readonly crm: CrmReader
  readonly policy: ProposalPolicy
  readonly input: ExamDateAnalysisInput
  readonly departement: string | null
  readonly canChooseOtherDepartment: boolean
  readonly examDateText: unknown
  readonly facts: ExamDateFacts
  readonly w: Working
}

/** Own département's next dates, or every département's (15) when the département is unknown. */
const nextDatesFor = (c: CaseContext, limit: number, unknownLimit = 15): ReadonlyArray<CrmRecord> =>
  c.departement
    ? nextExamDates(c.crm, c.departement, c.input.today, limit, c.policy)
    : nextExamDatesAnyDepartment(c.crm, c.input.today, unknownLimit, c.policy)

/** Candidates without an ExamT3P account may sit elsewhere: up to 3 earlier dates. */
const addEarlierElsewhere = (c: CaseContext): void => {
  const first = c.w.next_dates[0]
  if (c.canChooseOtherDepartment && first && c.departement) {
    const firstDate = first.Date_Examen
    if (truthy(firstDate)) {
      c.w.alternative_department_dates = earlierDatesOtherDepartments(c.crm, c.departement, firstDate, c.input.today, 3, c.policy)
    }
  }
}

const autoAssign = (c: CaseContext, exam: CrmRecord): void => {
  c.w.auto_assigned = true
  c.w.auto_assigned_exam_date = exam.Date_Examen ?? null
  c.w.auto_assigned_exam_session_id = exam.id ?? null
  c.w.crm_updates = { Date_examen_VTC: exam.id ?? null }
}

const sessionIsConfirmed = (enriched: ExamDateAnalysisInput["enriched"]): boolean => {
  if (!enriched) return false
  const record = enriched.session_record
  const id = isRecord(record) && truthy(record) ? record.id : null
  return truthy(id) && truthy(enriched.session_date_fin)
}

const loadCase1 = (c: CaseContext): void => {
  const { input, w } = c
  w.should_include_in_response = true
  if (sessionIsConfirmed(input.enriched)) {
    // Scenario B: a session is already assigned → the first exam date after its end.
    const all = nextDatesFor(c, 5)
    const sessionEnd = parseDateFlexible(input.enriched?.session_date_fin)
    if (sessionEnd === null) {
      w.next_dates = all
      return
    }
    const after = all.filter((d) => {
      const date = getOr(d, "Date_Examen", "")
      if (!truthy(date)) return false
      const parsed = parseDateFlexible(date)
      return parsed !== null && parsed > sessionEnd
    })
    const first = after[0]
    if (first) {
      autoAssign(c, first)
      w.date_examen_info = first
      w.next_dates = [first]
    } else {
      w.next_dates = all
      w.extra.no_date_after_session = true
    }
    return
  }
  // Scenario A: no session → the next date, and a compatible session for it.
  w.next_dates = nextDatesFor(c, 2)
  const first = w.next_dates[0]
  if (first) {
    autoAssign(c, first)
    w.date_examen_info = first
    const examDate = first.Date_Examen
    if (truthy(examDate)) {
      const compatible = sessionsForExamDate(c.crm, examDate, input.sessionPreference, input.today, 2)
      if (compatible.length > 0) {
        const preference = input.sessionPreference
        const chosen = (truthy(preference) ? compatible.find((s) => s.session_type === preference) : undefined) ??
          (compatible[0] as ProposedSession)
        w.auto_assigned_session = chosen
        w.crm_updates = { ...w.crm_updates, Session: chosen.id ?? null }
        if (truthy(preference)) w.crm_updates = { ...w.crm_updates, Preference_horaire: preference }
      }
    }
  }
  addEarlierElsewhere(c)
}

const loadCase8 = (c: CaseContext): void => {
  const { w } = c
  w.should_include_in_response = true
  w.extra.deadline_passed_reschedule = true
  w.extra.original_exam_date = c.examDateText ?? null
  w.extra.original_date_cloture = w.date_cloture
  w.next_dates = nextDatesFor(c, 2)
  const first = w.next_dates[0]
  if (first) {
    w.extra.new_exam_session = first
    w.extra.new_exam_session_id = first.id ?? null
    w.extra.new_exam_date = first.Date_Examen ?? null
    w.extra.new_exam_date_cloture = first.Date_Cloture_Inscription ?? null
  }
  addEarlierElsewhere(c)
}

const loadFakeRefusal = (c: CaseContext): void => {
  c.w.should_include_in_response = true
  c.w.extra.faux_refus_cma = true
}

const loadCase3 = (c: CaseContext): void => {
  const { w } = c
  const data = isRecord(c.input.examt3p) && truthy(c.input.examt3p) ? c.input.examt3p : null
  w.should_include_in_response = true
  w.pieces_refusees = data ? getOr(data, "documents_refuses", []) : []
  w.extra.pieces_refusees_details = data ? getOr(data, "pieces_refusees_details", []) : []
  const next = nextDatesFor(c, 1, 1)
  const first = next[0]
  if (first) autoAssign(c, first)
  w.next_dates = next
}

const loadCase7 = (c: CaseContext): void => {
  const { w, input } = c
  if (truthy(c.examDateText)) {
    const exam = parseDateFlexible(pyStr(c.examDateText))
    if (exam !== null) {
      const days = daysBetween(exam, input.today)
      w.extra.days_since_exam = days
      w.extra.force_majeure_possible = days <= Thresholds.forceMajeureDeadlineDays
    } else {
      w.extra.days_since_exam = null
      w.extra.force_majeure_possible = false
    }
  }
  const signsNotTaken = truthy(input.threads) ? threadsSuggestExamNotTaken(input.threads) : false
  const resultat = getOr(input.deal, "Resultat", "")
  if (resultat === "NON ADMISSIBLE" || resultat === "ABSENT TH") {
    const dept = extractDepartementFromCma(getOr(input.deal, "CMA_de_depot", ""))
    if (dept) {
      const next = nextExamDates(c.crm, dept, input.today, 3, c.policy)
      if (next.length > 0) {
        w.next_dates = next
        w.should_include_in_response = true
      }
    }
  }
  if (signsNotTaken) w.should_include_in_response = true
  else if (w.next_dates.length === 0) w.should_include_in_response = false
}

const loadCase2 = (c: CaseContext): void => {
  const { w } = c
  w.should_include_in_response = true
  w.extra.auto_report = true
  w.next_dates = nextDatesFor(c, 2)
  const first = w.next_dates[0]
  if (first) {
    w.extra.auto_report_date = first.Date_Examen ?? null
    w.extra.auto_report_session_id = first.id ?? null
    // the clôture shown is the new date's
    w.date_cloture = first.Date_Cloture_Inscription ?? null
  }
  addEarlierElsewhere(c)
}

const loadCase4 = (c: CaseContext): void => {
  c.w.should_include_in_response = true
  if (!truthy(c.examDateText)) return
  const exam = parseDateFlexible(pyStr(c.examDateText))
  if (exam === null) return
  if (daysBetween(c.input.today, exam) <= Thresholds.examImminentDays) c.w.next_dates = nextDatesFor(c, 2)
}

const includeOnly = (c: CaseContext): void => {
  c.w.should_include_in_response = true
}

export type CaseLoader =
  | "assign_next_date" | "reschedule_missed_deadline" | "fake_refusal" | "refused" | "validated_past" | "auto_report"
  | "validated_ahead" | "include" | "nothing"

export const LOADERS: Readonly<Record<CaseLoader, (c: CaseContext) => void>> = {
  assign_next_date: loadCase1,
  reschedule_missed_deadline: loadCase8,
  fake_refusal: loadFakeRefusal,
  refused: loadCase3,
  validated_past: loadCase7,
  auto_report: loadCase2,
  validated_ahead: loadCase4,
  include: includeOnly,
  nothing: () => undefined
}
