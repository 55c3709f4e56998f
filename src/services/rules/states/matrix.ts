/**
 * The state × intention matrix (§8.3–§8.4): the reachable rows, as one typed table. A row gives
 * the entry template (`master`, or the legacy template the original used — docflow renders those
 * rows with the master and the intent's own block, see DEVIATIONS) and the context flags it forces.
 * Lookup: exact `STATE:INTENT`, then `*:INTENT`, then the master with no forced flag.
 */
export type MatrixFlag =
  | "show_statut_section" | "show_dates_section" | "show_sessions_section" | "action_choisir_date" | "has_required_action"
  | "examen_passe" | "examen_probablement_passe" | "date_examen_vide" | "evalbox_dossier_synchronise" | "report_bloque"
  | "show_credentials" | "credentials_invalid" | "missed_training_force_majeure" | "suppress_elearning"
  | "intention_confirmation_date"

export type CrmUpdateMethod = "extract_date_choice" | "preference_from_session"

export interface MatrixRow {
  readonly key: string
  readonly template: string
  readonly flags: Readonly<Partial<Record<MatrixFlag, boolean>>>
  readonly crmUpdate?: CrmUpdateMethod
}

const statut = { show_statut_section: true } as const
const master = (key: string, flags: MatrixRow["flags"] = {}, crmUpdate?: CrmUpdateMethod): MatrixRow =>
  crmUpdate === undefined ? { key, template: "master", flags } : { key, template: "master", flags, crmUpdate }
const legacy = (key: string, template: string, flags: MatrixRow["flags"] = {}): MatrixRow => ({ key, template, flags })
const noSections = { show_statut_section: false, show_dates_section: false, show_sessions_section: false } as const

export const MATRIX_ROWS: ReadonlyArray<MatrixRow> = [
  master("EXAM_DATE_EMPTY:QUESTION_GENERALE", { ...statut, action_choisir_date: true, has_required_action: true }),
  master("EXAM_DATE_EMPTY:RESULTAT_EXAMEN", statut),
  master("EXAM_DATE_EMPTY:DEMANDE_IDENTIFIANTS", { ...statut, action_choisir_date: true, has_required_action: true }),
  master("EXAM_DATE_EMPTY:STATUT_DOSSIER", { ...statut, action_choisir_date: true, has_required_action: true }),
  master("EXAM_DATE_EMPTY:CONFIRMATION_SESSION",
    { ...statut, intention_confirmation_date: true, show_sessions_section: false, action_choisir_date: false }, "extract_date_choice"),
  master("EXAM_DATE_EMPTY:CONFIRMATION_DATE_EXAMEN", statut, "extract_date_choice"),
  master("EXAM_DATE_EMPTY:DEMANDE_CONVOCATION", { date_examen_vide: true, show_dates_section: true }),
  legacy("EXAM_DATE_EMPTY:DEMANDE_DATE_EXAMEN", "propose_dates"),
  legacy("EXAM_DATE_EMPTY:DEMANDE_AUTRES_DATES", "propose_dates_elargies"),
  ...["QUESTION_GENERALE", "RESULTAT_EXAMEN", "STATUT_DOSSIER", "DEMANDE_IDENTIFIANTS"].map((i) => master(`EXAM_DATE_ASSIGNED_WAITING:${i}`, statut)),
  master("EXAM_DATE_ASSIGNED_WAITING:CONFIRMATION_SESSION", { ...statut, show_sessions_section: true }, "preference_from_session"),
  ...["RESULTAT_EXAMEN", "STATUT_DOSSIER", "QUESTION_GENERALE"].map((i) =>
    master(`EXAM_PASSED_AWAITING_RESULTS:${i}`, { ...statut, examen_passe: true })),
  ...["DEMANDE_LIEN_VISIO", "DEMANDE_DATE_VISIO", "QUESTION_GENERALE", "STATUT_DOSSIER", "REPORT_DATE"].map((i) =>
    master(`MISSED_TRAINING_FORCE_MAJEURE:${i}`, { ...noSections, missed_training_force_majeure: true })),
  ...["STATUT_DOSSIER", "RESULTAT_EXAMEN", "QUESTION_GENERALE", "CONFIRMATION_SESSION", "DEMANDE_IDENTIFIANTS"].map((i) =>
    master(`EXAM_DATE_PAST_VALIDATED:${i}`, statut)),
  master("EXAM_DATE_PAST_VALIDATED:DEMANDE_CONVOCATION", { ...statut, examen_probablement_passe: true }),
  legacy("EXAM_DATE_PAST_VALIDATED:DEMANDE_REINSCRIPTION", "reinscription_examen_manque"),
  legacy("EXAM_DATE_PAST_VALIDATED:DEMANDE_EXCEPTION", "reinscription_examen_manque"),
  master("DOSSIER_SYNCHRONIZED:STATUT_DOSSIER", statut),
  master("DOSSIER_SYNCHRONIZED:CONFIRMATION_SESSION", { ...statut, show_sessions_section: true }),
  master("DOSSIER_SYNCHRONIZED:DEMANDE_CONVOCATION", { ...statut, evalbox_dossier_synchronise: true }),
  master("DOSSIER_SYNCHRONIZED:DEMANDE_DATE_EXAMEN", { ...statut, show_dates_section: false, show_sessions_section: false }),
  master("CONVOCATION_RECEIVED:REPORT_DATE",
    { ...statut, report_bloque: true, show_credentials: true, show_dates_section: false, show_sessions_section: false }),
  master("CONVOCATION_RECEIVED:STATUT_DOSSIER", statut),
  master("CONVOCATION_RECEIVED:RESULTAT_EXAMEN", statut),
  master("CONVOCATION_RECEIVED:DEMANDE_IDENTIFIANTS", { ...noSections, show_credentials: true, has_required_action: false, suppress_elearning: true }),
  master("CONVOCATION_RECEIVED:PROBLEME_CONNEXION_EXAMT3P",
    { ...noSections, credentials_invalid: true, show_credentials: true, has_required_action: false, suppress_elearning: true }),
  master("CONVOCATION_RECEIVED:DEMANDE_CONVOCATION", { ...statut, show_credentials: true }),
  master("VALIDE_CMA_WAITING_CONVOC:REPORT_DATE", { report_bloque: true, show_statut_section: false }),
  master("VALIDE_CMA_WAITING_CONVOC:CONFIRMATION_SESSION", { ...statut, show_sessions_section: false }),
  master("VALIDE_CMA_WAITING_CONVOC:DEMANDE_CONVOCATION", statut),
  master("READY_TO_PAY:CONFIRMATION_SESSION", { ...statut, show_sessions_section: true }, "preference_from_session"),
  // wildcards
  ...["QUESTION_GENERALE", "STATUT_DOSSIER", "CONFIRMATION_PAIEMENT", "DOCUMENT_QUESTION", "ERREUR_PAIEMENT_CMA", "PERMIS_RENOUVELLEMENT",
    "DEMANDE_CONVOCATION", "REPORT_DATE"].map((i) => master(`*:${i}`, statut)),
  ...["DEMANDE_IDENTIFIANTS", "ENVOIE_IDENTIFIANTS"].map((i) => master(`*:${i}`, { ...statut, show_credentials: true })),
  master("*:PROBLEME_CONNEXION_EXAMT3P", { ...statut, credentials_invalid: true, show_credentials: true }),
  ...["PROBLEME_CONNEXION_ELEARNING", "DEMANDE_ELEARNING_ACCESS"].map((i) => master(`*:${i}`, statut)),
  master("*:DEMANDE_DATE_VISIO", { ...statut, show_sessions_section: false }),
  master("*:DEMANDE_LIEN_VISIO", { show_dates_section: false, show_sessions_section: false }),
  master("*:DEMANDE_CHANGEMENT_SESSION", noSections),
  master("*:CONFIRMATION_SESSION", { ...statut, show_sessions_section: true }),
  master("*:CONFIRMATION_DATE_EXAMEN", { ...statut, show_dates_section: false }),
  master("*:FORCE_MAJEURE_REPORT"),
  master("*:DEMANDE_DATE_PLUS_TOT", { show_statut_section: false, show_dates_section: false }),
  ...["DEMANDE_DATES_FUTURES", "DEMANDE_AUTRES_DATES", "DEMANDE_AUTRES_DEPARTEMENTS", "DATE_LOINTAINE_EXAMT3P", "DEMANDE_EXCEPTION",
    "PERMIS_PROBATOIRE", "DEMANDE_REINSCRIPTION"].map((i) => master(`*:${i}`, { show_dates_section: true })),
  master("*:DEMANDE_DATE_EXAMEN", { show_dates_section: true, show_sessions_section: true }),
  ...["QUESTION_PERMIS_ETRANGER", "QUESTION_CARTE_SEJOUR", "QUESTION_HEBERGEMENT"].map((i) => master(`*:${i}`, { show_statut_section: false })),
  ...["SIGNALE_PROBLEME_DOCS", "ENVOIE_DOCUMENTS", "TRANSMET_DOCUMENTS", "RESULTAT_EXAMEN", "ANNONCE_RESULTAT_POSITIF", "ANNONCE_RESULTAT_NEGATIF",
    "QUESTION_CARTE_VTC", "QUESTION_EXAMEN_PRATIQUE", "DEMANDE_CERTIFICAT_FORMATION", "DEMANDE_INFOS_OFFRE", "QUESTION_PROCESSUS"].map((i) => master(`*:${i}`)),
  master("*:QUESTION_SESSION", { show_sessions_section: true }),
  master("*:DEMANDE_SUPPRESSION_DONNEES", { show_dates_section: false, show_sessions_section: false }),
  master("*:DEMANDE_ANNULATION", { show_statut_section: false, show_sessions_section: false }),
  ...["CONFIRMATION_DOUBLON", "REFUS_DOUBLON"].map((i) => master(`*:${i}`, { show_statut_section: false, show_dates_section: false })),
  legacy("*:REFUS_PARTAGE_CREDENTIALS", "credentials_refused_security"),
  legacy("*:DEMANDE_APPEL_TEL", "demande_appel"),
  legacy("*:RECLAMATION", "reclamation"),
  legacy("*:REMERCIEMENT", "remerciement"),
  legacy("*:SALUTATION", "salutation"),
  legacy("*:MESSAGE_CONFUS", "message_confus"),
  legacy("*:SIGNALE_PAS_RECU_EMAIL", "pas_recu_email")
]

const byKey: ReadonlyMap<string, MatrixRow> = new Map(MATRIX_ROWS.map((r) => [r.key, r]))

export const FALLBACK_ROW: MatrixRow = { key: "*:*", template: "master", flags: {} }

/** Exact row, then wildcard row, then the master with no forced flag. */
export const matrixRowFor = (stateName: string, intent: string | null): MatrixRow =>
  (intent === null ? undefined : byKey.get(`${stateName}:${intent}`) ?? byKey.get(`*:${intent}`)) ?? FALLBACK_ROW
