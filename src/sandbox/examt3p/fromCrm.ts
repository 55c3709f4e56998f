import { departementFromCrm, portalStatusFromEvalbox } from "../../services/examt3p/internal/crmMirror.ts"
import type { PortalAccountInput, PortalDossierInput, PortalStepStatus } from "./portalData.ts"

/**
 * A portal account consistent with a sandbox CRM deal, for a world generator: the dossier status
 * is the portal status the deal's `Evalbox` mirrors (DOMAIN.md §4.4), the number is
 * `NUM_DOSSIER_EVALBOX`, the département `CMA_de_depot`, and the login the deal's ExamT3P
 * credentials. Deterministic: the same deal always gives the same account.
 */

export interface DealForPortal {
  readonly id: string
  readonly Evalbox?: string | null
  readonly NUM_DOSSIER_EVALBOX?: string | null
  readonly CMA_de_depot?: string | null
  readonly IDENTIFIANT_EVALBOX?: string | null
  readonly MDP_EVALBOX?: string | null
}

export interface PortalPerson {
  readonly firstName: string
  readonly lastName: string
}

const DEPARTEMENT_NAMES: Readonly<Record<string, string>> = {
  "13": "Bouches-du-Rhône", "31": "Haute-Garonne", "33": "Gironde", "34": "Hérault", "59": "Nord", "69": "Rhône",
  "75": "Paris", "77": "Seine-et-Marne", "78": "Yvelines", "91": "Essonne", "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis",
  "94": "Val-de-Marne", "95": "Val-d'Oise", "974": "La Réunion", "2A": "Corse-du-Sud", "2B": "Haute-Corse"
}

type Steps = PortalDossierInput["steps"]

const steps = (documents: PortalStepStatus, paiement: PortalStepStatus, convocation: PortalStepStatus): Steps => ({
  convocation,
  documents,
  choixDepartement: "VALIDÉ",
  typeExamen: "VALIDÉ",
  infosPerso: "VALIDÉ",
  paiement
})

/** Timeline and pieces for each portal status, as the CMA's progression would show them. */
const STAGE: Readonly<Record<string, { readonly steps: Steps; readonly paid: boolean; readonly pieces: "pending" | "valid" | "refused" }>> = {
  "En cours de composition": { steps: steps("À VALIDER", "EN ATTENTE", "EN ATTENTE"), paid: false, pieces: "pending" },
  "En attente du paiement": { steps: steps("VALIDÉ", "EN ATTENTE", "EN ATTENTE"), paid: false, pieces: "valid" },
  "En cours d'instruction": { steps: steps("À VALIDER", "VALIDÉ", "EN ATTENTE"), paid: true, pieces: "pending" },
  Incomplet: { steps: steps("REFUSÉ", "VALIDÉ", "EN ATTENTE"), paid: true, pieces: "refused" },
  Valide: { steps: steps("VALIDÉ", "VALIDÉ", "EN ATTENTE"), paid: true, pieces: "valid" },
  "En attente de convocation": { steps: steps("VALIDÉ", "VALIDÉ", "VALIDÉ"), paid: true, pieces: "valid" }
}

const digitsOf = (id: string): number => {
  const digits = id.replace(/\D/g, "").slice(-7)
  return digits === "" ? 1 : Number(digits) + 1
}

const documents = (pieces: "pending" | "valid" | "refused"): PortalDossierInput["documents"] => {
  const valid = { status: "VALIDÉ" as const }
  if (pieces === "valid") return { identity: valid, photo: valid, signature: valid, address: valid, license: valid }
  if (pieces === "pending") return { identity: valid, photo: { status: "À VALIDER" }, signature: valid, address: { status: "À VALIDER" }, license: valid }
  return {
    identity: valid,
    photo: valid,
    signature: valid,
    address: { status: "À CORRIGER", reason: "Justificatif de domicile de plus de trois mois", notice: true },
    license: valid
  }
}

/** `undefined` when the deal has no ExamT3P login or its Evalbox has no portal counterpart. */
export const portalAccountFromDeal = (
  deal: DealForPortal,
  person: PortalPerson,
  examDate?: string
): PortalAccountInput | undefined => {
  const email = deal.IDENTIFIANT_EVALBOX?.trim() ?? ""
  const password = deal.MDP_EVALBOX ?? ""
  const status = portalStatusFromEvalbox(deal.Evalbox)
  const stage = status === undefined ? undefined : STAGE[status]
  if (email === "" || password === "" || status === undefined || stage === undefined) return undefined
  const seed = digitsOf(deal.id)
  const recorded = deal.NUM_DOSSIER_EVALBOX?.trim() ?? ""
  const number = /^\d{8}(TE\d+)?$/.test(recorded) ? recorded : String(seed % 100_000_000).padStart(8, "0")
  const departement = departementFromCrm(deal.CMA_de_depot) ?? "75"
  const dossier: PortalDossierInput = {
    internalId: seed,
    number,
    status,
    firstName: person.firstName,
    lastName: person.lastName,
    examType: "VTC",
    dossierType: /TE\d+$/.test(number) ? "Réinscription" : "Complète",
    departement,
    departementName: DEPARTEMENT_NAMES[departement] ?? `Département ${departement}`,
    ...(examDate !== undefined && stage.paid ? { examDate } : {}),
    convocationAvailable: status === "En attente de convocation",
    documents: documents(stage.pieces),
    ...(stage.paid ? { payment: { date: "15/01/2026", amount: 241, mode: "carte", status: "VALIDÉ" as const } } : {}),
    receiptAvailable: stage.paid,
    steps: stage.steps
  }
  return { email, password, dossiers: [dossier], messages: [] }
}
