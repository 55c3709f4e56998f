/** Case files for the decide tests: the committed fixtures, modified in their JSON (encoded) form. */
import { readFileSync } from "node:fs"
import { Either } from "effect"
import { decodeCaseFile, type CaseFile } from "../../src/schemas/caseFile.ts"
import { embeddedTemplates } from "../../src/services/render/index.ts"

export type Json = Record<string, any>

export const fixtureJson = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/case-files/${name}.json`, import.meta.url), "utf8")) as Json

export const decoded = (json: Json): CaseFile => {
  const result = decodeCaseFile(json)
  if (Either.isLeft(result)) throw new Error(`test case file does not decode: ${JSON.stringify(result.left)}`)
  return result.right
}

export const fixture = (name: string, change: (json: Json) => void = () => {}): CaseFile => {
  const json = fixtureJson(name)
  change(json)
  return decoded(json)
}

export const templates = Either.getOrThrow(embeddedTemplates())

export const GO = "go-cas8-deadline-missed"
export const ROUTE = "route-docs-cab-non-uber-documents"
export const DUPLICATE = "duplicate-uber-two-won-deals"

/** The GO candidate with a validated dossier, exam on 27 April, asking for the convocation. */
export const validatedCandidate = (json: Json): void => {
  const deal = json.deals[0]
  deal.Evalbox = "VALIDE CMA"
  deal.Date_examen_VTC = { name: "75_2026-04-27", id: "1456177001500000427" }
  json.examt3p.data.statut_dossier = "Valide"
  json.examt3p.data.date_examen = "27/04/2026"
  json.examt3p.data.examens.date = "27/04/2026"
  json.dealNotes = []
  json.dealTimeline = null
  json.llmTriage.primary_intent = "DEMANDE_CONVOCATION"
  json.llmTriage.secondary_intents = []
}
