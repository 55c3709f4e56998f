/**
 * Section visibility (§8.5) on top of the computed variables: the matrix row's flags are
 * authoritative (rule 11); code computes the flags the row leaves unset, then the deliberate
 * overrides (report flags, refused pieces, finished dossier, lost access) and the conversation
 * memory (§8.6) hide what the candidate already received unchanged.
 */
import type { MatrixRow } from "../../services/rules/states/matrix.ts"
import type { MemoryVerdict } from "../../services/rules/states/memory.ts"
import type { Vars } from "./templateVars.ts"

const CONFIRMATION_INTENTS = new Set(["CONFIRMATION_SESSION", "CONFIRMATION_DATE_EXAMEN"])

export interface VisibilityInput {
  readonly vars: Vars
  readonly row: MatrixRow
  readonly intents: ReadonlyArray<string>
  readonly helperCase: number | null
  readonly dossierTermine: boolean
  readonly mentionsForceMajeure: boolean
  readonly memory: MemoryVerdict
}

/** Intents whose answer needs the section even when the memory would hide it. */
const NEEDS_DATES = new Set(["DEMANDE_DATE_EXAMEN", "DEMANDE_AUTRES_DATES", "DEMANDE_DATES_FUTURES", "REPORT_DATE", "DEMANDE_DATE_PLUS_TOT"])
const NEEDS_SESSIONS = new Set(["CONFIRMATION_SESSION", "DEMANDE_CHANGEMENT_SESSION", "QUESTION_SESSION"])

export const applyVisibility = (input: VisibilityInput): Vars => {
  const v: Vars = { ...input.vars }
  const rowFlags = input.row.flags
  const isSet = (flag: keyof typeof rowFlags) => rowFlags[flag] !== undefined
  const reportActive = () => v.report_bloque === true || v.report_force_majeure === true

  // report flags (computed, not from the matrix), §8.5
  if (input.intents.includes("REPORT_DATE") && input.helperCase !== 8) {
    if (v.can_modify_exam_date) v.report_possible = true
    else if (input.mentionsForceMajeure) v.report_force_majeure = true
    else v.report_bloque = true
  }
  for (const [flag, value] of Object.entries(rowFlags)) (v as Record<string, unknown>)[flag] = value

  if (!isSet("show_statut_section")) v.show_statut_section = true
  if (!isSet("show_dates_section")) {
    v.show_dates_section = input.helperCase === 2
      ? v.has_next_dates === true
      : !input.intents.some((i) => CONFIRMATION_INTENTS.has(i)) && v.date_examen === "" && v.has_next_dates === true && !reportActive()
  }
  if (!isSet("show_sessions_section")) {
    v.show_sessions_section = v.has_sessions_proposees === true && (v.session_assigned !== true || v.formation_manquee_needs_refresh === true) && v.date_examen !== "" && !reportActive() &&
      !input.intents.some((i) => CONFIRMATION_INTENTS.has(i))
  }
  if (v.has_pieces_refusees === true) {
    v.show_statut_section = true
    v.has_required_action = true
    v.action_corriger_documents = true
  }
  if (input.dossierTermine) {
    v.show_sessions_section = false
    v.has_required_action = false
    v.suppress_elearning = true
    if (!input.intents.includes("DEMANDE_REINSCRIPTION")) v.show_dates_section = false
  }

  // section-0 blocks cover their intent (§9.4)
  if (v.report_possible || v.report_bloque || v.report_force_majeure) v.intention_report_date = false
  if (v.resultat_admis || v.resultat_non_admis || v.resultat_admissible || v.resultat_non_admissible || v.resultat_absent ||
    v.resultat_convoc_pas_recu || v.resultat_plus_interesse) v.intention_resultat_examen = false
  if (v.credentials_invalid || v.credentials_inconnus) v.intention_demande_identifiants = false

  // conversation memory (§8.6): hide what was sent last time and has not changed
  const hidden = input.memory.suppressed
  if (hidden.has("statut")) v.show_statut_section = false
  if (hidden.has("dates") && !input.intents.some((i) => NEEDS_DATES.has(i))) v.show_dates_section = false
  if (hidden.has("sessions") && !input.intents.some((i) => NEEDS_SESSIONS.has(i))) v.show_sessions_section = false
  if (hidden.has("elearning")) v.suppress_elearning = true

  if (v.missed_training_force_majeure) {
    // FM-1 (§8.1): the empathetic block only; a person takes over
    v.has_required_action = false
    v.show_dates_section = false
    v.show_sessions_section = false
  }
  if (v.examt3p_access_lost) {
    v.show_statut_section = false
    v.show_dates_section = false
    v.show_sessions_section = false
    v.has_required_action = false
  }
  return v
}
