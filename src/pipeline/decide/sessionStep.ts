/**
 * Glue between the response stage and ./sessionChoice.ts: reads the analysis (exam date once the
 * STEP 5 update is applied, engagement, open dates of the département) and turns the choice into
 * template variables (Rule 16 warning §9.2 row 0.7, confirmed course).
 */
import type { CrmWriteValue } from "../../schemas/crm.ts"
import type { IntentContext } from "../../schemas/triage.ts"
import type { SessionType } from "../../services/rules/constants.ts"
import { parseDateFlexible, type IsoDate } from "../../services/rules/dates.ts"
import { extractDepartementFromCma } from "../../services/rules/departement.ts"
import { classifyEngagementLevel } from "../../services/rules/engagement.ts"
import { nextExamDates } from "../../services/rules/examDates.ts"
import { sessionsForExamDate } from "../../services/rules/sessions.ts"
import { isRecord, pyStr, truthy, type CrmRecord } from "../../services/rules/pyValues.ts"
import type { AnalysisResult } from "./analysis.ts"
import { b1Blocks, type B1Facts } from "./crmGuards.ts"
import { sessionChangeCascade, type SessionCascade } from "./sessionCascade.ts"
import { confirmedRange, planSessionChoice, type SessionChoice } from "./sessionChoice.ts"
import type { Vars } from "./templateVars.ts"

/** How many open dates of the département a repositioning may look at. */
const LATER_DATES_LIMIT = 20

export interface SessionStepInput {
  readonly analysis: AnalysisResult
  readonly context: IntentContext
  readonly message: string
  readonly intents: ReadonlyArray<string>
  readonly preference: SessionType | null
  /** the courses offered for the exam date */
  readonly offered: ReadonlyArray<CrmRecord>
  readonly sessions: ReadonlyArray<CrmRecord>
  readonly examDates: ReadonlyArray<CrmRecord>
  /** STEP 5 updates planned so far */
  readonly step5: Readonly<Record<string, CrmWriteValue>>
  readonly b1: B1Facts
  readonly today: IsoDate
}

const iso = (v: unknown): IsoDate | null => (truthy(v) ? parseDateFlexible(v) : null)

export const sessionStepOf = (input: SessionStepInput): SessionChoice => {
  const { analysis, step5, today } = input
  const examOfId = (id: unknown) => iso(input.examDates.find((r) => pyStr(r.id) === String(id))?.Date_Examen)
  // a date change rule B1 forbids (analysis write or STEP 5) is dropped by the final guard: the
  // exam then stays on the CRM's date
  const frozen = b1Blocks(input.b1)
  const before = analysis.dealBefore.Date_examen_VTC
  const movedTo = frozen ? undefined : step5.Date_examen_VTC
  const examDate = frozen
    ? (isRecord(before) ? examOfId(before.id) : null)
    : movedTo === undefined ? iso(analysis.enriched.date_examen) : examOfId(movedTo)
  const engagement = classifyEngagementLevel(analysis.deal.Evalbox, analysis.enriched.date_cloture, analysis.examt3p, today)
  const departement = truthy(analysis.enriched.departement)
    ? analysis.enriched.departement : extractDepartementFromCma(analysis.deal.CMA_de_depot ?? null)
  const current = analysis.deal.Session
  return planSessionChoice({
    intents: input.intents,
    range: confirmedRange({
      confirmedSessionDates: input.context.confirmed_session_dates,
      requestedTraining: input.context.requested_training_dates,
      message: input.message,
      today
    }),
    sessions: input.sessions,
    offered: input.offered,
    preference: input.preference,
    currentSessionId: isRecord(current) && truthy(current.id) ? pyStr(current.id) : null,
    currentSessionEnd: iso(analysis.enriched.session_date_fin),
    examDate,
    examMovedInUpdate: movedTo !== undefined,
    canReposition: engagement.can_reposition && !b1Blocks(input.b1),
    laterExamDates: departement === null ? [] : nextExamDates(analysis.crm, departement, today, LATER_DATES_LIMIT),
    today
  })
}

/** Rule 16 warning and the confirmed course; no date before today reaches the reply. */
export const sessionChoiceVars = (choice: SessionChoice, today: IsoDate): Partial<Vars> => {
  const vars: Partial<Vars> = {
    session_after_exam: choice.afterExam,
    session_after_exam_can_reposition: choice.afterExam && choice.canReposition
  }
  const match = choice.match
  if (match === null || match.start < today) return vars
  return {
    ...vars,
    matched_session_start: match.start,
    matched_session_end: match.end,
    ...(choice.confirmed ? {
      session_confirmed: true, session_is_jour: match.type === "jour", session_is_soir: match.type === "soir",
      session_date_debut: match.start, session_date_fin: match.end, show_sessions_section: false
    } : {})
  }
}

export interface CascadeStepInput {
  readonly analysis: AnalysisResult
  readonly context: IntentContext
  readonly intents: ReadonlyArray<string>
  readonly b1: B1Facts
  readonly today: IsoDate
}

/** §6.7 change cascade for an explicit change request on an exam date still ahead; null otherwise. */
export const sessionCascadeOf = (input: CascadeStepInput): SessionCascade | null => {
  const { analysis, context, today } = input
  if (!input.intents.includes("DEMANDE_CHANGEMENT_SESSION") || context.is_complaint) return null
  if (context.requested_training_dates?.start_date) return null
  const exam = analysis.enriched.date_examen_record
  const examDate = iso(analysis.enriched.date_examen)
  if (exam === null || examDate === null || examDate <= today) return null
  const departement = truthy(analysis.enriched.departement)
    ? analysis.enriched.departement : extractDepartementFromCma(analysis.deal.CMA_de_depot ?? null)
  const later = departement === null ? [] : nextExamDates(analysis.crm, departement, today, LATER_DATES_LIMIT)
  const current = analysis.deal.Session
  const currentType = analysis.enriched.session_type
  const requested = context.session_preference
  return sessionChangeCascade({
    currentSession: isRecord(current) && truthy(current.id)
      ? { id: pyStr(current.id), type: currentType === "jour" || currentType === "soir" ? currentType : null } : null,
    requestedType: requested === "jour" || requested === "soir" ? requested : null,
    exam,
    nextExam: later.find((r) => (iso(r.Date_Examen) ?? "") > examDate) ?? null,
    engagement: classifyEngagementLevel(analysis.deal.Evalbox, analysis.enriched.date_cloture, analysis.examt3p, today),
    dateFrozen: b1Blocks(input.b1),
    sessionsFor: (record, type) => sessionsForExamDate(analysis.crm, record.Date_Examen, type ?? "", today, 2)
  })
}

/** The cascade's courses for the reply (not started yet, DEV-D14), grouped by exam date. */
export const cascadeVars = (cascade: SessionCascade, today: IsoDate): Partial<Vars> => {
  const shown = cascade.options.map((o) => {
    const examDate = iso(o.exam.Date_Examen) ?? ""
    return o.sessions
      .map((s) => ({ s, debut: iso(s.Date_d_but), fin: iso(s.Date_fin) }))
      .filter((x): x is { s: typeof x.s; debut: IsoDate; fin: IsoDate } => x.debut !== null && x.fin !== null && x.debut >= today)
      .map(({ s, debut, fin }, i) => ({
        nom: pyStr(s.Name ?? ""), is_jour: s.session_type === "jour", is_soir: s.session_type === "soir",
        date_debut: debut, date_fin: fin, date_examen: examDate, is_first_of_exam: i === 0
      }))
  })
  const items = shown.flat()
  const nextShown = cascade.options.some((o, i) => o.next && (shown[i] ?? []).length > 0)
  return {
    sessions_proposees: items,
    has_sessions_proposees: items.length > 0,
    session_change_includes_next_date: nextShown,
    session_change_needs_cma: nextShown && cascade.needsCma
  }
}
