import { Clock, Effect } from "effect"
import {
  type Examt3pCredentials,
  type Examt3pOutcome,
  type Examt3pResultData,
  type FetchOptions,
  hasUsableCredentials,
  type MirrorDeal,
  noAccount
} from "../outcome.ts"
import { parisTimestamp } from "./resultData.ts"

/**
 * The adapter used when `EXAMT3P_URL` is not configured: the same result shape, built from what
 * the CRM deal already mirrors of the portal (DOMAIN.md §4.4, §10.3). It never calls anything and
 * is marked `source: "crm-mirror"`; document-level details are unknown to the CRM, so the
 * document keys are left out rather than reported as "nothing refused".
 */

/** Evalbox (CRM) → the portal's "Statut du dossier" (DOMAIN.md §4.4, read right to left). */
const PORTAL_STATUS_BY_EVALBOX: Readonly<Record<string, string>> = {
  "dossier crée": "En cours de composition",
  "dossier créé": "En cours de composition",
  "pret a payer": "En attente du paiement",
  "pret a payer par cheque": "En attente du paiement",
  "dossier synchronisé": "En cours d'instruction",
  "refusé cma": "Incomplet",
  "valide cma": "Valide",
  "convoc cma reçue": "En attente de convocation"
}

export const portalStatusFromEvalbox = (evalbox: string | null | undefined): string | undefined =>
  evalbox === null || evalbox === undefined ? undefined : PORTAL_STATUS_BY_EVALBOX[evalbox.trim().toLowerCase()]

/** First 2–3-digit number of `CMA_de_depot` ("75", "CMA 13"), else Corsica's 2A/2B. */
export const departementFromCrm = (value: string | null | undefined): string | undefined => {
  if (value === null || value === undefined) return undefined
  const digits = /(?<!\d)(\d{2,3})(?!\d)/.exec(value)?.[1]
  if (digits !== undefined) return digits
  return /(?<![\p{L}\d])(2[AB])(?![\p{L}\d])/iu.exec(value)?.[1]?.toUpperCase()
}

const isoToDmy = (iso: string): string | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim())
  return match === null ? undefined : `${match[3]}/${match[2]}/${match[1]}`
}

/** The resolved exam date when the caller has it, else the date in the lookup's name (`75_2026-03-31`). */
const examDateOf = (deal: MirrorDeal, resolved: string | null | undefined): string | undefined => {
  if (resolved !== null && resolved !== undefined) return isoToDmy(resolved)
  const lookup = deal.Date_examen_VTC
  const name = typeof lookup === "string" ? lookup : lookup?.name
  const iso = name === null || name === undefined ? undefined : /\d{4}-\d{2}-\d{2}/.exec(name)?.[0]
  return iso === undefined ? undefined : isoToDmy(iso)
}

export const mirrorData = (deal: MirrorDeal | undefined, identifiant: string, options: FetchOptions | undefined, nowMillis: number): Examt3pResultData => {
  const statut = portalStatusFromEvalbox(deal?.Evalbox)
  const num = deal?.NUM_DOSSIER_EVALBOX?.trim() || undefined
  const departement = departementFromCrm(deal?.CMA_de_depot)
  const date = deal === undefined ? undefined : examDateOf(deal, options?.examDate)
  const convoked = statut === "En attente de convocation"
  return {
    identifiant,
    extraction_requise: false,
    errors: [],
    extraction_date: parisTimestamp(nowMillis),
    ...(num !== undefined ? { num_dossier: num } : {}),
    ...(statut !== undefined ? { statut_dossier: statut } : {}),
    ...(departement !== undefined ? { departement } : {}),
    ...(date !== undefined ? { date_examen: date } : {}),
    examens: { ...(date !== undefined ? { date } : {}), convocation_disponible: convoked },
    convocation: convoked ? "DISPONIBLE" : "EN ATTENTE",
    compte_existe: true,
    source: "crm-mirror"
  }
}

export const makeCrmMirror = () => {
  const fetchDossier = (credentials: Examt3pCredentials | undefined, options?: FetchOptions): Effect.Effect<Examt3pOutcome> => {
    if (!hasUsableCredentials(credentials)) return Effect.succeed(noAccount(options))
    return Effect.map(Clock.currentTimeMillis, (now): Examt3pOutcome => ({
      _tag: "Ok",
      credentialsSource: credentials.source,
      data: mirrorData(options?.deal, credentials.identifiant, options, now)
    })).pipe(Effect.withSpan("examt3p.fetchDossier", { attributes: { source: "crm-mirror" } }))
  }
  return { source: "crm-mirror" as const, fetchDossier }
}
