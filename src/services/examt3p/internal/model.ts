/**
 * What the dashboard parser extracts from one `/mon-espace` page, with the key names and value
 * vocabulary of the original scrape result (spec/EXAMT3P_PORTAL.md §3.1), which the rules read.
 * Optional keys are absent when the page does not carry them.
 */

export type DocumentStatus = "VALIDÉ" | "À VALIDER" | "REFUSÉ" | "INCONNU"
export type StepStatus = "À VALIDER" | "EN ATTENTE" | "REFUSÉ" | "VALIDÉ"
export type ProgressionKey = "convocation" | "documents" | "paiement" | "infos_perso" | "choix_session" | "type_examen"

export interface DossierDocument {
  readonly nom: string
  readonly statut: DocumentStatus
  /** Non-null only for a refused piece. */
  readonly motif_refus: string | null
}

export interface RefusedPiece {
  readonly nom: string
  readonly motif: string
  readonly solution: string
}

export interface OptionalDocument {
  readonly nom: string
  readonly statut: "OPTIONNEL"
}

export type RequiredAction =
  | { readonly type: "recu_disponible"; readonly description: string }
  | { readonly type: "photo_requise"; readonly description: string }
  | { readonly type: "document_non_conforme"; readonly document: string; readonly description: string; readonly motif: string }

export interface PaymentDetail {
  readonly date: string
  readonly montant: number
  readonly mode: string
  readonly statut: "VALIDÉ" | "EN ATTENTE" | "REFUSÉ"
}

export interface PaymentRow {
  readonly num_dossier: string
  readonly date: string
  readonly description: string
  readonly montant: number
  readonly statut: "VALIDÉ" | "REFUSÉ" | "EN_ATTENTE"
}

export interface PortalMessage {
  readonly date: string | null
  readonly expediteur: string | null
  readonly contenu: string | null
}

export interface PortalMessages {
  readonly nombre: number
  readonly liste: ReadonlyArray<PortalMessage>
}

export interface Exams {
  readonly date?: string
  readonly lieu?: string
  readonly convocation_disponible: boolean
  readonly resultat?: string
}

export interface Account {
  readonly genre?: "Homme" | "Femme"
  readonly prenom?: string
  readonly nom?: string
  readonly date_naissance?: string
  readonly lieu_naissance?: string
  readonly adresse?: string
  readonly code_postal?: string
  readonly ville?: string
  readonly email?: string
  readonly telephone?: string
}

/** What the documents section of the dashboard yields. */
export interface DocumentsPart {
  readonly documents: ReadonlyArray<DossierDocument>
  readonly documents_facultatifs: ReadonlyArray<OptionalDocument>
  readonly statut_documents: "VALIDÉ" | "REFUSÉ" | "À VALIDER" | "INCONNU"
  readonly documents_valides: string
  readonly documents_en_attente: ReadonlyArray<string>
  readonly documents_refuses: ReadonlyArray<string>
  readonly pieces_refusees_details: ReadonlyArray<RefusedPiece>
  readonly document_problematique?: string
  readonly document_problematique_statut?: "REFUSÉ"
  readonly document_problematique_motif?: string
  readonly action_candidat_requise: boolean
}

export interface DashboardData extends DocumentsPart {
  readonly num_dossier?: string
  readonly statut_dossier?: string
  readonly nom_candidat?: string
  readonly type_examen?: string
  readonly type_epreuve?: string
  readonly departement?: string
  readonly region?: string
  readonly date_reception_dossier?: string
  readonly date_examen?: string
  readonly epreuve_session?: "Écrite" | "Pratique"
  readonly examens: Exams
  readonly convocation: string
  readonly progression: Partial<Record<ProgressionKey, StepStatus>>
  readonly paiement_cma?: PaymentDetail
  readonly actions_requises: ReadonlyArray<RequiredAction>
  readonly historique_etapes: ReadonlyArray<string>
  readonly historique_paiements: ReadonlyArray<PaymentRow>
  readonly compte: Account
  readonly messages: PortalMessages
}

/** One entry of the dossier picker: `id` is the portal's internal id, `num` the dossier number. */
export interface DossierOption {
  readonly id: number
  readonly num: string
  readonly selected: boolean
}
