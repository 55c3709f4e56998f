import type { TemplateVarsInput } from "../TemplateVars.ts"
import { INTENT_FLAGS } from "../intentFlags.ts"
import { nextDates75, sessionsFor, STATE_BASES } from "./states.ts"

type Vars = { -readonly [K in keyof TemplateVarsInput]: TemplateVarsInput[K] }

/** One reachable STATE × INTENTION row of DOMAIN.md §8.4 with sample variables and the facts its reply must carry. */
export interface SampleRow {
  readonly id: string
  readonly state: string
  readonly intent: string
  /** A `*:INTENT` wildcard row, shown in a representative state. */
  readonly wildcard: boolean
  readonly vars: TemplateVarsInput
  /** Text the reply must contain (dates in French, hours, links…). */
  readonly facts: ReadonlyArray<string>
  /** Sections the reply must contain besides greeting and signature. */
  readonly sections: ReadonlyArray<string>
}

const statut: Vars = { show_statut_section: true }
const dates: Vars = { show_dates_section: true }
const sess: Vars = { show_sessions_section: true }
const noSections: Vars = { show_statut_section: false, show_dates_section: false, show_sessions_section: false }
const action = (name: string): Vars => ({ has_required_action: true, [`action_${name}`]: true })

const DATE_FACTS_75 = ["mardi 26 mai 2026", "mercredi 29 avril 2026", "mardi 23 juin 2026", "CMA 75"]
const SESSION_FACTS_MAY = ["8h30–17h30", "18h–22h", "lundi 11 mai 2026", "vendredi 15 mai 2026", "lundi 4 mai 2026"]
const SESSION_FACTS_APRIL = ["8h30–17h30", "18h–22h", "lundi 13 avril 2026", "vendredi 17 avril 2026", "lundi 6 avril 2026"]

const intentSection = (intent: string): string => `intent:${(INTENT_FLAGS[intent] ?? "").replace(/^intention_/, "")}`

const row = (
  state: string,
  intent: string,
  flags: Vars,
  facts: ReadonlyArray<string>,
  options: { readonly wildcard?: boolean; readonly sections?: ReadonlyArray<string> } = {}
): SampleRow => {
  const flag = INTENT_FLAGS[intent]
  if (flag === undefined) throw new Error(`sample row ${state}:${intent}: intent without a flag`)
  const wildcard = options.wildcard ?? false
  return {
    id: `${wildcard ? "*" : state}:${intent}`,
    state,
    intent,
    wildcard,
    vars: { ...STATE_BASES[state], state_name: state, primary_intent: intent, [flag]: true, ...flags },
    facts,
    sections: options.sections ?? [intentSection(intent)]
  }
}

/** `*:INTENT` rows, rendered for a candidate whose date is assigned and dossier is being built. */
const any = (intent: string, flags: Vars, facts: ReadonlyArray<string>, sections?: ReadonlyArray<string>): SampleRow =>
  row("EXAM_DATE_ASSIGNED_WAITING", intent, flags, facts, sections === undefined ? { wildcard: true } : { wildcard: true, sections })

const withDates: Vars = { ...dates, next_dates: nextDates75, has_next_dates: true }

export const EXPLICIT_ROWS: ReadonlyArray<SampleRow> = [
  row("EXAM_DATE_EMPTY", "QUESTION_GENERALE", { ...statut, ...action("choisir_date"), ...withDates }, ["Sarah", ...DATE_FACTS_75]),
  row("EXAM_DATE_EMPTY", "RESULTAT_EXAMEN", statut, ["2 à 4 semaines"]),
  row("EXAM_DATE_EMPTY", "DEMANDE_IDENTIFIANTS", { ...statut, ...action("choisir_date"), ...withDates }, ["sarah.martin@example.org", "Vtc-2026!k", "https://www.exament3p.fr"]),
  row("EXAM_DATE_EMPTY", "STATUT_DOSSIER", { ...statut, ...action("choisir_date"), ...withDates }, ["en cours de constitution", ...DATE_FACTS_75]),
  row("EXAM_DATE_EMPTY", "CONFIRMATION_SESSION", { ...statut, intention_confirmation_date: true, confirmed_exam_date: "2026-05-26", show_sessions_section: false, session_preference: "soir", preference_horaire_text: "cours du soir" }, ["mardi 26 mai 2026", "cours du soir"], { sections: ["intent:confirmation_date", "intent:confirmation_session"] }),
  row("EXAM_DATE_EMPTY", "CONFIRMATION_DATE_EXAMEN", { ...statut, confirmed_exam_date: "2026-05-26" }, ["mardi 26 mai 2026", "validé par la CMA"]),
  row("EXAM_DATE_EMPTY", "DEMANDE_CONVOCATION", { ...withDates }, ["Aucune date d'examen n'est encore fixée", ...DATE_FACTS_75]),
  row("EXAM_DATE_EMPTY", "DEMANDE_DATE_EXAMEN", { ...withDates, ...sess }, [...DATE_FACTS_75, ...SESSION_FACTS_MAY], { sections: ["intent:demande_date", "exam_dates", "sessions"] }),
  row("EXAM_DATE_EMPTY", "DEMANDE_AUTRES_DATES", { ...withDates }, DATE_FACTS_75, { sections: ["intent:demande_date", "exam_dates"] }),
  row("EXAM_DATE_ASSIGNED_WAITING", "QUESTION_GENERALE", { ...statut, direct_answer: "Votre formation du jour est prévue du 13 au 17 avril." }, ["Votre formation du jour est prévue"]),
  row("EXAM_DATE_ASSIGNED_WAITING", "RESULTAT_EXAMEN", statut, ["2 à 4 semaines"]),
  row("EXAM_DATE_ASSIGNED_WAITING", "STATUT_DOSSIER", { ...statut, ...action("completer_dossier") }, ["en cours de constitution", "Complétez votre dossier"]),
  row("EXAM_DATE_ASSIGNED_WAITING", "DEMANDE_IDENTIFIANTS", statut, ["Vtc-2026!k", "https://www.exament3p.fr"]),
  row("EXAM_DATE_ASSIGNED_WAITING", "CONFIRMATION_SESSION", { ...statut, ...sess, session_confirmed: true }, ["8h30–17h30", "lundi 13 avril 2026", "vendredi 17 avril 2026"]),
  row("EXAM_PASSED_AWAITING_RESULTS", "RESULTAT_EXAMEN", statut, ["2 à 4 semaines", "épreuve pratique"]),
  row("EXAM_PASSED_AWAITING_RESULTS", "STATUT_DOSSIER", statut, ["votre examen a eu lieu", "2 à 4 semaines"]),
  row("EXAM_PASSED_AWAITING_RESULTS", "QUESTION_GENERALE", statut, ["2 à 4 semaines"]),
  ...["DEMANDE_LIEN_VISIO", "DEMANDE_DATE_VISIO", "QUESTION_GENERALE", "STATUT_DOSSIER", "REPORT_DATE"].map((intent) =>
    row("MISSED_TRAINING_FORCE_MAJEURE", intent, noSections, ["désolés", "reviendra vers vous personnellement"],
      { sections: ["alert:missed_training_force_majeure", intentSection(intent)] })),
  ...["STATUT_DOSSIER", "RESULTAT_EXAMEN", "QUESTION_GENERALE", "CONFIRMATION_SESSION", "DEMANDE_IDENTIFIANTS"].map((intent) =>
    row("EXAM_DATE_PAST_VALIDATED", intent, statut, ["date de votre examen est aujourd'hui passée"])),
  row("EXAM_DATE_PAST_VALIDATED", "DEMANDE_CONVOCATION", statut, ["Pouvez-vous nous dire si vous avez pu vous y présenter"]),
  row("EXAM_DATE_PAST_VALIDATED", "DEMANDE_REINSCRIPTION", { ...withDates }, ["nouvelle inscription", ...DATE_FACTS_75], { sections: ["intent:demande_reinscription", "exam_dates"] }),
  row("EXAM_DATE_PAST_VALIDATED", "DEMANDE_EXCEPTION", { ...withDates }, ["fixées par la CMA", ...DATE_FACTS_75]),
  row("DOSSIER_SYNCHRONIZED", "STATUT_DOSSIER", { ...statut, ...action("surveiller_paiement") }, ["transmis à la CMA", "pas encore validé", "mercredi 1er avril 2026"]),
  row("DOSSIER_SYNCHRONIZED", "CONFIRMATION_SESSION", { ...statut, ...sess, session_confirmed: true }, ["18h–22h", "deux semaines", "lundi 6 avril 2026", "vendredi 17 avril 2026"]),
  row("DOSSIER_SYNCHRONIZED", "DEMANDE_CONVOCATION", statut, ["environ 10 jours avant l'examen", "samedi 18 avril 2026", "ne sera émise qu'après sa validation"]),
  row("DOSSIER_SYNCHRONIZED", "DEMANDE_DATE_EXAMEN", { ...statut, show_dates_section: false, show_sessions_section: false }, ["mardi 28 avril 2026", "deviendra définitive après la validation"]),
  row("CONVOCATION_RECEIVED", "REPORT_DATE", { ...statut, report_bloque: true, intention_report_date: false, show_credentials: true, show_dates_section: false, show_sessions_section: false },
    ["mardi 10 mars 2026", "force majeure", "doc@cab-formations.fr", "241 €", "Vtc-2026!k"], { sections: ["alert:report_bloque", "credentials"] }),
  row("CONVOCATION_RECEIVED", "STATUT_DOSSIER", statut, ["convocation", "mardi 10 mars 2026", "imprimer"]),
  row("CONVOCATION_RECEIVED", "RESULTAT_EXAMEN", statut, ["2 à 4 semaines"]),
  row("CONVOCATION_RECEIVED", "DEMANDE_IDENTIFIANTS", { ...noSections, suppress_elearning: true }, ["sarah.martin@example.org", "Vtc-2026!k"]),
  row("CONVOCATION_RECEIVED", "PROBLEME_CONNEXION_EXAMT3P", { ...noSections, suppress_elearning: true, credentials_invalid: true, intention_probleme_documents: false },
    ["identifiants ExamT3P", "mot de passe oublié"], { sections: ["alert:credentials_invalid"] }),
  row("CONVOCATION_RECEIVED", "DEMANDE_CONVOCATION", { ...statut, show_credentials: true }, ["Téléchargez-la et imprimez-la", "https://www.exament3p.fr", "Vtc-2026!k"], { sections: ["intent:demande_convocation", "credentials"] }),
  row("VALIDE_CMA_WAITING_CONVOC", "REPORT_DATE", { report_bloque: true, intention_report_date: false, show_statut_section: false }, ["ne peut plus être modifiée", "force majeure", "241 €"], { sections: ["alert:report_bloque"] }),
  row("VALIDE_CMA_WAITING_CONVOC", "CONFIRMATION_SESSION", { ...statut, show_sessions_section: false, session_confirmed: true }, ["8h30–17h30", "lundi 13 avril 2026"]),
  row("VALIDE_CMA_WAITING_CONVOC", "DEMANDE_CONVOCATION", { ...statut, ...action("attendre_convocation") }, ["environ 10 jours avant l'examen", "samedi 18 avril 2026", "validé par la CMA"]),
  row("READY_TO_PAY", "CONFIRMATION_SESSION", { ...statut, ...sess, session_preference: "jour", preference_horaire_text: "cours du jour", sessions_proposees: sessionsFor("2026-04-28").slice(0, 1) }, ["ne sera définitive qu'après cette validation", "8h30–17h30", "lundi 13 avril 2026", "vendredi 17 avril 2026"])
]

const EXAM_FACTS = ["mardi 28 avril 2026"]

export const WILDCARD_ROWS: ReadonlyArray<SampleRow> = [
  any("QUESTION_GENERALE", statut, ["Voici un point complet"]),
  any("STATUT_DOSSIER", statut, ["en cours de constitution"]),
  any("DEMANDE_IDENTIFIANTS", statut, ["Identifiant", "Vtc-2026!k"]),
  any("ENVOIE_IDENTIFIANTS", statut, ["Vtc-2026!k"]),
  any("PROBLEME_CONNEXION_EXAMT3P", { ...statut, credentials_invalid: true }, ["mot de passe oublié", "https://www.exament3p.fr"], ["alert:credentials_invalid", "intent:probleme_documents"]),
  any("PROBLEME_CONNEXION_ELEARNING", statut, ["https://cab-formations.fr/user", "mot de passe oublié"]),
  any("DEMANDE_ELEARNING_ACCESS", statut, ["https://cab-formations.fr/user", "illimité"]),
  any("DEMANDE_DATE_VISIO", { ...statut, show_sessions_section: false }, ["40 heures", "8h30–17h30", "lundi 13 avril 2026", "vendredi 17 avril 2026"]),
  any("DEMANDE_LIEN_VISIO", { show_dates_section: false, show_sessions_section: false }, ["lien de connexion", "8h30–17h30"]),
  any("DEMANDE_CHANGEMENT_SESSION", { ...noSections, sessions_proposees: sessionsFor("2026-04-28").slice(1), has_sessions_proposees: true }, ["18h–22h", "lundi 6 avril 2026", "vendredi 17 avril 2026"]),
  any("CONFIRMATION_SESSION", { ...statut, ...sess, session_confirmed: true }, ["8h30–17h30", "lundi 13 avril 2026"]),
  any("CONFIRMATION_DATE_EXAMEN", { ...statut, show_dates_section: false, confirmed_exam_date_unavailable: true, next_dates: nextDates75, has_next_dates: true }, ["n'est plus disponible"]),
  any("DEMANDE_CONVOCATION", statut, ["environ 10 jours avant l'examen", "samedi 18 avril 2026"]),
  any("REPORT_DATE", { ...statut, report_possible: true, intention_report_date: false, ...withDates }, ["peut encore être modifiée", ...DATE_FACTS_75], ["alert:report_possible", "exam_dates"]),
  any("FORCE_MAJEURE_REPORT", { report_force_majeure: true, intention_report_date: false }, ["justificatif", "doc@cab-formations.fr"], ["alert:report_force_majeure"]),
  any("DEMANDE_DATE_PLUS_TOT", { show_statut_section: false, show_dates_section: false, no_earlier_dates_available: true }, ["pas de date d'examen plus proche", ...EXAM_FACTS]),
  any("DEMANDE_DATES_FUTURES", withDates, DATE_FACTS_75),
  any("DEMANDE_AUTRES_DATES", withDates, DATE_FACTS_75),
  any("DEMANDE_DATE_EXAMEN", { ...withDates, ...sess, has_sessions_proposees: true, sessions_proposees: sessionsFor("2026-04-28") }, [...EXAM_FACTS, ...DATE_FACTS_75, ...SESSION_FACTS_APRIL]),
  any("DEMANDE_AUTRES_DEPARTEMENTS", { ...dates, has_next_dates: true, next_dates: [...nextDates75, { date_examen: "2026-05-19", date_cloture: "2026-04-22", departement: "93", is_first_of_dept: true }] }, ["autre département", "CMA 93", "mardi 19 mai 2026"]),
  any("DATE_LOINTAINE_EXAMT3P", withDates, ["déjà ouvertes à l'inscription"]),
  any("DEMANDE_EXCEPTION", withDates, ["fixées par la CMA"]),
  any("PERMIS_PROBATOIRE", { ...withDates, probation_pending: true }, ["au moins 3 ans", ...DATE_FACTS_75]),
  any("PERMIS_RENOUVELLEMENT", statut, ["récépissé", "ANTS"]),
  any("ERREUR_PAIEMENT_CMA", statut, ["remboursement"]),
  any("CONFIRMATION_PAIEMENT", statut, ["pris en charge par CAB Formations"]),
  any("DOCUMENT_QUESTION", statut, ["moins de 3 mois", "5 Mo", "au moins 3 ans"]),
  any("QUESTION_PERMIS_ETRANGER", { show_statut_section: false }, ["échangé"]),
  any("QUESTION_CARTE_SEJOUR", { show_statut_section: false }, ["récépissé"]),
  any("QUESTION_HEBERGEMENT", { show_statut_section: false }, ["attestation d'hébergement", "moins de 3 mois"]),
  any("SIGNALE_PROBLEME_DOCS", {}, ["5 Mo"]),
  any("ENVOIE_DOCUMENTS", {}, ["Merci pour vos documents"]),
  any("TRANSMET_DOCUMENTS", {}, ["Merci pour vos documents"]),
  any("RESULTAT_EXAMEN", {}, ["2 à 4 semaines"]),
  any("ANNONCE_RESULTAT_POSITIF", { ...STATE_BASES["EXAM_PASSED_AWAITING_RESULTS"], resultat_admis: true, intention_resultat_examen: false }, ["Toutes nos félicitations", "carte professionnelle"], ["alert:resultat_admis"]),
  any("ANNONCE_RESULTAT_NEGATIF", { ...STATE_BASES["EXAM_PASSED_AWAITING_RESULTS"], resultat_non_admissible: true, intention_resultat_examen: false }, ["réinscrire"], ["alert:resultat_non_admissible"]),
  any("DEMANDE_REINSCRIPTION", withDates, DATE_FACTS_75),
  any("QUESTION_CARTE_VTC", {}, ["ANTS"]),
  any("QUESTION_EXAMEN_PRATIQUE", {}, ["double commande"]),
  any("DEMANDE_CERTIFICAT_FORMATION", {}, ["attestation de formation"]),
  any("DEMANDE_INFOS_OFFRE", {}, ["241 €", "40 heures", "8h30–17h30", "18h–22h"]),
  any("QUESTION_PROCESSUS", {}, ["environ 10 jours avant l'examen", "2 à 4 semaines"]),
  any("QUESTION_SESSION", { ...sess }, ["8h30 à 17h30", "18h à 22h", "deux semaines"]),
  any("DEMANDE_SUPPRESSION_DONNEES", { show_dates_section: false, show_sessions_section: false }, ["données personnelles"]),
  any("DEMANDE_ANNULATION", { show_statut_section: false, show_sessions_section: false, cancellation_is_retractation: true }, ["20 €", "plus de 700 €"]),
  any("CONFIRMATION_DOUBLON", { show_statut_section: false, show_dates_section: false }, ["dossier existant"]),
  any("REFUS_DOUBLON", { show_statut_section: false, show_dates_section: false }, ["poursuivons votre inscription"]),
  any("REFUS_PARTAGE_CREDENTIALS", {}, ["ne pas communiquer vos identifiants"]),
  any("DEMANDE_APPEL_TEL", {}, ["trace écrite"]),
  any("RECLAMATION", {}, ["responsable"]),
  any("REMERCIEMENT", { suppress_elearning: true }, ["Merci pour votre message"]),
  any("SALUTATION", { suppress_elearning: true }, ["Comment pouvons-nous vous aider"]),
  any("MESSAGE_CONFUS", { suppress_elearning: true }, ["pas bien compris"]),
  any("SIGNALE_PAS_RECU_EMAIL", statut, ["courriers indésirables"])
]

/** Non-date states and WARNING overlays (alerts of section 0), each shown with a typical intent. */
const OVERLAYS: ReadonlyArray<SampleRow> = [
  row("REFUSED_CMA", "STATUT_DOSSIER", { ...statut, ...action("corriger_documents") }, ["Justificatif de domicile", "document de plus de 3 mois"]),
  row("DEADLINE_MISSED", "STATUT_DOSSIER", { ...statut, ...sess }, ["mardi 26 mai 2026", "mercredi 29 avril 2026", ...SESSION_FACTS_MAY], { sections: ["intent:statut_dossier", "date_repositioned", "sessions"] }),
  row("EXAM_DATE_PAST_NOT_VALIDATED", "QUESTION_GENERALE", statut, ["mardi 28 avril 2026", "mercredi 1er avril 2026"], { sections: ["intent:question_generale", "date_repositioned"] }),
  row("EXAMT3P_ACCESS_LOST", "STATUT_DOSSIER", statut, ["mot de passe actuel", "https://www.exament3p.fr"], { sections: ["alert:examt3p_access_lost"] }),
  row("CREDENTIALS_INVALID", "DEMANDE_IDENTIFIANTS", { ...statut, intention_demande_identifiants: false }, ["ne fonctionnent plus"], { sections: ["alert:credentials_invalid"] }),
  row("CREDENTIALS_REFUSED_SECURITY", "REFUS_PARTAGE_CREDENTIALS", {}, ["ne pas communiquer vos identifiants"]),
  row("REFRESH_SESSION_AVAILABLE", "QUESTION_GENERALE", { ...statut, ...sess }, ["remettre à niveau", ...SESSION_FACTS_APRIL], { sections: ["alert:refresh_session", "sessions"] }),
  row("EXAM_DATE_EMPTY", "STATUT_DOSSIER", { ...STATE_BASES["EXAM_DATE_EMPTY"], uber_cas_a: true, ...action("envoyer_documents"), ...statut }, ["https://cab-formations.fr/user", "moins de 3 mois", "test de sélection"], { sections: ["alert:uber_cas_a"] }),
  row("EXAM_DATE_EMPTY", "QUESTION_GENERALE", { uber_cas_b: true, ...statut, ...action("passer_test") }, ["test de sélection", "dizaine de minutes"], { sections: ["alert:uber_cas_b", "next_step:passer_test"] }),
  row("EXAM_DATE_ASSIGNED_WAITING", "STATUT_DOSSIER", { uber_cas_d: true, ...statut, ...action("contacter_uber") }, ["Uber Driver", "CPF"], { sections: ["alert:uber_cas_d"] }),
  row("EXAM_DATE_ASSIGNED_WAITING", "DEMANDE_ANNULATION", { uber_cas_e: true, ...action("contacter_uber") }, ["critères d'éligibilité", "20 €", "5 à 7 jours ouvrés"], { sections: ["alert:uber_cas_e", "intent:demande_annulation"] }),
  row("EXAM_DATE_EMPTY", "QUESTION_GENERALE", { uber_prospect: true, uber_20: true, uber_eligible: false, suppress_elearning: true }, ["n'est pas encore finalisée", "8h30–17h30", "18h–22h", "deux semaines"], { sections: ["alert:uber_prospect"] }),
  row("DOSSIER_SYNCHRONIZED", "STATUT_DOSSIER", { ...statut, personal_account_warning: true }, ["uniquement le compte créé par CAB Formations"], { sections: ["alert:personal_account_warning"] }),
  row("EXAM_DATE_ASSIGNED_WAITING", "DEMANDE_CHANGEMENT_SESSION", { session_assignment_error: true, ...sess, sessions_proposees: sessionsFor("2026-04-28"), has_sessions_proposees: true }, ["erreur dans la session", ...SESSION_FACTS_APRIL], { sections: ["alert:session_assignment_error", "sessions"] }),
  row("EXAM_DATE_ASSIGNED_WAITING", "CONFIRMATION_SESSION", { session_after_exam: true, session_after_exam_can_reposition: true, matched_session_start: "2026-05-04", matched_session_end: "2026-05-15" }, ["lundi 4 mai 2026", "vendredi 15 mai 2026", "déplacerons votre examen"], { sections: ["alert:session_after_exam"] }),
  row("EXAM_DATE_EMPTY", "STATUT_DOSSIER", { auto_assigned: true, auto_assigned_exam_date: "2026-05-26", auto_assigned_session_start: "2026-05-04", auto_assigned_session_end: "2026-05-15", auto_assigned_session_is_soir: true }, ["mardi 26 mai 2026", "18h–22h", "lundi 4 mai 2026"], { sections: ["auto_assigned", "intent:statut_dossier"] }),
  row("EXAM_DATE_EMPTY", "DEMANDE_DATE_EXAMEN", { ...withDates, no_date_for_requested_month: true, requested_month_name: "avril", requested_location: "Paris" }, ["prévus en avril (Paris)", ...DATE_FACTS_75], { sections: ["month_alternatives", "intent:demande_date", "exam_dates"] }),
  row("EXAM_DATE_ASSIGNED_WAITING", "QUESTION_GENERALE", { uber_cas_d: true, uber_cas_d_email_received: true, uber_alternative_email: "sarah.driver@example.com" }, ["sarah.driver@example.com", "vérification"], { sections: ["alert:uber_cas_d_email_received"] }),
  row("EXAM_DATE_EMPTY", "STATUT_DOSSIER", { uber_doublon: true, show_statut_section: false }, ["qu'une seule fois", "241 €", "CPF"], { sections: ["alert:uber_doublon", "intent:statut_dossier"] }),
  row("EXAM_PASSED_AWAITING_RESULTS", "ANNONCE_RESULTAT_NEGATIF", { resultat_non_admis: true, intention_resultat_examen: false }, ["118 €", "double commande"], { sections: ["alert:resultat_non_admis"] }),
  row("EXAM_PASSED_AWAITING_RESULTS", "ANNONCE_RESULTAT_POSITIF", { resultat_admissible: true, intention_resultat_examen: false }, ["épreuve théorique", "épreuve pratique"], { sections: ["alert:resultat_admissible"] }),
  row("EXAM_PASSED_AWAITING_RESULTS", "RESULTAT_EXAMEN", { resultat_absent: true, intention_resultat_examen: false }, ["pas pu vous présenter", "nouvelle inscription"], { sections: ["alert:resultat_absent"] }),
  row("EXAM_PASSED_AWAITING_RESULTS", "QUESTION_GENERALE", { resultat_convoc_pas_recu: true }, ["pas pu vous présenter"], { sections: ["alert:resultat_convoc_pas_recu", "intent:question_generale"] }),
  row("EXAM_PASSED_AWAITING_RESULTS", "STATUT_DOSSIER", { resultat_plus_interesse: true, show_statut_section: false }, ["ne souhaitez pas poursuivre"], { sections: ["alert:resultat_plus_interesse", "intent:statut_dossier"] }),
  row("EXAM_DATE_EMPTY", "STATUT_DOSSIER", { credentials_inconnus: true, identifiant_examt3p: "", mot_de_passe_examt3p: "", show_dates_section: false, show_sessions_section: false }, ["identifiants de connexion", "https://www.exament3p.fr"], { sections: ["alert:credentials_inconnus", "intent:statut_dossier"] }),
  row("EXAM_DATE_ASSIGNED_WAITING", "STATUT_DOSSIER", { ...statut, session_assigned: false, session_date_debut: "", session_date_fin: "", ...action("choisir_session") }, ["8h30–17h30 sur une semaine", "18h–22h sur deux semaines"], { sections: ["next_step:choisir_session"] }),
  row("CONVOCATION_RECEIVED", "STATUT_DOSSIER", { ...statut, ...action("preparer_examen") }, ["imprimez votre convocation", "bonne réussite"], { sections: ["next_step:preparer_examen"] }),
  row("EXAM_DATE_EMPTY", "STATUT_DOSSIER", { ...statut, evalbox_dossier_cree: false, evalbox_documents_refuses: true, has_pieces_refusees: true, pieces_refusees_details: [{ nom: "Permis de conduire", motif: "photo illisible" }], ...action("corriger_documents") }, ["Permis de conduire", "photo illisible", "documents corrigés"], { sections: ["status:documents_refuses", "next_step:corriger_documents"] }),
  row("EXAM_DATE_EMPTY", "STATUT_DOSSIER", { ...statut, evalbox_dossier_cree: false, no_evalbox_status: true, uber_20: false, ...action("envoyer_documents") }, ["inscription est bien enregistrée", "Déposez vos documents"], { sections: ["status:en_attente", "next_step:envoyer_documents"] }),
  row("EXAM_DATE_EMPTY", "QUESTION_GENERALE", { eligibility_concern: true, uber_20: true, uber_eligible: false, uber_documents_received: true }, ["vérification par Uber est en cours"], { sections: ["alert:eligibility_status", "intent:question_generale"] }),
  row("EXAM_DATE_EMPTY", "STATUT_DOSSIER", { show_prospect_rappel: true, uber_20: false }, ["paiement de votre formation n'a pas été reçu"], { sections: ["prospect_reminder", "intent:statut_dossier"] }),
  row("DOSSIER_SYNCHRONIZED", "DEMANDE_ANNULATION", { cancellation_is_timing: true, cma_paid_cloture_open: true, ...withDates }, ["reporter gratuitement", "changer de date", "perdriez"], { sections: ["intent:demande_annulation", "exam_dates"] }),
  row("VALIDE_CMA_WAITING_CONVOC", "DEMANDE_ANNULATION", { cancellation_is_contestation: true, cma_paid_cloture_passed: true }, ["plus de 700 €", "ne comprend pas la préparation à l'épreuve pratique", "ces frais seront perdus"], { sections: ["intent:demande_annulation"] }),
  row("VALIDE_CMA_WAITING_CONVOC", "CONFIRMATION_SESSION", { session_after_exam: true, matched_session_start: "2026-05-04", matched_session_end: "2026-05-15" }, ["mardi 28 avril 2026", "ne peut plus être déplacé", "lundi 4 mai 2026"], { sections: ["alert:session_after_exam"] }),
  row("DOSSIER_SYNCHRONIZED", "ERREUR_PAIEMENT_CMA", { remboursement_cma_choice_remboursement: true }, ["demander le remboursement directement à la CMA"]),
  row("EXAM_DATE_ASSIGNED_WAITING", "STATUT_DOSSIER", { references_previous_communication: true, previously_communicated_date: "2026-04-28", ...statut }, ["Comme indiqué dans notre précédent échange", "mardi 28 avril 2026"], { sections: ["previous_communication", "intent:statut_dossier"] })
]

/** Overlay ids name their first distinguishing section, e.g. `EXAM_DATE_EMPTY:STATUT_DOSSIER [alert:uber_cas_a]`. */
export const OVERLAY_ROWS: ReadonlyArray<SampleRow> = OVERLAYS.map((r) => ({ ...r, id: `${r.id} [${r.sections[0] ?? ""}]` }))

export const SAMPLE_ROWS: ReadonlyArray<SampleRow> = [...EXPLICIT_ROWS, ...WILDCARD_ROWS, ...OVERLAY_ROWS]
