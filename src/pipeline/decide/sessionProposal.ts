/**
 * The courses offered with the exam dates chosen by §6.4 (./sessionTargets.ts), after the §6.5
 * session situation: a course already scheduled stays unless a change is allowed, and even then it
 * is kept while it still ends closest to every candidate exam date. Pure (reads the case file's
 * catalogue through the in-memory CRM reader).
 */
import { parseDateFlexible, type IsoDate } from "../../services/rules/dates.ts"
import { classifyEngagementLevel } from "../../services/rules/engagement.ts"
import { nextExamDates } from "../../services/rules/examDates.ts"
import { isRecord, pyStr, truthy, type CrmRecord } from "../../services/rules/pyValues.ts"
import { analyzeSessionSituation, type SessionOption } from "../../services/rules/sessions.ts"
import type { AnalysisResult } from "./analysis.ts"
import { b1Blocks, type B1Facts } from "./crmGuards.ts"
import { departementOf } from "./dateReply.ts"
import type { SessionTargetInput, SessionTargetReason, SessionTargets } from "./sessionTargets.ts"
import type { Vars } from "./templateVars.ts"

/** How many open dates of the département the targets may look at. */
const DEPARTEMENT_DATES = 20

export interface TargetFacts {
  readonly analysis: AnalysisResult
  readonly b1: B1Facts
  readonly today: IsoDate
  readonly intents: ReadonlyArray<string>
  readonly assignmentError: boolean
  /** the exam dates the reply lists (`YYYY-MM-DD`) */
  readonly shownNextDates: ReadonlyArray<string>
  readonly v3DateChoice: IsoDate | null
  readonly confirmedRecord: CrmRecord | null
  readonly confirmedUnavailable: boolean
}

/** §6.4 inputs from the analysis: helper case, CAS 8 new date, département dates, course facts. */
export const targetInputOf = (f: TargetFacts): SessionTargetInput => {
  const { analysis, today } = f
  const extra = analysis.dateAnalysis?.extra ?? {}
  const reschedule = extra.deadline_passed_reschedule === true && analysis.step5.Date_examen_VTC !== undefined
  const records: ReadonlyArray<CrmRecord> = analysis.dateAnalysis?.next_dates ?? []
  const departement = departementOf(analysis)
  const departementDates = departement === null ? [] : nextExamDates(analysis.crm, departement, today, DEPARTEMENT_DATES)
  const byId = (id: unknown) => [...departementDates, ...records].find((r) => pyStr(r.id) === pyStr(id)) ?? null
  const cas8 = reschedule ? byId(analysis.step5.Date_examen_VTC) ?? { id: pyStr(analysis.step5.Date_examen_VTC), Date_Examen: extra.new_exam_date ?? null } : null
  const shown = new Set(f.shownNextDates)
  const sessionEnd = iso(analysis.enriched.session_date_fin)
  const engagement = classifyEngagementLevel(analysis.deal.Evalbox ?? null, analysis.enriched.date_cloture, analysis.examt3p, today)
  return {
    today, intents: f.intents, helperCase: analysis.dateAnalysis?.case ?? null, departementDates,
    assigned: analysis.enriched.date_examen_record, cas8NewDate: cas8, v3DateChoice: f.v3DateChoice,
    repositioningTarget: analysis.repositioning?._tag === "Repositioned" ? analysis.repositioning.record : null,
    confirmedRecord: f.confirmedRecord, confirmedUnavailable: f.confirmedUnavailable,
    proposedDates: records.filter((r) => shown.has(iso(r.Date_Examen))),
    hasSession: truthy(analysis.deal.Session), assignmentError: f.assignmentError,
    missedTraining: analysis.consistency.needs_refresh_session,
    sessionFinished: truthy(analysis.deal.Session) && sessionEnd !== "" && sessionEnd < today,
    canReposition: engagement.can_reposition && !b1Blocks(f.b1)
  }
}

export interface SessionProposal {
  readonly targets: SessionTargets | null
  /** "kept": the current course still ends closest to the exam (§6.5) */
  readonly outcome: "none" | "already_scheduled" | "kept" | "proposals"
  /** exam dates with at least one course, in target order */
  readonly options: ReadonlyArray<SessionOption>
}

export const NO_PROPOSAL: SessionProposal = { targets: null, outcome: "none", options: [] }

export const sessionProposalFor = (
  analysis: AnalysisResult, targets: SessionTargets | null, preference: "jour" | "soir" | null, today: IsoDate
): SessionProposal => {
  if (targets === null || analysis.skipReason !== null) return NO_PROPOSAL
  const situation = analyzeSessionSituation(analysis.crm, {
    deal: analysis.deal,
    examDates: targets.exams,
    threads: null,
    triagePreference: preference,
    allowChange: targets.allowChange,
    isExplicitSessionChange: targets.explicitChange,
    // a course that cannot be kept is never "still the closest"
    enriched: targets.currentUnusable ? null : analysis.enriched,
    today
  })
  const outcome = situation.outcome === "current_is_closest" ? "kept"
    : situation.outcome === "already_scheduled" ? "already_scheduled"
    : situation.outcome === "proposals" ? "proposals" : "none"
  // §6.7 display filter: the candidate's current course is not offered again
  const current = analysis.deal.Session
  const currentId = isRecord(current) && truthy(current.id) ? pyStr(current.id) : null
  const options = situation.proposed_options
    .map((o) => ({ ...o, sessions: o.sessions.filter((s) => pyStr(s.id) !== currentId) }))
    .filter((o) => o.sessions.length > 0)
  return { targets, outcome, options }
}

const iso = (v: unknown): IsoDate | "" => (truthy(v) ? parseDateFlexible(v) ?? "" : "")

/** The offered courses for the reply: complete dates, not started yet (DEV-D14), grouped by exam date. */
export const proposalVars = (proposal: SessionProposal, today: IsoDate): Pick<Vars, "sessions_proposees" | "has_sessions_proposees"> => {
  const items = proposal.options.flatMap((o) => {
    const examDate = iso(o.exam.Date_Examen)
    return o.sessions
      .map((s) => ({ s, debut: iso(s.Date_d_but), fin: iso(s.Date_fin) }))
      .filter(({ debut, fin }) => debut !== "" && fin !== "" && debut >= today)
      .map(({ s, debut, fin }, i) => ({
        nom: pyStr(s.Name ?? ""), is_jour: s.session_type === "jour", is_soir: s.session_type === "soir",
        date_debut: debut, date_fin: fin, date_examen: examDate, is_first_of_exam: i === 0
      }))
  })
  return { sessions_proposees: items, has_sessions_proposees: items.length > 0 }
}

/** Targets that give the candidate a new exam date: its courses are shown when the current one no longer fits. */
const NEW_DATE_REASONS: ReadonlySet<SessionTargetReason> = new Set(["v3_date_choice", "repositioning_target", "confirmed_date", "assignment_error"])

/**
 * The sessions section once the proposal is known (after the visibility rules, which saw the
 * earlier proposal): hidden when nothing is offered; shown for a new exam date whose course must
 * change, unless the matrix row or a blocking situation decides otherwise.
 */
export const showNewDateSessions = (
  vars: Vars, proposal: SessionProposal, row: { readonly flags: { readonly show_sessions_section?: boolean } }, dossierTermine: boolean,
  today: IsoDate
): Partial<Vars> => {
  if (row.flags.show_sessions_section !== undefined) return {}
  if (proposalVars(proposal, today).has_sessions_proposees !== true) return { show_sessions_section: false }
  const blocked = dossierTermine || vars.missed_training_force_majeure === true || vars.examt3p_access_lost === true ||
    vars.report_bloque === true || vars.report_force_majeure === true
  const newDate = proposal.outcome === "proposals" && proposal.targets !== null && NEW_DATE_REASONS.has(proposal.targets.reason)
  return newDate && !blocked ? { show_sessions_section: true } : {}
}
