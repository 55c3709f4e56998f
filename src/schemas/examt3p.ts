import { Schema } from "effect"
import { RedactedExamt3pPassword } from "./redaction.ts"
import { JsonNumber, optionalNullable } from "./zohoPrimitives.ts"

/**
 * What docflow knows about the candidate's ExamT3P account (spec/EXAMT3P_PORTAL.md §1.9, §3).
 *
 * `Examt3pData` is the scrape result with the keys the original produced (French names kept, so
 * the rules and the oracle vectors read the same keys), plus the flags the workflow added around
 * it. Every key is optional: a partial parse keeps what it found. `Examt3pStatus` tags how the
 * check ended, so "no account", "login failed" and "portal down" are no longer one `false`.
 */

const DocumentStatus = Schema.String.annotations({ description: "VALIDÉ, À VALIDER, REFUSÉ, INCONNU, OPTIONNEL…" })

export const Examt3pDocument = Schema.Struct({
  nom: Schema.String,
  statut: optionalNullable(DocumentStatus),
  motif_refus: optionalNullable(Schema.String)
})

export const Examt3pRefusedPiece = Schema.Struct({
  nom: Schema.String,
  motif: optionalNullable(Schema.String),
  solution: optionalNullable(Schema.String)
})

export const Examt3pExam = Schema.Struct({
  /** DD/MM/YYYY, ISO, or French text ("1 mars 2026"). */
  date: optionalNullable(Schema.String),
  lieu: optionalNullable(Schema.String),
  convocation_disponible: optionalNullable(Schema.Boolean),
  resultat: optionalNullable(Schema.String)
})

export const Examt3pPayment = Schema.Struct({
  /** "15/01/2026" or ISO. */
  date: optionalNullable(Schema.String),
  montant: optionalNullable(Schema.Union(JsonNumber, Schema.String)),
  mode: optionalNullable(Schema.String),
  statut: optionalNullable(Schema.String)
})

export const Examt3pPaymentHistoryEntry = Schema.Struct({
  num_dossier: optionalNullable(Schema.String),
  date: optionalNullable(Schema.String),
  description: optionalNullable(Schema.String),
  montant: optionalNullable(Schema.Union(JsonNumber, Schema.String)),
  statut: optionalNullable(Schema.String)
})

export const Examt3pRequiredAction = Schema.Struct({
  /** recu_disponible, photo_requise, document_non_conforme */
  type: Schema.String,
  description: optionalNullable(Schema.String),
  document: optionalNullable(Schema.String),
  motif: optionalNullable(Schema.String)
})

export const Examt3pMessage = Schema.Struct({
  date: optionalNullable(Schema.String),
  expediteur: optionalNullable(Schema.String),
  contenu: optionalNullable(Schema.String)
})

const scrapeFields = {
  identifiant: optionalNullable(Schema.String),
  extraction_requise: optionalNullable(Schema.Boolean),
  errors: optionalNullable(Schema.Array(Schema.String)),
  error: optionalNullable(Schema.String),
  extraction_date: optionalNullable(Schema.String),
  extraction_attempt: optionalNullable(JsonNumber),
  dossiers_disponibles: optionalNullable(Schema.Array(Schema.String)),
  /** Compared as text: leading zeros and the `TE<n>` suffix matter. */
  num_dossier: optionalNullable(Schema.String),
  /** "En attente de convocation", "Incomplet", "En cours d'instruction"… verbatim. */
  statut_dossier: optionalNullable(Schema.String),
  /** Older name of `statut_dossier`, still read by the Evalbox mapping. */
  statut_principal: optionalNullable(Schema.String),
  nom_candidat: optionalNullable(Schema.String),
  type_examen: optionalNullable(Schema.String),
  type_epreuve: optionalNullable(Schema.String),
  departement: optionalNullable(Schema.Union(Schema.String, JsonNumber)),
  region: optionalNullable(Schema.String),
  date_reception_dossier: optionalNullable(Schema.String),
  /** DD/MM/YYYY, ISO or French text. */
  date_examen: optionalNullable(Schema.String),
  epreuve_session: optionalNullable(Schema.String),
  examens: optionalNullable(Examt3pExam),
  /** DISPONIBLE / EN ATTENTE / a progression value. */
  convocation: optionalNullable(Schema.String),
  progression: optionalNullable(Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) })),
  paiement_cma: optionalNullable(Examt3pPayment),
  documents: optionalNullable(Schema.Array(Examt3pDocument)),
  documents_facultatifs: optionalNullable(Schema.Array(Examt3pDocument)),
  statut_documents: optionalNullable(Schema.String),
  documents_valides: optionalNullable(Schema.String),
  documents_en_attente: optionalNullable(Schema.Array(Schema.String)),
  documents_refuses: optionalNullable(Schema.Array(Schema.String)),
  pieces_refusees_details: optionalNullable(Schema.Array(Examt3pRefusedPiece)),
  document_problematique: optionalNullable(Schema.String),
  document_problematique_statut: optionalNullable(Schema.String),
  document_problematique_motif: optionalNullable(Schema.String),
  action_candidat_requise: optionalNullable(Schema.Boolean),
  actions_requises: optionalNullable(Schema.Array(Examt3pRequiredAction)),
  historique_etapes: optionalNullable(Schema.Array(Schema.String)),
  historique_paiements: optionalNullable(Schema.Array(Examt3pPaymentHistoryEntry)),
  compte: optionalNullable(Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) })),
  messages: optionalNullable(
    Schema.Struct({ nombre: JsonNumber, liste: optionalNullable(Schema.Array(Examt3pMessage)) })
  )
}

/** Where a dossier came from: the portal itself, or a mirror built from the CRM deal. */
export const Examt3pSource = Schema.Literal("portal", "crm-mirror")
export type Examt3pSource = typeof Examt3pSource.Type

/** How the dossier was picked when the account holds several (the `TE<n>` rule). */
export const DossierChoice = Schema.Struct({
  /** `default`: the page `/mon-espace` shows; `exact` / `same-base`: matched the expected number. */
  kind: Schema.Literal("default", "exact", "same-base", "not-found"),
  expected: Schema.NullOr(Schema.String),
  num_dossier: Schema.NullOr(Schema.String)
})
export type DossierChoice = typeof DossierChoice.Type

/** Flags the original workflow and credentials helper set around the scrape (§3.3, DOMAIN §4.6). */
const workflowFields = {
  source: optionalNullable(Examt3pSource),
  dossier_choisi: optionalNullable(DossierChoice),
  compte_existe: optionalNullable(Schema.Boolean),
  credentials_source: optionalNullable(Schema.String),
  connection_test_success: optionalNullable(Schema.Boolean),
  credentials_login_failed: optionalNullable(Schema.Boolean),
  should_respond_to_candidate: optionalNullable(Schema.Boolean),
  credentials_request_sent: optionalNullable(Schema.Boolean),
  account_creation_requested: optionalNullable(Schema.Boolean),
  extraction_error: optionalNullable(Schema.String),
  extraction_failed: optionalNullable(Schema.Boolean),
  /** `technical` marks a portal outage. */
  error_type: optionalNullable(Schema.String),
  duplicate_payment_alert: optionalNullable(Schema.Boolean),
  /** Odd data carries non-boolean values; the rules test `=== true`. */
  personal_account_warning: optionalNullable(Schema.Union(Schema.Boolean, Schema.String)),
  personal_account_email: optionalNullable(Schema.String),
  cab_account_email: optionalNullable(Schema.String),
  cab_payment_date: optionalNullable(Schema.String),
  potential_personal_account: optionalNullable(Schema.Boolean),
  switched_to_paid_account: optionalNullable(Schema.Boolean),
  /** Only ever the redaction marker: the clear password never enters a case file. */
  mot_de_passe: optionalNullable(RedactedExamt3pPassword)
}

export const Examt3pData = Schema.Struct({ ...scrapeFields, ...workflowFields }).annotations({
  identifier: "Examt3pData"
})
export type Examt3pData = typeof Examt3pData.Type

export const CredentialsSource = Schema.Literal("crm", "email_threads")

/** Logged in and read the dashboard (possibly partially: see `data.extraction_error`). */
export const Examt3pOk = Schema.TaggedStruct("Ok", {
  credentialsSource: Schema.NullOr(CredentialsSource),
  data: Examt3pData
})

/** No credentials in the CRM nor in the mails: nothing was asked of the portal. */
export const Examt3pNoAccount = Schema.TaggedStruct("NoAccount", {
  /** CAB already asked the candidate for their credentials. */
  credentialsRequestSent: Schema.Boolean,
  /** CAB already asked the candidate to create the account. */
  accountCreationRequested: Schema.Boolean
})

/** The portal answered and refused the credentials (wrong password or unknown e-mail). */
export const Examt3pLoginFailed = Schema.TaggedStruct("LoginFailed", {
  identifiant: Schema.NullOr(Schema.String),
  credentialsSource: Schema.NullOr(CredentialsSource),
  /** Portal message, e.g. "Identifiants invalides"; never contains the password. */
  message: Schema.String
})

/** The portal could not be reached or answered with errors after every attempt. */
export const Examt3pPortalDown = Schema.TaggedStruct("PortalDown", {
  message: Schema.String,
  attempts: Schema.Int.pipe(Schema.positive())
})

export const Examt3pStatus = Schema.Union(Examt3pOk, Examt3pNoAccount, Examt3pLoginFailed, Examt3pPortalDown).annotations({
  identifier: "Examt3pStatus"
})
export type Examt3pStatus = typeof Examt3pStatus.Type
