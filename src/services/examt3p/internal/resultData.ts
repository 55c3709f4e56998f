import type { DossierChoice, Examt3pResultData, Examt3pSource } from "../outcome.ts"
import type { DashboardData, PortalMessages } from "./model.ts"

/** Builds the Ok data (the original's scrape-result keys) from a parsed dashboard. */

const definedEntries = (record: object): Record<string, string> =>
  Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => typeof entry[1] === "string"))

/** Local time in Europe/Paris as `YYYY-MM-DDTHH:mm:ss` (the original wrote a zone-less local stamp). */
export const parisTimestamp = (millis: number): string => {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23"
  }).formatToParts(new Date(millis))
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00"
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}:${get("second")}`
}

export interface ResultContext {
  readonly identifiant: string
  readonly attempt: number
  readonly errors: ReadonlyArray<string>
  readonly extractedAtMillis: number
  readonly source: Examt3pSource
  readonly dossiersDisponibles?: ReadonlyArray<string>
  readonly dossierChoisi?: DossierChoice
  /** The messages endpoint's answer; replaces the dashboard's count when present. */
  readonly messages?: PortalMessages
}

export const resultData = (dashboard: DashboardData, context: ResultContext): Examt3pResultData => ({
  ...dashboard,
  compte: definedEntries(dashboard.compte),
  progression: definedEntries(dashboard.progression),
  messages: context.messages ?? dashboard.messages,
  identifiant: context.identifiant,
  extraction_requise: false,
  errors: [...context.errors],
  extraction_date: parisTimestamp(context.extractedAtMillis),
  extraction_attempt: context.attempt,
  ...(context.dossiersDisponibles !== undefined ? { dossiers_disponibles: [...context.dossiersDisponibles] } : {}),
  ...(context.dossierChoisi !== undefined ? { dossier_choisi: context.dossierChoisi } : {}),
  compte_existe: true,
  source: context.source
})
