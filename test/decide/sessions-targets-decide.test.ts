/**
 * §6.4 / §6.5 through decide: the GO candidate (Paris, exam dates 30 March, 27 April, 25 May),
 * moved to 27 April with the evening course of 30 March – 10 April.
 */
import { describe, expect, it } from "@effect/vitest"
import { decide } from "../../src/pipeline/decide/index.ts"
import { decoded, fixtureJson, GO, templates, type Json } from "./caseFiles.ts"

const APRIL = { name: "75_2026-04-27", id: "1456177001500000427" }
const MAY_ID = "1456177001500000525"
const COURSE_APRIL = { name: "cds-visio-VTC - 30 mars - 10 avril 2026", id: "1456177001600000330" }
const MAY_COURSE = {
  ...fixtureJson(GO).trainingSessions[1], id: "1456177001600000504", Name: "cds-visio-VTC - 4 mai - 15 mai 2026",
  Date_d_but: "2026-05-04", Date_fin: "2026-05-15"
}

const candidate = (now: string, intent: string, context: Json, change: (j: Json) => void = () => {}) => {
  const json = fixtureJson(GO)
  json.now = now
  json.threads[0].createdTime = now
  const deal = json.deals[0]
  deal.Date_examen_VTC = APRIL
  deal.Session = COURSE_APRIL
  json.examt3p.data.date_examen = "27/04/2026"
  json.examt3p.data.examens.date = "27/04/2026"
  json.dealNotes = []
  json.dealTimeline = null
  json.llmTriage.primary_intent = intent
  json.llmTriage.secondary_intents = []
  json.llmTriage.intent_context = { ...json.llmTriage.intent_context, ...context }
  change(json)
  return decide(decoded(json), templates)
}
const proposals = (d: ReturnType<typeof decide>) => d.sessions.proposals.map((p) => [p.examDateId, p.sessions.map((s) => s.id)])
const dealUpdates = (d: ReturnType<typeof decide>) => d.actions.flatMap((a) => (a._tag === "UpdateDeal" ? [a.payload] : []))

const TRAINING_IN_MAY = { requested_training_dates: { start_date: null, month: 5, raw_text: "en mai" }, implicit_date_repositioning: true }
const withMayCourse = (j: Json) => { j.trainingSessions.push(MAY_COURSE) }

describe("decide: courses for the implicit-repositioning target (§6.4 rule 4, §6.5)", () => {
  it("training asked for May: the May exam's closer evening course is offered and shown", () => {
    const d = candidate("2026-03-20T08:00:00.000Z", "REPORT_DATE", TRAINING_IN_MAY, withMayCourse)
    expect(d.stage).toBe("COMPLETED")
    expect(proposals(d)).toEqual([[MAY_ID, [MAY_COURSE.id]]])
    expect(d.templateVars.show_sessions_section).toBe(true)
    expect(d.reply?.sections).toContain("sessions")
    expect(d.reply?.text).toContain("lundi 4 mai 2026")
  })

  it("§6.5: without a course closer to the May exam the current one is kept — an earlier course is not offered", () => {
    const earlier = { ...MAY_COURSE, id: "1456177001600000323", Name: "cds-visio-VTC - 23 mars - 3 avril 2026", Date_d_but: "2026-03-23", Date_fin: "2026-04-03" }
    const d = candidate("2026-03-12T08:00:00.000Z", "REPORT_DATE", TRAINING_IN_MAY, (j) => { j.trainingSessions.push(earlier) })
    expect(d.stage).toBe("COMPLETED")
    expect(d.sessions.proposals).toEqual([])
    expect(d.reply?.sections).not.toContain("sessions")
    // a closer May course replaces the current one (the two best of the type, minus the current course)
    const moved = candidate("2026-03-12T08:00:00.000Z", "REPORT_DATE", TRAINING_IN_MAY, (j) => { j.trainingSessions.push(earlier, MAY_COURSE) })
    expect(proposals(moved)).toEqual([[MAY_ID, [MAY_COURSE.id]]])
  })

  it("a validated dossier cannot be repositioned: no course for May is offered", () => {
    const d = candidate("2026-03-20T08:00:00.000Z", "REPORT_DATE", TRAINING_IN_MAY, (j) => {
      withMayCourse(j)
      j.deals[0].Evalbox = "VALIDE CMA"
      j.examt3p.data.statut_dossier = "Valide"
    })
    expect(proposals(d).some(([exam]) => exam === MAY_ID)).toBe(false)
    expect(dealUpdates(d).some((p) => "Date_examen_VTC" in p)).toBe(false)
  })
})

describe("decide: courses for a confirmed exam date (§6.4 rule 4)", () => {
  it("the candidate confirms 25 May: the date is written and its closer course offered", () => {
    const d = candidate("2026-03-20T08:00:00.000Z", "CONFIRMATION_DATE_EXAMEN", { confirmed_new_exam_date: "2026-05-25" }, withMayCourse)
    expect(dealUpdates(d)).toContainEqual(expect.objectContaining({ Date_examen_VTC: MAY_ID }))
    expect(proposals(d)).toEqual([[MAY_ID, [MAY_COURSE.id]]])
    expect(d.templateVars.show_sessions_section).toBe(true)
  })
})

describe("decide: refresher for a finished course (§6.4 rule 10, §6.5)", () => {
  it("the March course is over and the exam is on 27 April: the April evening course is offered", () => {
    const d = candidate("2026-03-20T08:00:00.000Z", "DEMANDE_DATE_EXAMEN", {}, (j) => {
      j.deals[0].Session = { name: "cds-visio-VTC - 2 mars - 13 mars 2026", id: "1456177001600000302" }
    })
    expect(d.stage).toBe("COMPLETED")
    expect(proposals(d)).toEqual([[APRIL.id, [COURSE_APRIL.id]]])
    for (const u of dealUpdates(d)) expect(Object.keys(u)).not.toContain("Session")
  })

  it("a course still ahead of the candidate without a change request: already scheduled, nothing offered", () => {
    const d = candidate("2026-03-20T08:00:00.000Z", "DEMANDE_DATE_EXAMEN", {})
    expect(d.sessions.proposals).toEqual([])
  })
})

describe("decide: courses for the V3 date choice (§6.4 rule 2)", () => {
  it("the candidate picks 25 May among our proposals: its closer course is offered, the April one is not", () => {
    const d = candidate("2026-03-10T08:45:00.000Z", "QUESTION_GENERALE", {}, (j) => {
      withMayCourse(j)
      j.dealNotes = [{
        id: "n1", Parent_Id: { id: j.deals[0].id }, Note_Title: "Note automatique - Ticket DOC", Created_Time: "2026-02-24T11:00:00+01:00",
        Note_Content: "[META] ticket=1 | ts=2026-02-24T11:00 | state=EXAM_DATE_ASSIGNED_WAITING | intent=DEMANDE_AUTRES_DATES | evalbox=Dossier crée | date_exam=2026-04-27 | sections=dates | proposed_dates=2026-05-25"
      }]
      j.threads[0].plainText = "Bonjour, finalement je préfère la deuxième date que vous m'avez proposée."
      j.conversation = {
        conversation_mode: "confirmation", response_mode: "brief_confirmation",
        decisions: [{ kind: "date_choice", value: "2026-05-25", confidence: 0.9 }], target_date: "2026-05-25"
      }
    })
    expect(dealUpdates(d)).toContainEqual(expect.objectContaining({ Date_examen_VTC: MAY_ID }))
    expect(proposals(d)).toEqual([[MAY_ID, [MAY_COURSE.id]]])
  })
})

describe("decide: courses after a session assignment error (§6.4 rule 7)", () => {
  it("a course that ended before the deal was created: the assigned exam's course is offered", () => {
    const d = candidate("2026-03-20T08:00:00.000Z", "DEMANDE_DATE_EXAMEN", {}, (j) => {
      j.deals[0].Session = { name: "cds-visio-VTC - 2 mars - 13 mars 2026", id: "1456177001600000302" }
      j.deals[0].Created_Time = "2026-03-16T10:00:00+01:00"
    })
    expect(d.templateVars.session_assignment_error).toBe(true)
    expect(proposals(d)).toEqual([[APRIL.id, [COURSE_APRIL.id]]])
  })
})

describe("decide: courses for a CAS 2 automatic postponement (§6.4 rule 1)", () => {
  it("the 30 March exam passed with a dossier not validated: courses for the next dates, the current one left out", () => {
    const d = candidate("2026-04-02T08:00:00.000Z", "DEMANDE_DATE_EXAMEN", {}, (j) => {
      withMayCourse(j)
      j.deals[0].Date_examen_VTC = { name: "75_2026-03-30", id: "1456177001500000330" }
      j.examt3p.data.date_examen = "30/03/2026"
      j.examt3p.data.examens.date = "30/03/2026"
    })
    // CAS 2 moved the exam to 27 April; its only evening course is the candidate's own
    expect(dealUpdates(d)).toContainEqual({ Date_examen_VTC: APRIL.id })
    expect(d.templateVars.new_exam_date).toBe("2026-04-27")
    expect(proposals(d)).toEqual([[MAY_ID, [MAY_COURSE.id]]])
  })
})
