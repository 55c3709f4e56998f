import { describe, expect, it } from "vitest"
import { inMemoryReader } from "../../src/services/rules/crmQuery.ts"
import { detectorCaseOf, type DetectorFacts } from "../../src/services/rules/detectorCase.ts"
import { analyzeExamDateSituation, helperCaseOf, type ExamDateFacts } from "../../src/services/rules/examDateCase.ts"
import { planExamDateChange } from "../../src/services/rules/examDatePlan.ts"
import { enrichDealLookups } from "../../src/services/rules/lookups.ts"

const today = "2026-03-10"

describe("helper case table (CAS 1–10)", () => {
  const facts = (over: Partial<ExamDateFacts>): ExamDateFacts => ({
    hasExamDate: true, evalbox: "N/A", examPast: false, cloturePast: false, paidBeforeCloture: false,
    accountExists: true, refusedPieceDetails: [], ...over
  })
  it.each([
    [{ hasExamDate: false, evalbox: "VALIDE CMA" }, 1],
    [{ cloturePast: true }, 8],
    [{ cloturePast: true, paidBeforeCloture: true }, 6],
    [{ cloturePast: true, evalbox: "VALIDE CMA" }, 4],
    [{ cloturePast: true, examPast: true }, 2],
    [{ evalbox: "Refusé CMA", refusedPieceDetails: [] }, 5],
    [{ evalbox: "Refusé CMA", refusedPieceDetails: [{ nom: "Permis" }] }, 3],
    [{ evalbox: "Refusé CMA", accountExists: false }, 3],
    [{ evalbox: "Refusé CMA", examPast: true, refusedPieceDetails: [{ nom: "Permis" }] }, 3],
    [{ examPast: true, evalbox: "Convoc CMA reçue" }, 7],
    [{ examPast: true, evalbox: "Dossier Synchronisé" }, 2],
    [{ evalbox: "VALIDE CMA" }, 4],
    [{ evalbox: "Dossier Synchronisé" }, 5],
    [{ evalbox: "Dossier Synchronise" }, 6],
    [{ evalbox: "Convoc CMA reçue" }, 9],
    [{ evalbox: "Pret a payer par cheque" }, 10],
    [{ evalbox: null }, 6]
  ])("%j → CAS %i", (over, expected) => {
    expect(helperCaseOf(facts(over)).case).toBe(expected)
  })
})

describe("detector case table (CAS 1–11)", () => {
  const facts = (over: Partial<DetectorFacts>): DetectorFacts => ({
    hasExamDate: true, evalbox: "N/A", examPast: false, examFuture: true, cloturePast: false, ...over
  })
  it.each([
    [{ hasExamDate: false }, 1],
    [{ evalbox: "Refusé CMA" }, 3],
    [{ evalbox: "Convoc CMA reçue" }, 9],
    [{ evalbox: "Convoc CMA reçue", examPast: true, examFuture: false }, 11],
    [{ evalbox: "Pret a payer", cloturePast: true }, 10],
    [{ evalbox: "VALIDE CMA" }, 4],
    [{ evalbox: "Dossier Synchronisé", cloturePast: true }, 5],
    [{ evalbox: "Dossier Synchronisé", examPast: true, examFuture: false }, 7],
    [{ cloturePast: true }, 8],
    [{ examPast: true, examFuture: false }, 2],
    [{}, 6],
    [{ evalbox: "VALIDE CMA", examPast: false, examFuture: false }, 1]
  ])("%j → CAS %i", (over, expected) => {
    expect(detectorCaseOf(facts(over)).case).toBe(expected)
  })
})

const exam = (id: string, date: string, cloture: string, dept = "75") => ({
  id, Name: `${dept}_${date}`, Date_Examen: date, Date_Cloture_Inscription: cloture, Departement: dept, Statut: "Actif"
})
const catalog = [
  exam("OWN", "2026-03-20", "2026-03-05"),
  exam("PAST", "2026-03-02", "2026-02-10"),
  exam("N1", "2026-03-30", "2026-03-11"),
  exam("N2", "2026-04-13", "2026-03-24"),
  exam("EARLY-69", "2026-03-16", "2026-03-11", "69")
]
const training = [
  { id: "cdj-1", Name: "cdj-visio - 1", Date_d_but: "2026-03-20", Date_fin: "2026-03-24", Lieu_de_formation: { name: "VISIO Zoom VTC" } },
  { id: "cds-1", Name: "cds-visio - 1", Date_d_but: "2026-03-13", Date_fin: "2026-03-24", Lieu_de_formation: { name: "VISIO Zoom VTC" } }
]
const run = (deal: Record<string, unknown>, examt3p: unknown = { compte_existe: true }, preference: unknown = null) => {
  const modules = { Dates_Examens_VTC_TAXI: catalog, Sessions1: training }
  const enriched = enrichDealLookups(inMemoryReader(modules), deal)
  const analysis = analyzeExamDateSituation(inMemoryReader(modules), {
    deal, threads: null, examt3p, sessionPreference: preference, enriched, timeline: null, today
  })
  return { analysis, plan: planExamDateChange({ analysis, deal, examt3p, currentCloture: enriched.date_cloture, today }) }
}
const lookup = (id: string) => ({ name: id, id })

describe("analyzeExamDateSituation", () => {
  it("CAS 1: assigns the next date and a session of the preferred type", () => {
    const { analysis, plan } = run({ Evalbox: "Dossier crée", CMA_de_depot: "75", Date_examen_VTC: null }, { compte_existe: true }, "soir")
    expect(analysis.case).toBe(1)
    expect(analysis.crm_updates).toEqual({ Date_examen_VTC: "N1", Session: "cds-1", Preference_horaire: "soir" })
    expect(plan).toEqual({ _tag: "Write", origin: "auto_assignment", recordId: "N1" })
  })

  it("CAS 1 without ExamT3P account: earlier dates elsewhere, but no automatic write", () => {
    const { analysis, plan } = run({ Evalbox: "N/A", CMA_de_depot: "75" }, null)
    expect(analysis.alternative_department_dates.map((r) => r.id)).toEqual(["EARLY-69"])
    expect(plan).toEqual({ _tag: "Blocked", origin: "auto_assignment", reason: "no_examt3p_account" })
  })

  it("CAS 8: clôture missed → rescheduled on the next date", () => {
    const { analysis, plan } = run({ Evalbox: "Pret a payer", CMA_de_depot: "75", Date_examen_VTC: lookup("OWN") })
    expect(analysis.case).toBe(8)
    expect(analysis.extra).toMatchObject({ deadline_passed_reschedule: true, new_exam_session_id: "N1", original_exam_date: "2026-03-20" })
    expect(plan).toEqual({ _tag: "Write", origin: "deadline_reschedule", recordId: "N1" })
  })

  it("CAS 8 is not triggered when the CMA was paid before the clôture", () => {
    const { analysis } = run(
      { Evalbox: "Pret a payer", CMA_de_depot: "75", Date_examen_VTC: lookup("OWN") },
      { compte_existe: true, paiement_cma: { date: "04/03/2026" } }
    )
    expect(analysis.case).toBe(10)
  })

  it("a paid status without ExamT3P access is presumed registered in time", () => {
    const { analysis } = run({ Evalbox: "Dossier Synchronisé", CMA_de_depot: "75", Date_examen_VTC: lookup("OWN") }, null)
    expect(analysis.case).toBe(5)
  })

  it("CAS 2: past exam, not validated → auto-report with the new clôture", () => {
    const { analysis, plan } = run({ Evalbox: "Dossier crée", CMA_de_depot: "75", Date_examen_VTC: lookup("PAST") })
    expect(analysis.case).toBe(2)
    expect(analysis.extra).toMatchObject({ auto_report: true, auto_report_session_id: "N1" })
    expect(analysis.date_cloture).toBe("2026-03-11")
    expect(plan._tag).toBe("Write")
  })

  it("CAS 7: validated and past → no write; force majeure within 14 days", () => {
    const { analysis, plan } = run({ Evalbox: "VALIDE CMA", CMA_de_depot: "75", Date_examen_VTC: lookup("PAST") })
    expect(analysis.case).toBe(7)
    expect(analysis.extra).toMatchObject({ days_since_exam: 8, force_majeure_possible: true })
    expect(plan).toEqual({ _tag: "NoChange" })
  })

  it("desync: ExamT3P's date wins when the calendar knows it", () => {
    const { analysis } = run(
      { Evalbox: "VALIDE CMA", CMA_de_depot: "75", Date_examen_VTC: lookup("OWN") },
      { compte_existe: true, date_examen: "30/03/2026" }
    )
    expect(analysis.extra.date_examen_crm_desync).toBe(true)
    expect(analysis.date_cloture).toBe("2026-03-11")
    expect(analysis.case).toBe(4)
  })
})
