import type { TemplateVarsInput } from "../TemplateVars.ts"

/** The calendar day every sample is rendered on (a Monday). */
export const SAMPLE_TODAY = "2026-03-02"

type Vars = { -readonly [K in keyof TemplateVarsInput]: TemplateVarsInput[K] }

const candidate: Vars = {
  prenom: "Sarah",
  nom: "Martin",
  is_female: true,
  email: "sarah.martin@example.org",
  identifiant_examt3p: "sarah.martin@example.org",
  mot_de_passe_examt3p: "Vtc-2026!k",
  departement: "75",
  uber_20: true,
  uber_eligible: true,
  exam_inclus: true
}

export const nextDates75 = [
  { date_examen: "2026-05-26", date_cloture: "2026-04-29", departement: "75", is_first_of_dept: true },
  { date_examen: "2026-06-23", date_cloture: "2026-05-27", departement: "75" }
]

export const sessionsFor = (exam: "2026-04-28" | "2026-05-26") =>
  exam === "2026-04-28"
    ? [
      { nom: "cdj-visio-vtc-0413", is_jour: true, date_debut: "2026-04-13", date_fin: "2026-04-17", date_examen: exam, is_first_of_exam: true },
      { nom: "cds-visio-vtc-0406", is_soir: true, date_debut: "2026-04-06", date_fin: "2026-04-17", date_examen: exam }
    ]
    : [
      { nom: "cdj-visio-vtc-0511", is_jour: true, date_debut: "2026-05-11", date_fin: "2026-05-15", date_examen: exam, is_first_of_exam: true },
      { nom: "cds-visio-vtc-0504", is_soir: true, date_debut: "2026-05-04", date_fin: "2026-05-15", date_examen: exam }
    ]

const assignedExam: Vars = { date_examen: "2026-04-28", date_cloture: "2026-04-01", date_convocation: "2026-04-18" }

/** Template variables typical of each candidate state (before the intent and matrix flags). */
export const STATE_BASES: Readonly<Record<string, Vars>> = {
  EXAM_DATE_EMPTY: {
    ...candidate, date_examen_vide: true, evalbox_dossier_cree: true,
    next_dates: nextDates75, has_next_dates: true,
    sessions_proposees: sessionsFor("2026-05-26"), has_sessions_proposees: true
  },
  EXAM_DATE_ASSIGNED_WAITING: {
    ...candidate, ...assignedExam, evalbox_dossier_cree: true,
    session_assigned: true, session_is_jour: true, session_date_debut: "2026-04-13", session_date_fin: "2026-04-17"
  },
  EXAM_PASSED_AWAITING_RESULTS: {
    ...candidate, date_examen: "2026-02-17", examen_passe: true, evalbox_convoc_recue: true
  },
  MISSED_TRAINING_FORCE_MAJEURE: {
    ...candidate, date_examen: "2026-03-10", evalbox_valide_cma: true, missed_training_force_majeure: true,
    show_statut_section: false, show_dates_section: false, show_sessions_section: false
  },
  EXAM_DATE_PAST_VALIDATED: {
    ...candidate, date_examen: "2026-02-17", evalbox_valide_cma: true, examen_probablement_passe: true, suppress_elearning: true
  },
  DOSSIER_SYNCHRONIZED: {
    ...candidate, ...assignedExam, evalbox_dossier_synchronise: true,
    session_assigned: true, session_is_soir: true, session_date_debut: "2026-04-06", session_date_fin: "2026-04-17"
  },
  CONVOCATION_RECEIVED: {
    ...candidate, date_examen: "2026-03-10", date_cloture: "2026-02-10", evalbox_convoc_recue: true,
    session_assigned: true, session_is_jour: true, session_date_debut: "2026-02-23", session_date_fin: "2026-02-27"
  },
  VALIDE_CMA_WAITING_CONVOC: {
    ...candidate, ...assignedExam, evalbox_valide_cma: true,
    session_assigned: true, session_is_jour: true, session_date_debut: "2026-04-13", session_date_fin: "2026-04-17"
  },
  READY_TO_PAY: {
    ...candidate, ...assignedExam, evalbox_pret_a_payer: true,
    sessions_proposees: sessionsFor("2026-04-28"), has_sessions_proposees: true
  },
  REFUSED_CMA: {
    ...candidate, ...assignedExam, evalbox_refus_cma: true, has_pieces_refusees: true,
    pieces_refusees_details: [
      { nom: "Justificatif de domicile", motif: "document de plus de 3 mois", solution: "Envoyez une facture ou un avis d'imposition récent" }
    ]
  },
  DEADLINE_MISSED: {
    ...candidate, date_examen: "2026-03-24", date_cloture: "2026-02-25", evalbox_dossier_cree: true,
    deadline_passed_reschedule: true, new_exam_date: "2026-05-26", new_exam_date_cloture: "2026-04-29",
    sessions_proposees: sessionsFor("2026-05-26"), has_sessions_proposees: true
  },
  EXAM_DATE_PAST_NOT_VALIDATED: {
    ...candidate, date_examen: "2026-02-17", evalbox_dossier_synchronise: true,
    new_exam_date: "2026-04-28", new_exam_date_cloture: "2026-04-01"
  },
  EXAMT3P_ACCESS_LOST: {
    ...candidate, ...assignedExam, evalbox_valide_cma: true, examt3p_access_lost: true
  },
  CREDENTIALS_INVALID: {
    ...candidate, evalbox_dossier_cree: true, date_examen_vide: true, credentials_invalid: true
  },
  CREDENTIALS_REFUSED_SECURITY: {
    ...candidate, ...assignedExam, evalbox_dossier_synchronise: true, identifiant_examt3p: "", mot_de_passe_examt3p: ""
  },
  REFRESH_SESSION_AVAILABLE: {
    ...candidate, ...assignedExam, evalbox_valide_cma: true, session_assigned: true, session_is_jour: true,
    session_date_debut: "2026-02-02", session_date_fin: "2026-02-06", formation_manquee_needs_refresh: true,
    sessions_proposees: sessionsFor("2026-04-28"), has_sessions_proposees: true
  }
}
