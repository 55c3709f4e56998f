import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import fc from "fast-check"
import { decide } from "../../src/pipeline/decide/index.ts"
import { decodeCaseFile } from "../../src/schemas/caseFile.ts"
import { Decision } from "../../src/schemas/decision.ts"
import { fixtureJson, GO, templates, type Json } from "./caseFiles.ts"

/** Odd values the schemas accept (nulls, empty strings, unreadable dates, text amounts). */
const oddity = fc.constantFrom<(json: Json) => void>(
  (j) => { j.threads[0].plainText = null },
  (j) => { j.threads[1].plainText = null; j.threads[1].content = null },
  (j) => { j.examt3p.data.examens = null; j.examt3p.data.date_examen = null },
  (j) => { j.examt3p.data.date_examen = "à définir" },
  (j) => { j.deals[0].Amount = "20" },
  (j) => { j.deals[0].Date_examen_VTC = "75_2026-03-30" },
  (j) => { j.deals[0].Session = "cds-visio" },
  (j) => { j.deals[0].CMA_de_depot = "Ile de France" },
  (j) => { j.examDates[0].Date_Cloture_Inscription = "bientôt" },
  (j) => { j.trainingSessions[1].Lieu_de_formation = null },
  (j) => { j.dealTimeline = null; j.dealNotes = [] },
  (j) => { j.deals[0].Evalbox = "Refusé CMA" },
  (j) => { j.deals[0].Resultat = "NON ADMISSIBLE" },
  (j) => { j.now = "2026-06-30T10:00:00.000Z" }
)

const isDecision = Schema.is(Decision)

describe("decide never throws", () => {
  it("odd but schema-valid case files give a Decision (a failing rule stops the ticket for a person)", () => {
    fc.assert(fc.property(fc.array(oddity, { minLength: 1, maxLength: 5 }), (changes) => {
      const json = fixtureJson(GO)
      for (const change of changes) change(json)
      const caseFile = decodeCaseFile(json)
      if (Either.isLeft(caseFile)) return
      const d = decide(caseFile.right, templates)
      expect(isDecision(d)).toBe(true)
      if (d.stage === "ANALYSIS") expect(d.actions.map((a) => a._tag)).toEqual(["AddTicketComment"])
    }), { numRuns: 120 })
  })
})

describe("a rule that throws stops the ticket for a person", () => {
  it("stage ANALYSIS, one private note with the reason, no draft", () => {
    const exploding = { entries: { get: () => { throw new Error("boom") } }, partialNames: [] } as unknown as typeof templates
    const json = fixtureJson(GO)
    const caseFile = Either.getOrThrow(decodeCaseFile(json))
    const d = decide(caseFile, exploding)
    expect(d.stage).toBe("ANALYSIS")
    expect(d.actions).toHaveLength(1)
    expect(d.actions[0]?._tag === "AddTicketComment" && d.actions[0].payload.content).toContain("boom")
  })

  it("HTML-only threads (plainText null) are read from their content", () => {
    const json = fixtureJson(GO)
    json.now = "2026-04-05T08:00:00.000Z"
    json.deals[0].Evalbox = "VALIDE CMA"
    json.examt3p.data.statut_dossier = "Valide"
    for (const t of json.threads) t.plainText = null
    const d = decide(Either.getOrThrow(decodeCaseFile(json)), templates)
    expect(d.dateCase.helper).toBe(7)
    expect(d.stage).not.toBe("ANALYSIS")
  })
})
