/**
 * Date searches of the reply (§1.4 steps 7–10, §5.7) and the implicit repositioning (§5.6):
 * table tests over a small catalogue, then realistic case files through `decide`, then
 * properties (B1 never broken by a repositioning; offered dates are in the catalogue and ahead).
 */
import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { decide } from "../../src/pipeline/decide/index.ts"
import { dateOverrides } from "../../src/pipeline/decide/dateReply.ts"
import { correctedPrimaryIntent, offeredDates, searchDates, type DateOffer, type DateSearchInput } from "../../src/pipeline/decide/dateSearches.ts"
import type { Vars } from "../../src/pipeline/decide/templateVars.ts"
import { implicitRepositioning, repositioningNote, type RepositioningInput } from "../../src/pipeline/decide/implicitRepositioning.ts"
import { inMemoryReader } from "../../src/services/rules/crmQuery.ts"
import { Modules } from "../../src/services/rules/constants.ts"
import { canModifyExamDate } from "../../src/services/rules/engagement.ts"
import type { CrmRecord } from "../../src/services/rules/pyValues.ts"
import { decoded, fixtureJson, GO, templates, type Json } from "./caseFiles.ts"

const TODAY = "2026-03-10"

const exam = (id: string, date: string, cloture: string, departement: number): CrmRecord => ({
  id, Name: `${departement}_${date}`, Date_Examen: date, Date_Cloture_Inscription: `${cloture}T23:59:00+02:00`, Departement: departement, Statut: "Actif"
})

/** 75 has April and May; 77 (same region) has an April date; 69 and 13 are in other regions. */
const CATALOGUE: ReadonlyArray<CrmRecord> = [
  exam("e75-0330", "2026-03-30", "2026-03-06", 75),
  exam("e75-0427", "2026-04-27", "2026-04-03", 75),
  exam("e75-0525", "2026-05-25", "2026-05-01", 75),
  exam("e77-0413", "2026-04-13", "2026-03-25", 77),
  exam("e77-0615", "2026-06-15", "2026-05-20", 77),
  exam("e69-0420", "2026-04-20", "2026-03-30", 69),
  exam("e13-0316", "2026-03-16", "2026-03-12", 13),
  exam("e13-0608", "2026-06-08", "2026-05-15", 13)
]
const crm = inMemoryReader({ [Modules.examDates]: CATALOGUE })

const noContext: DateSearchInput["context"] = {
  requested_month: null, requested_location: null, requested_dept_code: null, mentioned_month: null,
  wants_earlier_date: false, communication_mode: "request", mentions_discrepancy: false
}
const search = (over: Partial<Omit<DateSearchInput, "context">> & { context?: Partial<DateSearchInput["context"]> }) =>
  searchDates({
    crm, today: TODAY, intents: ["DEMANDE_DATE_EXAMEN"], departement: "75", currentExam: "", accountExists: false, baseDates: [],
    ...over, context: { ...noContext, ...over.context }
  })
const ids = (records: ReadonlyArray<CrmRecord>) => records.map((r) => r.id)

describe("REPORT_DATE → DEMANDE_DATE_PLUS_TOT correction", () => {
  it.each([
    ["a month before the exam's month is an earlier-date request", "REPORT_DATE", 3, "2026-04-27", TODAY, "DEMANDE_DATE_PLUS_TOT"],
    ["a later month stays a report", "REPORT_DATE", 6, "2026-04-27", TODAY, "REPORT_DATE"],
    ["the exam's own month stays a report", "REPORT_DATE", 4, "2026-04-27", TODAY, "REPORT_DATE"],
    ["December → January is later, not earlier (DEV-D15)", "REPORT_DATE", 1, "2026-12-14", "2026-11-20", "REPORT_DATE"],
    ["no exam date: nothing to compare", "REPORT_DATE", 3, "", TODAY, "REPORT_DATE"],
    ["other intents are left alone", "DEMANDE_DATE_EXAMEN", 3, "2026-04-27", TODAY, "DEMANDE_DATE_EXAMEN"]
  ])("%s", (_label, primary, month, current, today, expected) => {
    expect(correctedPrimaryIntent(primary, month, current, today)).toBe(expected)
  })
})

describe("searchDates", () => {
  it("requested month found in the département: that month first, then later ones there", () => {
    const offer = search({ context: { requested_month: 5 } })
    expect(ids(offer.records)).toEqual(["e75-0525"])
    expect(offer.noDateForRequestedMonth).toBe(false)
    expect(offer.requestedMonthName).toBe("mai")
  })

  it("requested month missing: same month in the region, then the département's other months", () => {
    const offer = search({ context: { requested_month: 6 } })
    expect(offer.noDateForRequestedMonth).toBe(true)
    expect(ids(offer.records)).toEqual(["e77-0615", "e75-0427", "e75-0525"])
    expect(offer.limit).toBe(5)
  })

  it("requested place: that département's open dates", () => {
    const offer = search({ context: { requested_dept_code: "69", requested_location: "Lyon" } })
    expect(ids(offer.records)).toEqual(["e69-0420"])
    expect(offer.requestedLocation).toBe("Lyon")
  })

  it("earlier date: own département first, then other départements whose clôture is a week away", () => {
    const offer = search({ intents: ["DEMANDE_DATE_PLUS_TOT"], currentExam: "2026-05-25", accountExists: true })
    // 13 on 16 March closes in 2 days: too close for another département
    expect(ids(offer.records)).toEqual(["e75-0427", "e77-0413", "e69-0420"])
    expect(offer.hasEarlierOptions).toBe(true)
    expect(offer.requiresDepartmentChangeProcess).toBe(true)
  })

  it("no earlier date: flagged, and later dates are not offered for the explicit intent", () => {
    const offer = search({ intents: ["DEMANDE_DATE_PLUS_TOT"], currentExam: "2026-04-13", departement: "77", baseDates: [CATALOGUE[4]!] })
    expect(offer.noEarlierDatesAvailable).toBe(true)
    expect(offer.records).toEqual([])
  })

  it("report with nothing left in the own département: other départements, same region first", () => {
    const offer = search({ intents: ["REPORT_DATE"], departement: "77", currentExam: "2026-06-15" })
    expect(offer.noDatesInOwnDept).toBe(true)
    // 75 (Île-de-France) first, then other regions; 13 on 16 March closes too soon
    expect(ids(offer.records)).toEqual(["e75-0427", "e75-0525", "e69-0420", "e13-0608"])
  })

  it("report: the département's next five dates are loaded when the CAS loaded none", () => {
    const offer = search({ intents: ["REPORT_DATE"], currentExam: "2026-04-27" })
    expect(ids(offer.records)).toEqual(["e75-0427", "e75-0525"])
    expect(offer.limit).toBe(5)
    expect(offer.noDatesInOwnDept).toBe(false)
  })

  it("a month mentioned while clarifying, without an ExamT3P account: that month elsewhere", () => {
    const offer = search({ intents: ["STATUT_DOSSIER"], context: { mentioned_month: 4, communication_mode: "clarification" } })
    expect(offer.hasMonthInOtherDepts).toBe(true)
    expect(ids(offer.records)).toEqual(["e77-0413", "e69-0420"])
    expect(search({ intents: ["STATUT_DOSSIER"], accountExists: true, context: { mentioned_month: 4, communication_mode: "clarification" } }).hasMonthInOtherDepts)
      .toBe(false)
  })

  it("offeredDates drops the current date, past exams and closed registrations, and keeps the limit", () => {
    const offered = offeredDates(CATALOGUE, "2026-04-27", 5, TODAY)
    expect(offered.map((o) => o.date_examen)).toEqual(["2026-05-25", "2026-04-13", "2026-06-15", "2026-04-20", "2026-03-16"])
    expect(offeredDates(CATALOGUE, "", 1, TODAY).map((o) => o.date_examen)).toEqual(["2026-04-27"])
  })
})

const reposition = (over: Partial<RepositioningInput>) =>
  implicitRepositioning({
    crm, today: TODAY, intents: ["REPORT_DATE"], trainingMonth: 5, departement: "75", currentExam: "2026-04-27",
    currentCloture: "2026-04-03T23:59:00+02:00", evalbox: "Dossier crée", examt3p: { compte_existe: false }, helperCase: 6,
    dossierTermine: false, ...over
  })

describe("implicitRepositioning", () => {
  it.each([
    ["level 0: no account", "Dossier crée", { compte_existe: false }, "2026-04-03", "Repositioned", 0],
    ["level 1: account, dossier created", "Dossier crée", { compte_existe: true }, "2026-04-03", "Repositioned", 1],
    ["level 2: synchronised, clôture ahead", "Dossier Synchronisé", { compte_existe: true }, "2026-04-03", "Repositioned", 2],
    ["level 3: synchronised, clôture passed", "Dossier Synchronisé", { compte_existe: true }, "2026-03-06", "Blocked", 3],
    ["level 4: validated", "VALIDE CMA", { compte_existe: true }, "2026-04-03", "Blocked", 4]
  ])("%s", (_label, evalbox, examt3p, cloture, tag, level) => {
    const r = reposition({ evalbox, examt3p, currentCloture: cloture })
    expect(r?._tag).toBe(tag)
    expect(r?.engagement.level).toBe(level)
    expect(r?.date).toBe("2026-05-25")
    if (r?._tag === "Repositioned") expect(r.automatic).toBe(level === 0)
  })

  it("does not apply without a later month with a date, after CAS 8, for a finished dossier or another intent", () => {
    expect(reposition({ trainingMonth: 4 })).toBeNull()
    expect(reposition({ trainingMonth: 7 })).toBeNull()
    expect(reposition({ helperCase: 8 })).toBeNull()
    expect(reposition({ dossierTermine: true })).toBeNull()
    expect(reposition({ intents: ["DEMANDE_DATE_EXAMEN"] })).toBeNull()
    expect(reposition({ currentExam: "" })).toBeNull()
  })

  it("notes: automatic at level 0, a CMA message to send at levels 1–2, none when blocked", () => {
    expect(repositioningNote(reposition({})!, "2026-04-27")).toContain("repositionnée automatiquement au 25/05/2026")
    const level1 = repositioningNote(reposition({ examt3p: { compte_existe: true } })!, "2026-04-27")
    expect(level1).toContain("niveau d'engagement 1")
    expect(level1).toContain("envoyer à la CMA un message de changement de date vers mai (25/05/2026)")
    expect(repositioningNote(reposition({ evalbox: "VALIDE CMA", examt3p: { compte_existe: true } })!, "2026-04-27")).toBeNull()
  })
})

// ---------------------------------------------------------------------------------------------
// Realistic case files through decide: the GO candidate, exam on 27 April in Paris.

const CATALOGUE_JSON = CATALOGUE.map((r) => ({ ...r }))

const candidate = (evalbox: string, portal: "none" | "account", intent: string, context: Json): Json => {
  const json = fixtureJson(GO)
  const deal = json.deals[0]
  deal.Evalbox = evalbox
  deal.Date_examen_VTC = { name: "75_2026-04-27", id: "e75-0427" }
  json.examDates = CATALOGUE_JSON
  json.dealNotes = []
  json.dealTimeline = null
  if (portal === "none") json.examt3p = { _tag: "NoAccount", credentialsRequestSent: false, accountCreationRequested: false }
  else {
    json.examt3p.data.date_examen = "27/04/2026"
    json.examt3p.data.examens.date = "27/04/2026"
    if (evalbox === "VALIDE CMA") json.examt3p.data.statut_dossier = "Valide"
  }
  json.llmTriage.primary_intent = intent
  json.llmTriage.secondary_intents = []
  json.llmTriage.intent_context = context
  return json
}

const dealUpdates = (d: ReturnType<typeof decide>) =>
  d.actions.flatMap((a) => (a._tag === "UpdateDeal" ? [a.payload] : []))
const comments = (d: ReturnType<typeof decide>) =>
  d.actions.flatMap((a) => (a._tag === "AddTicketComment" ? [a.payload.content] : []))

describe("through decide", () => {
  it("training asked for May, no ExamT3P account: moved to 25 May, the reply says so, a note records it", () => {
    const d = decide(decoded(candidate("Dossier crée", "none", "REPORT_DATE", {
      requested_training_dates: { start_date: null, month: 5, raw_text: "en mai" }, implicit_date_repositioning: true
    })), templates)
    expect(d.stage).toBe("COMPLETED")
    expect(dealUpdates(d)).toContainEqual(expect.objectContaining({ Date_examen_VTC: "e75-0427".replace("0427", "0525") }))
    expect(d.reply?.text).toContain("nous avons donc déplacé votre examen au lundi 25 mai 2026")
    expect(d.reply?.sections).not.toContain("exam_dates")
    expect(comments(d).some((c) => c.includes("repositionnée automatiquement au 25/05/2026"))).toBe(true)
    expect(d.templateVars.repositioning_target_date).toBe("2026-05-25")
  })

  it("same request on a validated dossier: blocked report, no date change, no repositioning note", () => {
    const d = decide(decoded(candidate("VALIDE CMA", "account", "REPORT_DATE", {
      requested_training_dates: { start_date: null, month: 5, raw_text: "en mai" }, implicit_date_repositioning: true
    })), templates)
    expect(dealUpdates(d).some((p) => "Date_examen_VTC" in p)).toBe(false)
    expect(comments(d).some((c) => c.includes("REPOSITIONNEMENT"))).toBe(false)
    expect(d.templateVars.implicit_date_repositioning).toBe(false)
    expect(d.reply?.sections).not.toContain("alert:report_possible")
  })

  it("a 'report' to March is answered as an earlier-date request with the earlier options", () => {
    const d = decide(decoded(candidate("Dossier crée", "account", "REPORT_DATE", { requested_month: 4 })), templates)
    expect(d.templateVars.primary_intent).toBe("REPORT_DATE")
    const earlier = decide(decoded(candidate("Dossier crée", "account", "REPORT_DATE", { requested_month: 3 })), templates)
    expect(earlier.templateVars.primary_intent).toBe("DEMANDE_DATE_PLUS_TOT")
    expect(earlier.reply?.sections).toContain("exam_dates")
    expect(earlier.templateVars.requires_department_change_process).toBe(true)
    expect(earlier.reply?.text).toContain("nouveau dossier ExamT3P")
    expect(earlier.reply?.text).toContain("lundi 13 avril 2026")
  })

  it("a month with no date in Paris: the alternatives are listed with the month block", () => {
    const d = decide(decoded(candidate("Dossier crée", "account", "DEMANDE_AUTRES_DATES", { requested_month: 6 })), templates)
    expect(d.templateVars.no_date_for_requested_month).toBe(true)
    expect(d.reply?.sections).toEqual(expect.arrayContaining(["month_alternatives", "exam_dates"]))
    expect(d.reply?.text).toContain("lundi 15 juin 2026")
  })

  it("CAS 8 (clôture passed before payment): the reply announces the new date and proposes no other date", () => {
    const json = fixtureJson(GO)
    const d = decide(decoded(json), templates)
    expect(d.templateVars.deadline_passed_reschedule).toBe(true)
    expect(d.reply?.sections).toContain("date_repositioned")
    expect(d.reply?.sections).not.toContain("exam_dates")
    expect(d.reply?.text).not.toContain("Indiquez-nous la date qui vous convient")
    // asked explicitly for other dates: they are still listed after the announcement
    json.llmTriage.primary_intent = "DEMANDE_AUTRES_DATES"
    const asked = decide(decoded(json), templates)
    expect(asked.reply?.sections).toEqual(expect.arrayContaining(["date_repositioned", "exam_dates"]))
  })
})

describe("properties", () => {
  const EVALBOX = ["Dossier crée", "Pret a payer", "Dossier Synchronisé", "VALIDE CMA", "Convoc CMA reçue"]
  const INTENTS = ["REPORT_DATE", "DEMANDE_DATE_PLUS_TOT", "DEMANDE_DATE_EXAMEN", "DEMANDE_AUTRES_DATES", "DEMANDE_ANNULATION", "STATUT_DOSSIER"]
  const arbitrary = fc.record({
    evalbox: fc.constantFrom(...EVALBOX),
    portal: fc.constantFrom("none" as const, "account" as const),
    intent: fc.constantFrom(...INTENTS),
    month: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
    training: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
    earlier: fc.boolean(),
    exam: fc.constantFrom(["e75-0427", "2026-04-03"] as const, ["e75-0330", "2026-03-06"] as const)
  })

  it("no repositioning breaks rule B1, and every offered date is an open catalogue date ahead", () => {
    fc.assert(fc.property(arbitrary, (c) => {
      const json = candidate(c.evalbox, c.portal, c.intent, {
        requested_month: c.month, wants_earlier_date: c.earlier, implicit_date_repositioning: c.training !== null,
        requested_training_dates: c.training === null ? null : { start_date: null, month: c.training, raw_text: "x" }
      })
      json.deals[0].Date_examen_VTC = { name: `75_${c.exam[0]}`, id: c.exam[0] }
      const d = decide(decoded(json), templates)
      if (!canModifyExamDate(c.evalbox, `${c.exam[1]}T23:59:00+02:00`, TODAY).canModify) {
        expect(dealUpdates(d).some((p) => "Date_examen_VTC" in p)).toBe(false)
      }
      for (const n of (d.templateVars.next_dates ?? []) as ReadonlyArray<{ date_examen: string; date_cloture: string }>) {
        const record = CATALOGUE.find((r) => r.Date_Examen === n.date_examen)
        expect(record).toBeDefined()
        expect(n.date_examen > TODAY).toBe(true)
        expect(n.date_cloture >= TODAY).toBe(true)
      }
      expect(((d.templateVars.next_dates ?? []) as ReadonlyArray<unknown>).length).toBeLessThanOrEqual(5)
    }), { numRuns: 60 })
  })
})

describe("dateOverrides (after visibility)", () => {
  const offer = (over: Partial<DateOffer> = {}): DateOffer => ({
    records: [], limit: 5, noDateForRequestedMonth: false, requestedMonthName: "", requestedLocation: "", earlierRequested: false,
    hasEarlierOptions: false, noEarlierDatesAvailable: false, requiresDepartmentChangeProcess: false, noDatesInOwnDept: false,
    hasMonthInOtherDepts: false, ...over
  })
  const listed: Vars = { has_next_dates: true, show_dates_section: false, next_dates: [{ date_examen: "2026-04-13", date_cloture: "2026-03-25", departement: "77", is_first_of_dept: true }] }
  const run = (vars: Vars, o: DateOffer, intents: ReadonlyArray<string>, row: { key: string; flags: { show_dates_section?: boolean } }, chosen = false) =>
    dateOverrides({ vars, offer: o, repositioning: null, intents, row, mentionsForceMajeure: false, dateAlreadyChosen: chosen })

  it.each([
    ["earlier options override the wildcard row", offer({ earlierRequested: true, hasEarlierOptions: true }), ["DEMANDE_DATE_PLUS_TOT"],
      { key: "*:DEMANDE_DATE_PLUS_TOT", flags: { show_dates_section: false } }, listed, true],
    ["a state row that hides dates is authoritative", offer({ earlierRequested: true, hasEarlierOptions: true }), ["DEMANDE_DATE_PLUS_TOT"],
      { key: "MISSED_TRAINING_FORCE_MAJEURE:REPORT_DATE", flags: { show_dates_section: false } }, listed, false],
    ["a possible report lists its dates where the row says nothing", offer(), ["REPORT_DATE"], { key: "*:REPORT_DATE", flags: {} },
      { ...listed, report_possible: true }, true],
    ["not when the row hides them", offer(), ["REPORT_DATE"], { key: "X:REPORT_DATE", flags: { show_dates_section: false } },
      { ...listed, report_possible: true }, false],
    ["a blocked report never lists dates", offer({ noDateForRequestedMonth: true }), ["REPORT_DATE"], { key: "*:REPORT_DATE", flags: {} },
      { ...listed, report_bloque: true }, false]
  ] as const)("%s", (_label, o, intents, row, vars, shown) => {
    expect(run(vars, o, intents, row).show_dates_section).toBe(shown)
  })

  it("a date the candidate already chose removes every proposal", () => {
    const v = run({ ...listed, show_dates_section: true }, offer(), ["DEMANDE_DATE_EXAMEN"], { key: "*:DEMANDE_DATE_EXAMEN", flags: { show_dates_section: true } }, true)
    expect(v.show_dates_section).toBe(false)
    expect(v.next_dates).toEqual([])
  })
})
