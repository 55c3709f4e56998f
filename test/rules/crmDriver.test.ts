import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { runWithCrm } from "../../src/services/rules/crmDriver.ts"
import { describeRequest, inMemoryReader, type CrmRequest } from "../../src/services/rules/crmQuery.ts"
import { analyzeExamDateSituation } from "../../src/services/rules/examDateCase.ts"
import { nextExamDates } from "../../src/services/rules/examDates.ts"

const today = "2026-03-10"
const exam = (id: string, dept: string, date: string, cloture: string) => ({
  id, Name: `${dept}_${date}`, Date_Examen: date, Date_Cloture_Inscription: cloture, Departement: dept, Statut: "Actif"
})
const modules = {
  Dates_Examens_VTC_TAXI: [exam("OWN", "75", "2026-03-20", "2026-03-05"), exam("N1", "75", "2026-03-30", "2026-03-11")],
  Sessions1: []
}

describe("runWithCrm", () => {
  it.effect("fetches each request once through the effect and gives the same result as in memory", () =>
    Effect.gen(function* () {
      const backend = inMemoryReader(modules)
      const fetched: Array<string> = []
      const fetch = (r: CrmRequest) =>
        Effect.sync(() => {
          fetched.push(describeRequest(r))
          return r._tag === "Search" ? backend.search(r) : backend.getRecord(r)
        })
      const deal = { Evalbox: "Pret a payer", CMA_de_depot: "75", Date_examen_VTC: { name: "75_2026-03-20", id: "OWN" } }
      const input = { deal, threads: null, examt3p: null, sessionPreference: null, enriched: null, timeline: null, today }
      const viaDriver = yield* runWithCrm((crm) => analyzeExamDateSituation(crm, input), fetch)
      const direct = analyzeExamDateSituation(inMemoryReader(modules), input)
      expect(viaDriver).toEqual(direct)
      expect(viaDriver.case).toBe(8)
      expect(fetched).toEqual([
        "GET Dates_Examens_VTC_TAXI/OWN",
        "GET Dates_Examens_VTC_TAXI/search criteria=(((Statut:equals:Actif)or(Statut:equals:null))and(Departement:equals:75)) page=1",
        // no ExamT3P account: earlier dates in other départements are looked up too
        "GET Dates_Examens_VTC_TAXI/search criteria=((Statut:equals:Actif)or(Statut:equals:null)) page=1"
      ])
    }))

  it.effect("a failed fetch is a CRM failure for the rule, not an error", () =>
    Effect.gen(function* () {
      const dates = yield* runWithCrm(
        (crm) => nextExamDates(crm, "75", today, 2),
        () => Effect.succeed({ _tag: "Failed" as const, reason: "HTTP 500" })
      )
      expect(dates).toEqual([])
    }))

  it.effect("stops a rule that keeps asking", () =>
    Effect.gen(function* () {
      let n = 0
      const greedy = (crm: Parameters<Parameters<typeof runWithCrm>[0]>[0]) => {
        for (let i = 0; ; i++) crm.search({ _tag: "Search", module: "M", criteria: `(x:equals:${i})`, page: 1, perPage: 200 })
      }
      const error = yield* Effect.flip(runWithCrm(greedy, () => Effect.sync(() => { n++; return { _tag: "Ok" as const, value: [] } }), 5))
      expect(error._tag).toBe("CrmDriverError")
      expect(n).toBe(5)
    }))
})
