/** ExamT3P dossier status → CRM `Evalbox` (§4.4) and `Resultat` categories (§4.5). */
import { Evalbox } from "./constants.ts"
import { isRecord, pyStr, truthy } from "./pyValues.ts"

const EXACT: ReadonlyArray<readonly [string, string]> = [
  ["en cours de composition", Evalbox.DossierCree],
  ["en attente de paiement", Evalbox.PretAPayer],
  ["en cours d'instruction", Evalbox.DossierSynchronise],
  ["incomplet", Evalbox.RefuseCma],
  ["valide", Evalbox.ValideCma],
  ["en attente de convocation", Evalbox.ConvocCmaRecue]
]

/** Substring rules, in the original's order (first match wins). */
const BY_SUBSTRING: ReadonlyArray<{ readonly when: (s: string) => boolean; readonly evalbox: string }> = [
  { when: (s) => s.includes("composition"), evalbox: Evalbox.DossierCree },
  { when: (s) => s.includes("paiement"), evalbox: Evalbox.PretAPayer },
  { when: (s) => s.includes("instruction"), evalbox: Evalbox.DossierSynchronise },
  { when: (s) => s.includes("incomplet"), evalbox: Evalbox.RefuseCma },
  { when: (s) => s.includes("valide") && !s.includes("convocation"), evalbox: Evalbox.ValideCma },
  { when: (s) => s.includes("convocation"), evalbox: Evalbox.ConvocCmaRecue }
]

/** `determine_evalbox_from_examt3p`: `statut_dossier` or else `statut_principal`. */
export const evalboxFromExamt3p = (examt3p: unknown): string | null => {
  if (!isRecord(examt3p) || !truthy(examt3p)) return null
  const raw = truthy(examt3p.statut_dossier)
    ? examt3p.statut_dossier
    : truthy(examt3p.statut_principal)
      ? examt3p.statut_principal
      : ""
  const status = pyStr(raw).trim()
  if (status === "") return null
  const lower = status.toLowerCase()
  const exact = EXACT.find(([k]) => k === lower)
  if (exact) return exact[1]
  return BY_SUBSTRING.find((r) => r.when(lower))?.evalbox ?? null
}

export type ResultatCategory = "pre_exam" | "mid_exam" | "post_exam" | "closed"

export interface ResultatInfo {
  readonly category: ResultatCategory
  /** template flag, e.g. `resultat_admis` */
  readonly flag: string | null
  readonly dossierTermine: boolean
}

const RESULTAT_RULES: ReadonlyArray<{ readonly when: (r: string) => boolean; readonly info: ResultatInfo }> = [
  { when: (r) => r.includes("PLUS INTERRESSE"), info: { category: "closed", flag: "resultat_plus_interesse", dossierTermine: true } },
  { when: (r) => r === "ADMISSIBLE", info: { category: "mid_exam", flag: "resultat_admissible", dossierTermine: false } },
  { when: (r) => r === "ADMIS", info: { category: "post_exam", flag: "resultat_admis", dossierTermine: true } },
  { when: (r) => r === "NON ADMIS", info: { category: "post_exam", flag: "resultat_non_admis", dossierTermine: true } },
  { when: (r) => r === "NON ADMISSIBLE", info: { category: "post_exam", flag: "resultat_non_admissible", dossierTermine: true } },
  { when: (r) => r.startsWith("ABSENT"), info: { category: "post_exam", flag: "resultat_absent", dossierTermine: true } },
  { when: (r) => r === "CONVOC PAS RECU", info: { category: "post_exam", flag: "resultat_convoc_pas_recu", dossierTermine: true } }
]

/** `Resultat` picklist → lifecycle category; empty, `Pas encore passé` and unknown values are pre-exam. */
export const resultatInfo = (resultat: unknown): ResultatInfo => {
  const r = typeof resultat === "string" ? resultat.trim().toUpperCase() : ""
  return RESULTAT_RULES.find((rule) => rule.when(r))?.info ?? { category: "pre_exam", flag: null, dossierTermine: false }
}
