/**
 * Template variables (§9.5) from the analysis and the detected states: dates, sessions, dossier
 * status, Uber and report flags, required action (§8.5). The matrix row and the visibility rules
 * are applied afterwards by ./visibility.ts.
 */
import type { TemplateVarsInput } from "../../services/render/index.ts"
import { INTENT_FLAGS } from "../../services/render/index.ts"
import { Evalbox, Thresholds } from "../../services/rules/constants.ts"
import { addDays, daysBetween, parseDateFlexible } from "../../services/rules/dates.ts"
import { resultatInfo } from "../../services/rules/evalbox.ts"
import { pyStr, truthy, type CrmRecord } from "../../services/rules/pyValues.ts"
import { sessionsForExamDate, type ProposedSession } from "../../services/rules/sessions.ts"
import type { DetectedStates } from "../../services/rules/states/detect.ts"
import type { AnalysisResult } from "./analysis.ts"

export type Vars = { -readonly [K in keyof TemplateVarsInput]: TemplateVarsInput[K] }

const iso = (v: unknown): string => (truthy(v) ? parseDateFlexible(v) ?? "" : "")

const EVALBOX_FLAGS: ReadonlyArray<readonly [string, keyof Vars]> = [
  [Evalbox.DossierCree, "evalbox_dossier_cree"],
  [Evalbox.DossierSynchronise, "evalbox_dossier_synchronise"],
  [Evalbox.PretAPayer, "evalbox_pret_a_payer"],
  [Evalbox.PretAPayerParCheque, "evalbox_pret_a_payer"],
  [Evalbox.ValideCma, "evalbox_valide_cma"],
  [Evalbox.RefuseCma, "evalbox_refus_cma"],
  [Evalbox.DocumentsRefuses, "evalbox_documents_refuses"],
  [Evalbox.DocumentsManquants, "evalbox_documents_refuses"],
  [Evalbox.ConvocCmaRecue, "evalbox_convoc_recue"]
]

const MULTI_DATE_INTENTS = new Set(["REPORT_DATE", "DEMANDE_ANNULATION"])

/** §1.4 step 3: phrases showing an Uber warning was already sent in an earlier reply. */
const UBER_WARNING_SENT: ReadonlyArray<readonly [keyof Vars, ReadonlyArray<string>]> = [
  ["uber_cas_d", ["compte uber driver", "uber chauffeur actif"]],
  ["uber_cas_a", ["documents requis par uber", "pièces demandées par uber"]],
  ["uber_cas_b", ["test de sélection", "test en ligne uber"]],
  ["uber_cas_e", ["non éligible", "pas éligible"]]
]

export interface VarsInput {
  /** Text of our earlier replies (outgoing, sent), lower-cased. */
  readonly previousReplies: string
  readonly analysis: AnalysisResult
  readonly states: DetectedStates
  readonly primaryIntent: string | null
  readonly secondaryIntents: ReadonlyArray<string>
  readonly firstName: string
  readonly lastName: string
  readonly email: string
  readonly today: string
  readonly sessionPreference: "jour" | "soir" | null
}

const nextDatesOf = (records: ReadonlyArray<CrmRecord>, exclude: string, limit: number, today: string): Vars["next_dates"] => {
  const out: Array<NonNullable<Vars["next_dates"]>[number]> = []
  let lastDept = ""
  for (const r of records) {
    const date = iso(r.Date_Examen)
    const cloture = iso(r.Date_Cloture_Inscription)
    if (date === "" || cloture === "" || date === exclude || date <= today || cloture < today) continue
    const departement = pyStr(r.Departement ?? "")
    out.push({ date_examen: date, date_cloture: cloture, departement, is_first_of_dept: departement !== lastDept })
    lastDept = departement
    if (out.length >= limit) break
  }
  return out
}

/** Sessions shown to the candidate: complete dates, not started yet (DEV-D14: the original also listed started ones). */
const sessionsOf = (sessions: ReadonlyArray<ProposedSession>, examDate: string, today: string): Vars["sessions_proposees"] =>
  sessions
    .map((s) => ({ s, debut: iso(s.Date_d_but), fin: iso(s.Date_fin) }))
    .filter(({ debut, fin }) => debut !== "" && fin !== "" && debut >= today)
    .map(({ s, debut, fin }, i) => ({
      nom: pyStr(s.Name ?? ""), is_jour: s.session_type === "jour", is_soir: s.session_type === "soir",
      date_debut: debut, date_fin: fin, date_examen: examDate, is_first_of_exam: i === 0
    }))

export interface SessionProposalData {
  readonly examDate: string
  readonly examRecordId: string | null
  readonly sessions: ReadonlyArray<ProposedSession>
}

/** Sessions proposed for the new date (CAS 8), else for the current date when none is assigned (§6.4). */
export const sessionProposalOf = (analysis: AnalysisResult, today: string, preference: "jour" | "soir" | null): SessionProposalData => {
  const extra = analysis.dateAnalysis?.extra ?? {}
  const reschedule = extra.deadline_passed_reschedule === true && analysis.step5.Date_examen_VTC !== undefined
  const currentExam = iso(analysis.enriched.date_examen)
  if (reschedule && iso(extra.new_exam_date) !== "") {
    const examDate = iso(extra.new_exam_date)
    return { examDate, examRecordId: pyStr(extra.new_exam_session_id ?? ""), sessions: sessionsForExamDate(analysis.crm, examDate, preference ?? "", today, 2) }
  }
  // §6.4 item 8: a missed training gets new sessions for the assigned date
  if ((!truthy(analysis.deal.Session) || analysis.consistency.needs_refresh_session) && currentExam > today) {
    const record = analysis.enriched.date_examen_record
    return { examDate: currentExam, examRecordId: record === null ? null : pyStr(record.id), sessions: sessionsForExamDate(analysis.crm, currentExam, preference ?? "", today, 2) }
  }
  return { examDate: "", examRecordId: null, sessions: [] }
}

/** §8.5 "Required action", first match. */
const requiredAction = (v: Vars, evalbox: string, examInclus: boolean, uberCase: string): keyof Vars | null => {
  if (uberCase === "A") return "action_envoyer_documents"
  if (uberCase === "B") return "action_passer_test"
  if (uberCase === "D" || uberCase === "E") return "action_contacter_uber"
  if (!examInclus && ["", "N/A", Evalbox.DossierCree, Evalbox.DocumentsRefuses, Evalbox.DocumentsManquants, Evalbox.RefuseCma].includes(evalbox)) {
    return "action_completer_dossier"
  }
  if (evalbox === Evalbox.DossierSynchronise || (!examInclus && (evalbox === Evalbox.PretAPayer || evalbox === Evalbox.PretAPayerParCheque))) {
    return "action_surveiller_paiement"
  }
  if (evalbox === Evalbox.ValideCma) return "action_attendre_convocation"
  if (evalbox === Evalbox.ConvocCmaRecue && !v.examen_passe) return "action_preparer_examen"
  if (v.date_examen === "" && !v.has_next_dates) return "action_choisir_date"
  return null
}

export const buildVars = (input: VarsInput): Vars => {
  const { analysis, states, today } = input
  const deal = analysis.deal
  const evalbox = pyStr(deal.Evalbox ?? "")
  const a = analysis.dateAnalysis
  const extra = a?.extra ?? {}
  const reschedule = extra.deadline_passed_reschedule === true && analysis.step5.Date_examen_VTC !== undefined
  const currentExam = iso(analysis.enriched.date_examen)
  // CAS 8 moves the date in STEP 5; CAS 2 already moved it on the deal copy (analysis stage)
  const autoReported = analysis.writes.some((w) => w.purpose === "auto_report")
  const newExam = reschedule ? iso(extra.new_exam_date) : autoReported ? currentExam : ""
  const shownExam = newExam !== "" ? newExam : currentExam
  const shownCloture = newExam !== "" ? iso(extra.new_exam_date_cloture) : iso(analysis.enriched.date_cloture)
  const days = shownExam === "" ? null : daysBetween(today, shownExam)
  const intents = [input.primaryIntent, ...input.secondaryIntents].filter((i): i is string => i !== null)
  const limit = intents.some((i) => MULTI_DATE_INTENTS.has(i)) ? Thresholds.maxDatesDisplayed : 1
  const nextDates = nextDatesOf(a?.next_dates ?? [], shownExam, limit, today)
  const proposal = sessionProposalOf(analysis, today, input.sessionPreference)
  const sessions = sessionsOf(proposal.sessions, proposal.examDate, today)
  const resultat = resultatInfo(deal.Resultat)
  const examInclus = deal.EXAM_INCLUS === "Oui"
  const uberCase = analysis.uber.is_uber_20_deal ? analysis.uber.uber_case : states.facts.uberCase
  const warnings = new Set(states.warnings.map((w) => w.name))
  const pieces = Array.isArray(analysis.examt3p.pieces_refusees_details) ? analysis.examt3p.pieces_refusees_details : []
  const v: Vars = {
    state_name: states.primary.name,
    primary_intent: input.primaryIntent ?? "",
    secondary_intents: [...input.secondaryIntents],
    prenom: input.firstName,
    nom: input.lastName,
    email: input.email,
    identifiant_examt3p: pyStr(deal.IDENTIFIANT_EVALBOX ?? ""),
    mot_de_passe_examt3p: typeof deal.MDP_EVALBOX === "string" ? deal.MDP_EVALBOX : "",
    date_examen: shownExam,
    date_cloture: shownCloture !== "" && shownCloture >= today ? shownCloture : "",
    date_convocation: shownExam !== "" && addDays(shownExam, -Thresholds.convocationDaysBeforeExam) > today
      ? addDays(shownExam, -Thresholds.convocationDaysBeforeExam) : "",
    departement: pyStr(analysis.enriched.departement ?? ""),
    date_examen_vide: shownExam === "",
    examen_passe: states.primary.name === "EXAM_PASSED_AWAITING_RESULTS",
    convocation_anormale: states.facts.date.convocation_anormale,
    cloture_passed: states.facts.date.cloture_passed,
    can_modify_exam_date: states.facts.canModifyExamDate,
    deadline_passed_reschedule: reschedule,
    new_exam_date: newExam,
    new_exam_date_cloture: newExam === "" ? "" : reschedule ? iso(extra.new_exam_date_cloture) : iso(analysis.enriched.date_cloture),
    auto_assigned: analysis.writes.some((w) => w.purpose === "auto_assignment"),
    auto_assigned_exam_date: analysis.writes.some((w) => w.purpose === "auto_assignment") ? currentExam : "",
    next_dates: nextDates,
    has_next_dates: (nextDates ?? []).length > 0,
    sessions_proposees: sessions,
    has_sessions_proposees: (sessions ?? []).length > 0,
    session_preference: input.sessionPreference ?? "",
    preference_horaire_text: input.sessionPreference === "jour" ? "cours du jour" : input.sessionPreference === "soir" ? "cours du soir" : "",
    session_assigned: truthy(deal.Session),
    session_date_debut: iso(analysis.enriched.session_date_debut),
    session_date_fin: iso(analysis.enriched.session_date_fin),
    session_assignment_error: states.facts.sessionAssignmentError,
    has_pieces_refusees: pieces.length > 0,
    exam_inclus: examInclus,
    no_evalbox_status: evalbox === "" || evalbox === "N/A",
    uber_20: analysis.uber.is_uber_20_deal,
    uber_eligible: uberCase === "ELIGIBLE",
    uber_cas_a: warnings.has("UBER_DOCS_MISSING"),
    uber_cas_b: warnings.has("UBER_TEST_MISSING"),
    uber_cas_d: warnings.has("UBER_ACCOUNT_NOT_VERIFIED"),
    uber_cas_e: warnings.has("UBER_NOT_ELIGIBLE"),
    uber_prospect: warnings.has("UBER_PROSPECT"),
    personal_account_warning: warnings.has("PERSONAL_ACCOUNT_WARNING"),
    credentials_invalid: states.facts.credentialsInvalid,
    examt3p_access_lost: states.blocking?.name === "EXAMT3P_ACCESS_LOST",
    missed_training_force_majeure: states.blocking?.name === "MISSED_TRAINING_FORCE_MAJEURE",
    formation_manquee_needs_refresh: analysis.consistency.needs_refresh_session && states.blocking === null
  }
  for (const [value, flag] of EVALBOX_FLAGS) if (evalbox === value) (v as Record<string, unknown>)[flag] = true
  if (resultat.flag !== null) (v as Record<string, unknown>)[resultat.flag] = true
  if (days !== null && days < 0 && states.primary.name === "EXAM_DATE_PAST_VALIDATED") v.examen_probablement_passe = true
  for (const intent of intents) {
    const flag = INTENT_FLAGS[intent]
    if (flag !== undefined) (v as Record<string, unknown>)[flag] = true
  }
  for (const [flag, phrases] of UBER_WARNING_SENT) {
    if (v[flag] === true && phrases.some((p) => input.previousReplies.includes(p))) (v as Record<string, unknown>)[flag] = false
  }
  const uberWarningShown = v.uber_cas_a === true || v.uber_cas_b === true || v.uber_cas_d === true || v.uber_cas_e === true
  const action = requiredAction(v, evalbox, examInclus, uberWarningShown || !["A", "B", "D", "E"].includes(uberCase) ? uberCase : "")
  if (action !== null) {
    v.has_required_action = true
    ;(v as Record<string, unknown>)[action] = true
  }
  return v
}
