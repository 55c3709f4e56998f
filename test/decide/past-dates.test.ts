/**
 * A candidate whose own exam date is behind them still gets a drafted reply: the templates word
 * the past exam without printing its date, so the validator's past-date check never stops them.
 */
import { describe, expect, it } from "@effect/vitest"
import { decide } from "../../src/pipeline/decide/index.ts"
import { decoded, fixtureJson, GO, templates, type Json } from "./caseFiles.ts"

const PAST_EXAM_STATES = new Set(["EXAM_DATE_PAST_NOT_VALIDATED", "EXAM_DATE_PAST_VALIDATED", "EXAM_PASSED_AWAITING_RESULTS", "READY_TO_PAY"])
const EVALBOX = ["Dossier crée", "Pret a payer", "Dossier Synchronisé", "VALIDE CMA", "Convoc CMA reçue", "Documents manquants"]
/** ExamT3P dossier status; null: no portal account, so the CRM status stands alone. */
const PORTAL = ["En cours de composition", "Valide", null]
const INTENTS = ["DEMANDE_DATE_EXAMEN", "STATUT_DOSSIER", "REPORT_DATE", "CONFIRMATION_SESSION", "DEMANDE_CONVOCATION", "QUESTION_GENERALE"]
const EXAMS = [
  { id: "1456177001500000330", name: "75_2026-03-30", iso: "2026-03-30", portal: "30/03/2026" },
  { id: "1456177001500000427", name: "75_2026-04-27", iso: "2026-04-27", portal: "27/04/2026" }
]
const DAYS_AFTER_EXAM = [1, 12, 45]

/** The GO candidate with the given dossier status and intent, `daysAfter` days after their exam. */
const pastExamCase = (evalbox: string, portal: string | null, intent: string, exam: typeof EXAMS[number], daysAfter: number): Json => {
  const json = fixtureJson(GO)
  json.now = new Date(Date.parse(`${exam.iso}T09:00:00Z`) + daysAfter * 86_400_000).toISOString()
  const deal = json.deals[0]
  deal.Evalbox = evalbox
  deal.Date_examen_VTC = { name: exam.name, id: exam.id }
  json.llmTriage.primary_intent = intent
  json.llmTriage.secondary_intents = []
  json.examt3p = portal === null
    ? { _tag: "NoAccount", credentialsRequestSent: false, accountCreationRequested: false }
    : { ...json.examt3p, data: { ...json.examt3p.data, statut_dossier: portal, date_examen: exam.portal, examens: { date: exam.portal } } }
  return json
}

interface Outcome { readonly label: string; readonly state: string; readonly drafted: boolean; readonly errors: ReadonlyArray<string> }

const outcomes: Array<Outcome> = []
for (const evalbox of EVALBOX) {
  for (const portal of PORTAL) {
    for (const intent of INTENTS) {
      for (const exam of EXAMS) {
        for (const daysAfter of DAYS_AFTER_EXAM) {
          const d = decide(decoded(pastExamCase(evalbox, portal, intent, exam, daysAfter)), templates)
          outcomes.push({
            label: `${evalbox} / ${portal ?? "no portal account"} / ${intent} / ${exam.iso} +${daysAfter}d`,
            state: d.state?.name ?? "none",
            drafted: d.actions.some((a) => a._tag === "CreateDraft"),
            errors: (d.reply?.validation.errors ?? []).map((e) => `${e.code}: ${e.message}`)
          })
        }
      }
    }
  }
}
const inPastStates = outcomes.filter((o) => PAST_EXAM_STATES.has(o.state))

describe("a past exam date never stops the reply", () => {
  it("the grid reaches each state where the candidate's exam date is past", () => {
    expect(new Set(inPastStates.map((o) => o.state))).toEqual(PAST_EXAM_STATES)
  })

  it("no reply of any state is refused for printing a past date", () => {
    const refused = outcomes.filter((o) => o.errors.some((e) => e.startsWith("past_date")))
    expect(refused.map((o) => `${o.state} ${o.label}: ${o.errors.join("; ")}`)).toEqual([])
  })

  it("in those states the reply passes the validator and a draft is planned", () => {
    const stopped = inPastStates.filter((o) => !o.drafted || o.errors.length > 0)
    expect(stopped.map((o) => `${o.state} ${o.label}: ${o.errors.join("; ") || "no draft"}`)).toEqual([])
  })
})
