import { Schema } from "effect"

/**
 * The sandbox portal's accounts and dossiers as plain data (a world generator supplies them).
 * Rendering turns each dossier into a `/mon-espace` page carrying the real portal's markers
 * (spec/EXAMT3P_PORTAL.md §4).
 */

export const PortalDocumentStatus = Schema.Literal("VALIDÉ", "À VALIDER", "À CORRIGER", "REFUSÉ")
export type PortalDocumentStatus = typeof PortalDocumentStatus.Type

export const PortalStepStatus = Schema.Literal("À VALIDER", "EN ATTENTE", "REFUSÉ", "VALIDÉ")
export type PortalStepStatus = typeof PortalStepStatus.Type

export const PortalDocType = Schema.Literal("identity", "photo", "signature", "address", "license")
export type PortalDocType = typeof PortalDocType.Type

export const PortalDocument = Schema.Struct({
  status: PortalDocumentStatus,
  fileName: Schema.optional(Schema.String),
  /** Shown in the piece's modal when refused or to be corrected. */
  reason: Schema.optional(Schema.String),
  /** Also show the overview notice "<piece> non conforme / Raison : …". */
  notice: Schema.optional(Schema.Boolean)
})
export type PortalDocument = typeof PortalDocument.Type

const DmyDate = Schema.String.pipe(Schema.pattern(/^\d{2}\/\d{2}\/\d{4}$/), Schema.annotations({ description: "dd/mm/yyyy" }))
const IsoDate = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/), Schema.annotations({ description: "YYYY-MM-DD" }))

export const PortalPayment = Schema.Struct({
  date: DmyDate,
  amount: Schema.Number,
  mode: Schema.String,
  status: Schema.Literal("VALIDÉ", "EN ATTENTE", "REFUSÉ"),
  description: Schema.optionalWith(Schema.String, { default: () => "Examen complet" })
})
export type PortalPayment = typeof PortalPayment.Type

export const PortalDossier = Schema.Struct({
  /** The portal's internal id, used in `/mon-espace?dossier=<id>`. */
  internalId: Schema.Int.pipe(Schema.positive()),
  /** `00045386` or `00045386TE1`. */
  number: Schema.String.pipe(Schema.pattern(/^\d{8}(TE\d+)?$/)),
  /** "Statut du dossier" exactly as the portal shows it, e.g. `En attente de convocation`. */
  status: Schema.String,
  firstName: Schema.String,
  lastName: Schema.String,
  examType: Schema.Literal("VTC", "Taxi", "VMDTR"),
  dossierType: Schema.Literal("Complète", "Réinscription", "Mobilité"),
  departement: Schema.String.pipe(Schema.pattern(/^(\d{2,3}|2A|2B)$/)),
  departementName: Schema.String,
  regionCode: Schema.optional(Schema.String),
  receivedOn: Schema.optional(DmyDate),
  examDate: Schema.optional(IsoDate),
  sitting: Schema.optionalWith(Schema.Literal("écrite", "pratique"), { default: () => "écrite" as const }),
  venue: Schema.optional(Schema.String),
  convocationAvailable: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  /** Value of `data-finalscore`, e.g. `Admis`, `Ajourné`, `Admissible`. */
  result: Schema.optional(Schema.String),
  documents: Schema.Struct({
    identity: PortalDocument,
    photo: PortalDocument,
    signature: PortalDocument,
    address: PortalDocument,
    license: PortalDocument
  }),
  payment: Schema.optional(PortalPayment),
  receiptAvailable: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  steps: Schema.Struct({
    convocation: PortalStepStatus,
    documents: PortalStepStatus,
    choixDepartement: PortalStepStatus,
    typeExamen: PortalStepStatus,
    infosPerso: PortalStepStatus,
    paiement: PortalStepStatus
  }),
  civility: Schema.optional(Schema.Literal("Homme", "Femme")),
  birthDate: Schema.optional(DmyDate),
  postalCode: Schema.optional(Schema.String),
  unreadMessages: Schema.optionalWith(Schema.Int, { default: () => 0 })
})
export type PortalDossier = typeof PortalDossier.Type
export type PortalDossierInput = typeof PortalDossier.Encoded

export const PortalMessage = Schema.Struct({
  date: Schema.String,
  sender: Schema.String,
  message: Schema.String
})
export type PortalMessage = typeof PortalMessage.Type

export const PortalAccount = Schema.Struct({
  email: Schema.String,
  password: Schema.String,
  /** Shown in the picker in this order; the first is the default page unless `defaultDossier` says otherwise. */
  dossiers: Schema.NonEmptyArray(PortalDossier),
  defaultDossier: Schema.optional(Schema.Int),
  messages: Schema.optionalWith(Schema.Array(PortalMessage), { default: () => [] })
})
export type PortalAccount = typeof PortalAccount.Type
export type PortalAccountInput = typeof PortalAccount.Encoded

export const PortalAccounts = Schema.Array(PortalAccount)
