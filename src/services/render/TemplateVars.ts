import { Schema } from "effect"
import { date, flag, IsoDate, list, text, textOr } from "./internal/fields.ts"

/**
 * Every variable the reply templates may read, each with an explicit default, so that
 * Handlebars strict mode can run: a variable the templates use but this schema does not
 * declare is rejected when the templates are compiled. Names follow DOMAIN.md §9.5.
 * Dates are `YYYY-MM-DD` calendar strings ("" = unset); the templates format them in French.
 * Every string here is HTML-escaped when rendered (names, messages, ExamT3P texts…).
 */

/** One exam date on offer (section 4a). */
export const NextDate = Schema.Struct({
  date_examen: IsoDate,
  date_cloture: IsoDate,
  departement: Schema.String,
  is_first_of_dept: flag
}).annotations({ identifier: "NextDate" })

/** One training session on offer (section 4b). `nom` is the internal session name: never printed. */
export const ProposedSession = Schema.Struct({
  nom: text,
  is_jour: flag,
  is_soir: flag,
  date_debut: IsoDate,
  date_fin: IsoDate,
  date_examen: IsoDate,
  is_first_of_exam: flag
}).annotations({ identifier: "ProposedSession" })

/** A document the CMA or the school refused, as reported by ExamT3P. */
export const RefusedPiece = Schema.Struct({
  nom: Schema.String,
  motif: text,
  solution: text
}).annotations({ identifier: "RefusedPiece" })

const identity = {
  state_name: text,
  primary_intent: text,
  secondary_intents: list(Schema.String),
  prenom: text,
  nom: text,
  is_female: flag,
  is_male: flag,
  email: text,
  identifiant_examt3p: text,
  mot_de_passe_examt3p: text,
  show_credentials: flag,
  direct_answer: text
}

const links = {
  elearning_url: textOr("https://cab-formations.fr/user"),
  examt3p_url: textOr("https://www.exament3p.fr"),
  school_email: textOr("doc@cab-formations.fr")
}

const examDate = {
  date_examen: date,
  date_cloture: date,
  date_convocation: date,
  departement: text,
  date_examen_vide: flag,
  examen_passe: flag,
  examen_probablement_passe: flag,
  /** Derived by the renderer (`date_examen` before today): a supplied value is overridden. */
  date_examen_is_past: flag,
  convocation_anormale: flag,
  cloture_passed: flag,
  can_modify_exam_date: flag,
  deadline_passed_reschedule: flag,
  new_exam_date: date,
  new_exam_date_cloture: date,
  auto_assigned: flag,
  auto_assigned_exam_date: date,
  auto_assigned_session_start: date,
  auto_assigned_session_end: date,
  auto_assigned_session_is_soir: flag,
  confirmed_exam_date: date,
  confirmed_exam_date_unavailable: flag,
  previously_communicated_date: date,
  references_previous_communication: flag,
  previously_asked_to_complete: flag
}

const proposedDates = {
  next_dates: list(NextDate),
  has_next_dates: flag,
  dates_proposed_recently: flag,
  no_dates_in_own_dept: flag,
  no_date_for_requested_month: flag,
  requested_month_name: text,
  requested_location: text,
  no_earlier_dates_available: flag,
  has_earlier_options: flag,
  /** an earlier date elsewhere means a new ExamT3P dossier in that département */
  requires_department_change_process: flag,
  has_month_in_other_depts: flag,
  preference_horaire_text: text,
  /** implicit repositioning (§5.6): a report towards the month of the training asked for */
  implicit_date_repositioning: flag,
  /** level 0: already changed; levels 1–2: the CMA is asked first */
  repositioning_automatic: flag,
  repositioning_target_date: date,
  repositioning_target_cloture: date,
  repositioning_month_name: text
}

const sessions = {
  sessions_proposees: list(ProposedSession),
  has_sessions_proposees: flag,
  session_preference: text,
  session_preference_no_match: flag,
  session_preference_requested_text: text,
  session_assigned: flag,
  session_confirmed: flag,
  session_is_jour: flag,
  session_is_soir: flag,
  session_date_debut: date,
  session_date_fin: date,
  session_after_exam: flag,
  session_after_exam_can_reposition: flag,
  matched_session_start: date,
  matched_session_end: date,
  session_assignment_error: flag,
  session_change_includes_next_date: flag,
  session_change_needs_cma: flag,
  formation_manquee_needs_refresh: flag,
  missed_training_force_majeure: flag
}

const dossier = {
  evalbox_dossier_cree: flag,
  evalbox_dossier_synchronise: flag,
  evalbox_pret_a_payer: flag,
  evalbox_valide_cma: flag,
  evalbox_refus_cma: flag,
  evalbox_documents_refuses: flag,
  evalbox_convoc_recue: flag,
  no_evalbox_status: flag,
  has_pieces_refusees: flag,
  pieces_refusees_details: list(RefusedPiece),
  exam_inclus: flag,
  probation_pending: flag
}

const uber = {
  uber_20: flag,
  uber_eligible: flag,
  uber_documents_received: flag,
  eligibility_concern: flag,
  uber_cas_a: flag,
  uber_cas_b: flag,
  uber_cas_d: flag,
  uber_cas_d_email_received: flag,
  uber_alternative_email: text,
  uber_cas_e: flag,
  uber_prospect: flag,
  uber_doublon: flag
}

const reportAndCancellation = {
  report_possible: flag,
  report_bloque: flag,
  report_force_majeure: flag,
  cancellation_is_timing: flag,
  cancellation_is_retractation: flag,
  cancellation_is_contestation: flag,
  cma_paid_cloture_open: flag,
  cma_paid_cloture_passed: flag,
  remboursement_cma_choice_conserver: flag,
  remboursement_cma_choice_remboursement: flag
}

const results = {
  resultat_admis: flag,
  resultat_non_admis: flag,
  resultat_admissible: flag,
  resultat_non_admissible: flag,
  resultat_absent: flag,
  resultat_convoc_pas_recu: flag,
  resultat_plus_interesse: flag
}

const access = {
  credentials_invalid: flag,
  credentials_inconnus: flag,
  examt3p_access_lost: flag,
  personal_account_warning: flag
}

const visibility = {
  show_statut_section: flag,
  show_dates_section: flag,
  show_sessions_section: flag,
  show_prospect_rappel: flag,
  show_spam_reminder: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  suppress_elearning: flag,
  has_required_action: flag,
  action_passer_test: flag,
  action_envoyer_documents: flag,
  action_completer_dossier: flag,
  action_corriger_documents: flag,
  action_choisir_date: flag,
  action_choisir_session: flag,
  action_surveiller_paiement: flag,
  action_attendre_convocation: flag,
  action_preparer_examen: flag,
  action_contacter_uber: flag
}

/** One flag per answered intent (DOMAIN.md §9.4); several may be set (primary + secondaries). */
const intentions = {
  intention_statut_dossier: flag,
  intention_demande_date: flag,
  intention_confirmation_date: flag,
  intention_demande_identifiants: flag,
  intention_confirmation_session: flag,
  intention_question_session: flag,
  intention_demande_convocation: flag,
  intention_demande_elearning: flag,
  intention_probleme_connexion_elearning: flag,
  intention_demande_date_visio: flag,
  intention_demande_lien_visio: flag,
  intention_demande_changement_session: flag,
  intention_report_date: flag,
  intention_demande_date_plus_tot: flag,
  intention_probleme_documents: flag,
  intention_question_processus: flag,
  intention_autres_departements: flag,
  intention_question_generale: flag,
  intention_document_question: flag,
  intention_resultat_examen: flag,
  intention_question_uber: flag,
  intention_confirmation_paiement: flag,
  intention_refus_credentials: flag,
  intention_demande_exception: flag,
  intention_erreur_paiement_cma: flag,
  intention_question_examen_pratique: flag,
  intention_permis_renouvellement: flag,
  intention_permis_probatoire: flag,
  intention_question_permis_etranger: flag,
  intention_question_carte_sejour: flag,
  intention_question_hebergement: flag,
  intention_reclamation: flag,
  intention_demande_annulation: flag,
  intention_confirmation_doublon: flag,
  intention_refus_doublon: flag,
  intention_demande_reinscription: flag,
  intention_question_carte_vtc: flag,
  intention_demande_certificat: flag,
  intention_demande_suppression_donnees: flag,
  intention_date_lointaine: flag,
  intention_demande_appel_tel: flag,
  intention_signale_pas_recu_email: flag,
  intention_remerciement: flag,
  intention_salutation: flag,
  intention_message_confus: flag
}

export const TemplateVars = Schema.Struct({
  ...identity,
  ...links,
  ...examDate,
  ...proposedDates,
  ...sessions,
  ...dossier,
  ...uber,
  ...reportAndCancellation,
  ...results,
  ...access,
  ...visibility,
  ...intentions
}).annotations({ identifier: "TemplateVars" })

/** The complete record the templates read (every field present). */
export type TemplateVars = typeof TemplateVars.Type
/** What `decide` supplies: any subset; the rest takes its default. */
export type TemplateVarsInput = typeof TemplateVars.Encoded

/** The item schemas of the list variables, for checking `{{#each}}` bodies. */
export const listItemFields: Readonly<Record<string, ReadonlyArray<string>>> = {
  next_dates: Object.keys(NextDate.fields),
  sessions_proposees: Object.keys(ProposedSession.fields),
  pieces_refusees_details: Object.keys(RefusedPiece.fields)
}
