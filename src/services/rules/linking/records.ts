/**
 * Record types deal linking reads: the CRM schemas (API names verbatim, values as received).
 */
import type { CrmContact, StoredDeal } from "../../../schemas/crm.ts"

export type LinkingDeal = StoredDeal
export type LinkingContact = CrmContact

/** A CRM note body with the deal it belongs to, used to find `[DUPLICATE_RESOLVED:VERIFIED]`. */
export interface LinkingNote {
  readonly dealId: string
  readonly content: string
}

export const WON = "GAGNÉ"
export const PENDING = "EN ATTENTE"

export const amountOf = (deal: LinkingDeal): number => {
  const raw = deal.Amount
  if (raw === null || raw === undefined) return 0
  const value = typeof raw === "number" ? raw : Number(String(raw).replace(",", "."))
  return Number.isFinite(value) ? value : 0
}

const foldUpper = (text: string | null | undefined): string =>
  (text ?? "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim().toUpperCase()

export const isWon = (deal: LinkingDeal): boolean => foldUpper(deal.Stage) === "GAGNE"
export const isPendingProspect = (deal: LinkingDeal): boolean => foldUpper(deal.Stage) === "EN ATTENTE"
export const isUber20 = (deal: LinkingDeal): boolean => amountOf(deal) === 20
export const isWonUber20 = (deal: LinkingDeal): boolean => isUber20(deal) && isWon(deal)

/** Recency key: `Closing_Date`, falling back to `Created_Time`. */
export const recencyKey = (deal: LinkingDeal): string => deal.Closing_Date ?? deal.Created_Time ?? ""

export const mostRecentFirst = (deals: ReadonlyArray<LinkingDeal>): ReadonlyArray<LinkingDeal> =>
  [...deals].sort((a, b) => (recencyKey(a) < recencyKey(b) ? 1 : recencyKey(a) > recencyKey(b) ? -1 : 0))

export const evalboxIs = (deal: LinkingDeal, values: ReadonlyArray<string>): boolean => {
  const current = foldUpper(deal.Evalbox)
  return current !== "" && values.some((value) => foldUpper(value) === current)
}

/** CMA-involved Evalbox values (§3.4), compared without accents. */
export const cmaInvolvedStatuses = [
  "Dossier Synchronisé", "VALIDE CMA", "Convoc CMA reçue", "Refusé CMA", "Documents refusés", "Documents manquants"
] as const

export const resultatIs = (deal: LinkingDeal, values: ReadonlyArray<string>): boolean =>
  values.includes(foldUpper(deal.Resultat))

/** §4.5 category of `Resultat`. */
export const resultatCategory = (deal: LinkingDeal): "pre_exam" | "mid_exam" | "post_exam" | "closed" => {
  const value = foldUpper(deal.Resultat)
  if (value.includes("PLUS INTER")) return "closed"
  if (value === "ADMISSIBLE") return "mid_exam"
  if (value === "ADMIS" || value === "NON ADMIS" || value === "NON ADMISSIBLE" || value.startsWith("ABSENT") || value === "CONVOC PAS RECU") {
    return "post_exam"
  }
  return "pre_exam"
}

/** Exam date of the deal from its lookup name `<dept>_<YYYY-MM-DD>` or a resolved record. */
export const examDateOf = (deal: LinkingDeal, resolved?: ReadonlyMap<string, string>): string | undefined => {
  const lookup = deal.Date_examen_VTC
  if (lookup === null || lookup === undefined) return undefined
  if (typeof lookup !== "string") {
    const fromRecord = resolved?.get(lookup.id)
    if (fromRecord !== undefined) return fromRecord.slice(0, 10)
  }
  const name = typeof lookup === "string" ? lookup : lookup.name ?? ""
  return /\d{4}-\d{2}-\d{2}/.exec(name)?.[0]
}
