import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { BLOCKING_MODIFICATION, Evalbox } from "../../src/services/rules/constants.ts"
import { inMemoryReader } from "../../src/services/rules/crmQuery.ts"
import { addDays, daysBetween, isDateInPast, parseDateFlexible } from "../../src/services/rules/dates.ts"
import { crossDepartmentAlternatives } from "../../src/services/rules/crossDepartment.ts"
import { analyzeExamDateSituation } from "../../src/services/rules/examDateCase.ts"
import { planExamDateChange, proposedChange } from "../../src/services/rules/examDatePlan.ts"
import { earlierDatesOtherDepartments, nextExamDates, nextExamDatesAnyDepartment } from "../../src/services/rules/examDates.ts"
import { enrichDealLookups } from "../../src/services/rules/lookups.ts"
import { stateDateContext } from "../../src/services/rules/stateContext.ts"
import { sessionsForExamDate } from "../../src/services/rules/sessions.ts"
import { analyzeUberEligibility, stateEngineUber } from "../../src/services/rules/uber.ts"

const BASE = "2026-01-01"
const day = fc.integer({ min: 0, max: 240 }).map((n) => addDays(BASE, n))
const offsetFrom = (today: string, min: number, max: number) => fc.integer({ min, max }).map((n) => addDays(today, n))
const dateSpelling = (iso: string) =>
  fc.constantFrom(iso, `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`, `${iso}T00:00:00+01:00`)
const departement = fc.constantFrom("75", "93", "13", "69", "06", "6", "1")
const evalbox = fc.constantFrom<unknown>(...Object.values(Evalbox), "N/A", "", null, "Dossier Synchronise", "Statut inconnu")

const examRecord = (today: string) =>
  fc.record({
    id: fc.uuid(),
    exam: offsetFrom(today, -40, 90),
    clotureOffset: fc.integer({ min: -40, max: 10 }),
    dept: fc.oneof(departement, fc.constant(75)),
    statut: fc.constantFrom<string | null>("Actif", null, "Inactif", "Complet"),
    spelling: fc.nat(2)
  }).map(({ id, exam, clotureOffset, dept, statut, spelling }) => {
    const cloture = addDays(exam, clotureOffset - 10)
    const spelled = [cloture, `${cloture.slice(8, 10)}/${cloture.slice(5, 7)}/${cloture.slice(0, 4)}`, `${cloture}T00:00:00+01:00`][spelling]
    return { id, Name: `${dept}_${exam}`, Date_Examen: exam, Date_Cloture_Inscription: spelled, Departement: dept, Statut: statut }
  })

const scenario = day.chain((today) =>
  fc.record({
    today: fc.constant(today),
    catalog: fc.array(examRecord(today), { maxLength: 25 }),
    own: fc.option(examRecord(today), { nil: null }),
    evalbox,
    cma: fc.option(departement, { nil: null }),
    account: fc.boolean(),
    loginFailed: fc.constantFrom(false, false, false, true),
    payment: fc.option(offsetFrom(today, -60, 5).chain(dateSpelling), { nil: null }),
    portalDate: fc.option(offsetFrom(today, -30, 60).chain(dateSpelling), { nil: null }),
    resultat: fc.oneof(
      { weight: 4, arbitrary: fc.constant<unknown>(null) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>("ADMIS", "NON ADMISSIBLE", "ABSENT TH", "Pas encore passé") }
    ),
    preference: fc.constantFrom<unknown>(null, "jour", "soir")
  })
)

function analyse(s: {
  today: string; catalog: ReadonlyArray<Record<string, unknown>>; own: Record<string, unknown> | null; evalbox: unknown
  cma: string | null; account: boolean; loginFailed: boolean; payment: string | null; portalDate: string | null
  resultat: unknown; preference: unknown
}) {
  const records = [...(s.own ? [s.own] : []), ...s.catalog]
  const modules = { Dates_Examens_VTC_TAXI: records, Sessions1: [] }
  const deal = {
    Evalbox: s.evalbox, CMA_de_depot: s.cma, Resultat: s.resultat,
    Date_examen_VTC: s.own ? { name: s.own.Name, id: s.own.id } : null
  }
  const examt3p = s.account
    ? { compte_existe: true, credentials_login_failed: s.loginFailed, paiement_cma: { date: s.payment }, date_examen: s.portalDate }
    : null
  const enriched = enrichDealLookups(inMemoryReader(modules), deal)
  const analysis = analyzeExamDateSituation(inMemoryReader(modules), {
    deal, threads: null, examt3p, sessionPreference: s.preference, enriched, timeline: null, today: s.today
  })
  const plan = planExamDateChange({ analysis, deal, examt3p, currentCloture: enriched.date_cloture, today: s.today })
  return { deal, enriched, analysis, plan }
}

describe("properties", () => {
  it("no plan changes Date_examen_VTC of a validated dossier whose clôture is past (rule B1)", () => {
    let blockedSeen = 0
    fc.assert(fc.property(scenario, (s) => {
      const { deal, enriched, analysis, plan } = analyse(s)
      const blocked = typeof deal.Evalbox === "string" && BLOCKING_MODIFICATION.has(deal.Evalbox) &&
        isDateInPast(enriched.date_cloture, s.today)
      if (!blocked) return true
      blockedSeen++
      return plan._tag !== "Write" && proposedChange(analysis) === null && !("Date_examen_VTC" in analysis.crm_updates)
    }), { numRuns: 400 })
    expect(blockedSeen).toBeGreaterThan(10)
  })

  it("a planned write targets an exam after today whose clôture is at least tomorrow", () => {
    let writes = 0
    fc.assert(fc.property(scenario, (s) => {
      const { analysis, plan } = analyse(s)
      if (plan._tag !== "Write") return true
      writes++
      const target = [...analysis.next_dates, analysis.extra.new_exam_session as Record<string, unknown> | undefined]
        .find((r) => r && r.id === plan.recordId)
      const exam = parseDateFlexible(target?.Date_Examen)
      const cloture = parseDateFlexible(target?.Date_Cloture_Inscription)
      return exam !== null && exam > s.today && cloture !== null && daysBetween(s.today, cloture) >= 1
    }), { numRuns: 600 })
    expect(writes).toBeGreaterThan(5)
  })

  it("proposed exam dates are after today with a clôture at least one day ahead, in exam-date order", () => {
    fc.assert(fc.property(day.chain((today) => fc.tuple(fc.constant(today), fc.array(examRecord(today), { maxLength: 40 }), departement)),
      ([today, catalog, dept]) => {
        const crm = () => inMemoryReader({ Dates_Examens_VTC_TAXI: catalog })
        const lists = [
          nextExamDates(crm(), dept, today, 15),
          nextExamDatesAnyDepartment(crm(), today, 15),
          earlierDatesOtherDepartments(crm(), dept, addDays(today, 45), today, 10)
        ]
        for (const list of lists) {
          const exams = list.map((r) => parseDateFlexible(r.Date_Examen))
          for (const [i, r] of list.entries()) {
            expect(exams[i]! > today).toBe(true)
            expect(daysBetween(today, parseDateFlexible(r.Date_Cloture_Inscription)!)).toBeGreaterThanOrEqual(1)
            if (i > 0) expect(String(r.Date_Examen) >= String(list[i - 1]!.Date_Examen)).toBe(true)
          }
        }
      }), { numRuns: 300 })
  })

  it("cross-département alternatives are earlier, elsewhere, with a clôture at least seven days ahead", () => {
    fc.assert(fc.property(day.chain((today) => fc.tuple(fc.constant(today), fc.array(examRecord(today), { maxLength: 40 }), departement)),
      ([today, catalog, dept]) => {
        const reference = addDays(today, 45)
        const options = crossDepartmentAlternatives(inMemoryReader({ Dates_Examens_VTC_TAXI: catalog }), dept, reference, true, today)
        for (const o of [...options.sameRegion, ...options.otherRegion]) {
          expect(o.daysUntilCloture).toBeGreaterThanOrEqual(7)
          expect(String(o.record.Date_Examen) < reference).toBe(true)
          expect(String(o.record.Date_Examen) > today).toBe(true)
        }
      }), { numRuns: 300 })
  })

  it("proposed training sessions end before the exam (at least 3 days) and start at most 3 days ago", () => {
    const sessionArb = (today: string) => fc.record({
      id: fc.uuid(),
      type: fc.constantFrom("cdj", "cds", "xyz"),
      start: offsetFrom(today, -20, 60),
      length: fc.integer({ min: 0, max: 14 }),
      lieu: fc.constantFrom("VISIO Zoom VTC", "Paris", "visio vtc")
    }).map(({ id, type, start, length, lieu }) => ({
      id, Name: `${type}-${id}`, Date_d_but: start, Date_fin: addDays(start, length), Lieu_de_formation: { name: lieu }
    }))
    fc.assert(fc.property(day.chain((today) => fc.tuple(
      fc.constant(today), offsetFrom(today, 1, 90), fc.array(sessionArb(today), { maxLength: 30 }),
      fc.constantFrom<unknown>(null, "jour", "soir", "cdj"), fc.integer({ min: 1, max: 4 })
    )), ([today, exam, sessions, type, limit]) => {
      const chosen = sessionsForExamDate(inMemoryReader({ Sessions1: sessions }), exam, type, today, limit)
      expect(chosen.length).toBeLessThanOrEqual(Math.max(limit, 2))
      for (const s of chosen) {
        expect(daysBetween(String(s.Date_fin), exam)).toBeGreaterThanOrEqual(3)
        expect(String(s.Date_d_but) >= addDays(today, -3)).toBe(true)
        expect(String(s.Lieu_de_formation && (s.Lieu_de_formation as { name: string }).name).toUpperCase()).toContain("VISIO")
      }
    }), { numRuns: 300 })
  })

  it("every rule is deterministic: the same inputs give the same outputs", () => {
    fc.assert(fc.property(scenario, (s) => {
      const a = analyse(s)
      const b = analyse(structuredClone(s))
      expect(JSON.stringify(b.analysis)).toBe(JSON.stringify(a.analysis))
      expect(b.plan).toEqual(a.plan)
      expect(stateDateContext(b.deal, b.enriched, s.today)).toEqual(stateDateContext(a.deal, a.enriched, s.today))
      const uberDeal = { Stage: "GAGNÉ", Amount: 20, Date_Dossier_re_u: s.payment, Compte_Uber: s.account, ELIGIBLE: s.loginFailed }
      expect(analyzeUberEligibility(uberDeal, s.today)).toEqual(analyzeUberEligibility({ ...uberDeal }, s.today))
      expect(stateEngineUber(uberDeal, s.today)).toEqual(stateEngineUber({ ...uberDeal }, s.today))
    }), { numRuns: 200 })
  })
})
