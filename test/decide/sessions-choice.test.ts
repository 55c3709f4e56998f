import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { b1Blocks, decide } from "../../src/pipeline/decide/index.ts"
import {
  firstExamAfter, matchOnDates, planSessionChoice, rangeInMessage, rangeOfConfirmedDates, typedSession, type SessionChoiceInput
} from "../../src/pipeline/decide/sessionChoice.ts"
import type { Decision, DecisionAction } from "../../src/schemas/decision.ts"
import { todayInParis } from "../../src/schemas/time.ts"
import { decoded, fixture, fixtureJson, GO, templates, type Json } from "./caseFiles.ts"

const VISIO = { name: "VISIO Zoom VTC", id: "1456177001700000001" }
const course = (id: string, name: string, start: string, end: string) =>
  ({ id, Name: name, Date_d_but: start, Date_fin: end, Lieu_de_formation: VISIO })
const exam = (id: string, date: string) => ({ id, Name: `75_${date}`, Date_Examen: date, Departement: 75 })

describe("session choice: the confirmed range", () => {
  const today = "2026-03-10"
  it.each([
    ["je confirme la session du 30 mars au 10 avril", "2026-03-30", "2026-04-10"],
    ["ok pour la session du 13 au 24 avril svp", "2026-04-13", "2026-04-24"],
    ["Je prends celle du 6 avril au 10", "2026-04-06", "2026-04-10"],
    ["du 13/04 au 24/04/2026", "2026-04-13", "2026-04-24"],
    ["du 28 décembre au 8 janvier", "2026-12-28", "2027-01-08"],
    ["du 2 février au 6 février", "2027-02-02", "2027-02-06"]
  ])("\"%s\" → %s … %s", (text, start, end) => {
    expect(rangeInMessage(text, today)).toEqual({ start, end })
  })

  it.each(["je confirme la session du soir", "du 45 mars au 50 mars", "disponible du lundi au vendredi"])("no range in \"%s\"", (text) => {
    expect(rangeInMessage(text, today)).toBeNull()
  })

  it("reads the triage's confirmed dates (range or single day)", () => {
    expect(rangeOfConfirmedDates("30/03/2026-10/04/2026")).toEqual({ start: "2026-03-30", end: "2026-04-10" })
    expect(rangeOfConfirmedDates("06/04/2026")).toEqual({ start: "2026-04-06", end: null })
    expect(rangeOfConfirmedDates("bientôt")).toBeNull()
    expect(rangeOfConfirmedDates(null)).toBeNull()
  })
})

describe("session choice: matching and Rule 16", () => {
  const soir = course("S1", "cds-visio-VTC - 30 mars - 10 avril 2026", "2026-03-30", "2026-04-10")
  const jour = course("J1", "cdj-visio-VTC - 6 avril - 10 avril 2026", "2026-04-06", "2026-04-10")
  const late = course("J2", "cdj-visio-VTC - 27 avril - 30 avril 2026", "2026-04-27", "2026-04-30")
  const typed = [soir, jour, late].map(typedSession).filter((s) => s !== null)

  it("keeps only typed visio courses with readable dates", () => {
    expect(typed.map((s) => s.id)).toEqual(["S1", "J1", "J2"])
    expect(typedSession({ ...soir, Lieu_de_formation: { name: "Salle Montreuil" } })).toBeNull()
    expect(typedSession({ ...soir, Name: "stage pratique" })).toBeNull()
    expect(typedSession({ ...soir, Date_fin: null })).toBeNull()
  })

  it.each([
    [{ start: "2026-03-30", end: "2026-04-10" }, "S1"],
    [{ start: "2026-03-31", end: "2026-04-09" }, "S1"],
    [{ start: "2026-04-06", end: null }, "J1"],
    [{ start: "2026-04-05", end: "2026-04-10" }, "J1"],
    [{ start: "2026-04-02", end: "2026-04-10" }, null],
    [{ start: "2026-04-27", end: "2026-05-08" }, null]
  ] as const)("range %j → %s (±1 day)", (range, id) => {
    expect(matchOnDates(range, typed)?.id ?? null).toBe(id)
  })

  const base: SessionChoiceInput = {
    intents: ["CONFIRMATION_SESSION"], range: null, sessions: [soir, jour, late], offered: [jour, soir], preference: null,
    currentSessionId: null, currentSessionEnd: null, examDate: "2026-04-27", examMovedInUpdate: false, canReposition: true,
    laterExamDates: [exam("E427", "2026-04-27"), exam("E525", "2026-05-25")], today: "2026-03-10"
  }

  it("a matched course ending before the exam is written with its type", () => {
    const c = planSessionChoice({ ...base, range: { start: "2026-03-30", end: "2026-04-10" } })
    expect(c).toMatchObject({ matchedBy: "dates", afterExam: false, confirmed: true, updates: { Session: "S1", Preference_horaire: "soir" } })
  })

  it("without dates the preference picks the first offered course of that type", () => {
    expect(planSessionChoice({ ...base, preference: "soir" }).updates).toEqual({ Session: "S1", Preference_horaire: "soir" })
    expect(planSessionChoice({ ...base, preference: null }).match).toBeNull()
  })

  it("the course already assigned is confirmed without an update", () => {
    const c = planSessionChoice({ ...base, range: { start: "2026-03-30", end: "2026-04-10" }, currentSessionId: "S1" })
    expect(c.confirmed).toBe(true)
    expect(c.updates).toEqual({})
  })

  it("Rule 16, exam may move: the exam goes to the first open date 3 days after the course, in the same update", () => {
    const c = planSessionChoice({ ...base, range: { start: "2026-04-27", end: "2026-04-30" } })
    expect(c).toMatchObject({ afterExam: true, canReposition: true, confirmed: true })
    expect(c.updates).toEqual({ Session: "J2", Preference_horaire: "jour", Date_examen_VTC: "E525" })
  })

  it("Rule 16, exam may not move (or already moves): nothing written, an alert for the note", () => {
    for (const input of [{ canReposition: false }, { examMovedInUpdate: true }, { laterExamDates: [] }]) {
      const c = planSessionChoice({ ...base, ...input, range: { start: "2026-04-27", end: "2026-04-30" } })
      expect(c.afterExam).toBe(true)
      expect(c.updates).toEqual({})
      expect(c.alerts.join()).toContain("règle 16")
    }
  })

  it("Rule 16 without a match: the requested range or the assigned course", () => {
    expect(planSessionChoice({ ...base, intents: ["QUESTION_SESSION"], range: { start: "2026-04-20", end: "2026-04-28" } }).afterExam).toBe(true)
    expect(planSessionChoice({ ...base, intents: [], currentSessionEnd: "2026-04-27" }).afterExam).toBe(true)
    expect(planSessionChoice({ ...base, intents: [], currentSessionEnd: "2026-04-24" }).afterExam).toBe(false)
    // an exam behind the candidate is the exam-date cases' business
    expect(planSessionChoice({ ...base, intents: [], currentSessionEnd: "2026-04-27", examDate: "2026-03-01" }).afterExam).toBe(false)
  })

  it("firstExamAfter leaves 3 days between the course and the exam", () => {
    const dates = [exam("A", "2026-05-02"), exam("B", "2026-05-03"), exam("C", "2026-05-20")]
    expect(firstExamAfter("2026-04-30", dates)?.id).toBe("B")
    expect(firstExamAfter("2026-05-18", dates)).toBeNull()
  })
})

const ofTag = <T extends DecisionAction["_tag"]>(d: Decision, tag: T) =>
  d.actions.filter((a): a is Extract<DecisionAction, { _tag: T }> => a._tag === tag)

const LATE_COURSE = course("1456177001600000427", "cdj-visio-VTC - 27 avril - 30 avril 2026", "2026-04-27", "2026-04-30")

const confirming = (now: string, text: string, change: (j: Json) => void = () => {}) => (json: Json) => {
  json.now = now
  json.threads[0].createdTime = now
  json.threads[0].plainText = text
  json.threads[0].content = `<div>${text}</div>`
  json.llmTriage.primary_intent = "CONFIRMATION_SESSION"
  json.llmTriage.secondary_intents = []
  json.trainingSessions.push(LATE_COURSE)
  json.dealNotes = []
  change(json)
}

describe("decide: STEP 5 session choice", () => {
  it("CAS 8: the confirmed evening course before the new exam date is written with the new date", () => {
    const d = decide(fixture(GO, confirming("2026-03-10T08:45:00.000Z", "Bonjour, je confirme la session du soir du 30 mars au 10 avril.")), templates)
    const step5 = ofTag(d, "UpdateDeal").find((u) => u.idempotencyKey.endsWith(":step5"))
    expect(step5?.payload).toEqual({ Date_examen_VTC: "1456177001500000427", Session: "1456177001600000330", Preference_horaire: "soir" })
    expect(d.reply?.text).toContain("nous avons bien enregistré votre formation en cours du soir")
    expect(d.reply?.sections).not.toContain("alert:session_after_exam")
  })

  const dossierCree = (j: Json) => {
    j.deals[0].Date_examen_VTC = { name: "75_2026-04-27", id: "1456177001500000427" }
    j.examt3p.data.date_examen = "27/04/2026"
    j.examt3p.data.examens.date = "27/04/2026"
  }

  it("Rule 16 variant A: a course ending after the exam moves the exam in the same update", () => {
    const d = decide(fixture(GO, confirming("2026-03-20T08:00:00.000Z", "Je confirme la session du 27 avril au 30 avril.", dossierCree)), templates)
    const step5 = ofTag(d, "UpdateDeal").find((u) => u.idempotencyKey.endsWith(":step5"))
    expect(step5?.payload).toEqual({ Session: "1456177001600000427", Preference_horaire: "jour", Date_examen_VTC: "1456177001500000525" })
    expect(d.reply?.sections).toContain("alert:session_after_exam")
    expect(d.reply?.text).toContain("nous déplacerons votre examen sur une date ultérieure")
    expect(ofTag(d, "AddDealNote")[0]?.payload.Note_Content).toContain("règle 16")
  })

  it("Rule 16 variant B: validated dossier past its clôture — no session written, the reply asks for another course", () => {
    const d = decide(fixture(GO, confirming("2026-04-10T08:00:00.000Z", "Je confirme la session du 27 avril au 30 avril.", (j) => {
      dossierCree(j)
      j.deals[0].Evalbox = "VALIDE CMA"
      j.examt3p.data.statut_dossier = "Valide"
    })), templates)
    for (const u of ofTag(d, "UpdateDeal")) {
      expect(Object.keys(u.payload)).not.toContain("Session")
      expect(Object.keys(u.payload)).not.toContain("Date_examen_VTC")
    }
    expect(d.reply?.sections).toContain("alert:session_after_exam")
    expect(d.reply?.text).toContain("ne peut plus être déplacé")
    expect(ofTag(d, "AddDealNote")[0]?.payload.Note_Content).toContain("non enregistrée")
  })
})

describe("decide: Rule 16 property (§10.4)", () => {
  const EXAMS: Readonly<Record<string, string>> = {
    "1456177001500000330": "2026-03-30", "1456177001500000427": "2026-04-27", "1456177001500000525": "2026-05-25"
  }
  const COURSES = [
    ["30/03/2026-10/04/2026", "2026-04-10"], ["06/04/2026-10/04/2026", "2026-04-10"], ["27/04/2026-30/04/2026", "2026-04-30"],
    ["02/03/2026-13/03/2026", "2026-03-13"]
  ] as const
  const arbitrary = fc.record({
    evalbox: fc.constantFrom("Dossier crée", "Pret a payer", "Dossier Synchronisé", "VALIDE CMA", "Convoc CMA reçue", null),
    examId: fc.option(fc.constantFrom(...Object.keys(EXAMS)), { nil: null }),
    day: fc.integer({ min: 0, max: 70 }),
    course: fc.constantFrom(...COURSES),
    viaTriage: fc.boolean(),
    hasSession: fc.boolean()
  })

  it("no planned update assigns a course ending on or after the exam date it leaves the candidate with, nor breaks rule B1", () => {
    let sessionsWritten = 0
    let b1Seen = 0
    let examMovedWithSession = 0
    fc.assert(fc.property(arbitrary, (g) => {
      const json = fixtureJson(GO)
      const now = new Date(Date.UTC(2026, 2, 1, 8) + g.day * 86_400_000).toISOString()
      const [dates, end] = g.course
      confirming(now, g.viaTriage ? "Je confirme ma session." : `Je confirme la session du ${dates.slice(0, 5)} au ${dates.slice(11, 16)}.`)(json)
      if (g.viaTriage) json.llmTriage.intent_context = { ...json.llmTriage.intent_context, confirmed_session_dates: dates }
      const deal = json.deals[0]
      deal.Evalbox = g.evalbox
      deal.Date_examen_VTC = g.examId === null ? null : { name: `75_${EXAMS[g.examId]}`, id: g.examId }
      if (!g.hasSession) deal.Session = null
      const cf = decoded(json)
      const d = decide(cf, templates)
      // rule B1 holds whatever the session choice planned
      const cloture = cf.examDates.find((r) => r.id === g.examId)?.Date_Cloture_Inscription ?? null
      if (b1Blocks({ evalbox: g.evalbox, cloture, today: todayInParis(cf.now) })) {
        b1Seen++
        for (const u of ofTag(d, "UpdateDeal")) expect(Object.keys(u.payload)).not.toContain("Date_examen_VTC")
      }
      let examAfter = g.examId === null ? null : EXAMS[g.examId] ?? null
      for (const u of ofTag(d, "UpdateDeal")) {
        const moved = u.payload.Date_examen_VTC
        if (typeof moved === "string") examAfter = EXAMS[moved] ?? null
      }
      if (examAfter === null) return
      for (const u of ofTag(d, "UpdateDeal")) {
        const written = json.trainingSessions.find((s: Json) => s.id === u.payload.Session)
        if (written === undefined) continue
        sessionsWritten++
        if (written.Date_fin === end && u.payload.Date_examen_VTC !== undefined) examMovedWithSession++
        expect(written.Date_fin < examAfter).toBe(true)
      }
    }), { numRuns: 120 })
    expect(sessionsWritten).toBeGreaterThan(0)
    expect(examMovedWithSession).toBeGreaterThan(0)
    expect(b1Seen).toBeGreaterThan(0)
  })
})
