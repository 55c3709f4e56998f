/**
 * The V3 conversation analysis in decide (§8.6, §5.7, §8.5, §1.4 step 9): table tests of its
 * effects, then realistic case files — an old case file without the field decides as before.
 */
import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { applyResponseMode, conversationEffects, NO_CONVERSATION, type ConversationInput } from "../../src/pipeline/decide/conversation.ts"
import { decide } from "../../src/pipeline/decide/index.ts"
import type { Vars } from "../../src/pipeline/decide/templateVars.ts"
import { ConversationAnalysis, type ConversationAnalysisJson } from "../../src/schemas/conversation.ts"
import type { MatrixRow } from "../../src/services/rules/states/matrix.ts"
import { decoded, fixtureJson, GO, templates, validatedCandidate, type Json } from "./caseFiles.ts"

const TODAY = "2026-03-10"
const record = (id: string, date: string, cloture: string) => ({ id, Date_Examen: date, Date_Cloture_Inscription: cloture, Departement: 75 })
const EXAMS = [record("e0427", "2026-04-27", "2026-04-03"), record("e0525", "2026-05-25", "2026-05-01")]
const analysis = (over: Partial<ConversationAnalysisJson> = {}) => Schema.decodeUnknownSync(ConversationAnalysis)({
  conversation_mode: "confirmation", response_mode: "brief_confirmation",
  decisions: [{ kind: "date_choice", value: "2026-05-25", confidence: 0.9 }], ...over
})
const input = (over: Partial<ConversationInput> = {}): ConversationInput => ({
  conversation: analysis(), previousProposedDates: "2026-04-27,2026-05-25",
  engagement: { level: 1, can_reposition: true, needs_cma_message: true }, departement: "75", examDates: EXAMS, today: TODAY,
  currentExam: "2026-04-27", ...over
})

describe("conversationEffects", () => {
  it("no analysis: nothing changes", () => {
    expect(conversationEffects(input({ conversation: undefined }))).toEqual(NO_CONVERSATION)
  })
  it("a proposed date chosen, the date may move and exists: the fallback confirms it", () => {
    const e = conversationEffects(input())
    expect(e.fallbackRecord?.id).toBe("e0525")
    expect(e.dateChoice).toBe("2026-05-25")
    expect(e.responseMode).toBe("brief_confirmation")
    expect(e.targetDate).toBe("2026-05-25")
  })
  it.each([
    ["not one of our proposals", { previousProposedDates: "2026-04-27" }],
    ["the engagement forbids a move", { engagement: { level: 4 as const, can_reposition: false, needs_cma_message: false } }],
    ["not in the département's next dates", { examDates: [EXAMS[0]!] }],
    ["already the current date", { currentExam: "2026-05-25" }]
  ])("no fallback when %s (the choice still stops new proposals)", (_label, over) => {
    const e = conversationEffects(input(over))
    expect(e.fallbackRecord).toBeNull()
    expect(e.dateChoice).toBe("2026-05-25")
  })
  it("a hesitant choice is ignored", () => {
    const e = conversationEffects(input({ conversation: analysis({ decisions: [{ kind: "date_choice", value: "2026-05-25", confidence: 0.4 }] }) }))
    expect(e.dateChoice).toBeNull()
    expect(e.fallbackRecord).toBeNull()
  })
})

const row = (flags: MatrixRow["flags"] = {}): MatrixRow => ({ key: "*:X", template: "master", flags })
const shown: Vars = { show_dates_section: true, show_sessions_section: true, show_statut_section: false }

describe("applyResponseMode", () => {
  it.each([
    ["full changes nothing", "full", row(), ["STATUT_DOSSIER"], shown],
    ["brief confirmation hides dates and sessions", "brief_confirmation", row(), ["CONFIRMATION_DATE_EXAMEN"],
      { ...shown, show_dates_section: false, show_sessions_section: false }],
    ["status update also shows the status", "status_update", row(), ["STATUT_DOSSIER"],
      { show_dates_section: false, show_sessions_section: false, show_statut_section: true }],
    ["a flag the matrix row set is kept", "brief_confirmation", row({ show_dates_section: true }), ["DEMANDE_DATE_EXAMEN"],
      { ...shown, show_sessions_section: false }],
    ["full-recap intents are not shortened", "brief_confirmation", row(), ["QUESTION_GENERALE"], shown]
  ] as const)("%s", (_label, mode, r, intents, expected) => {
    expect(applyResponseMode(shown, mode, r, intents)).toEqual(expected)
  })
  it("a session after the exam (Rule 16) is never shortened", () => {
    const v = { ...shown, session_after_exam: true }
    expect(applyResponseMode(v, "brief_confirmation", row(), ["CONFIRMATION_SESSION"])).toEqual(v)
  })
})

/** The GO candidate (exam 27 April, dossier created on ExamT3P) after we proposed 27 April and 25 May. */
const answered = (conversation: Json | undefined): Json => {
  const json = fixtureJson(GO)
  json.deals[0].Date_examen_VTC = { name: "75_2026-04-27", id: "1456177001500000427" }
  json.examt3p.data.date_examen = "27/04/2026"
  json.examt3p.data.examens.date = "27/04/2026"
  json.dealTimeline = null
  json.dealNotes = [{
    id: "n1", Parent_Id: { id: json.deals[0].id }, Note_Title: "Note automatique - Ticket DOC", Created_Time: "2026-02-24T11:00:00+01:00",
    Note_Content: "[META] ticket=1 | ts=2026-02-24T11:00 | state=EXAM_DATE_ASSIGNED_WAITING | intent=DEMANDE_AUTRES_DATES | evalbox=Dossier crée | date_exam=2026-04-27 | sections=dates | proposed_dates=2026-05-25"
  }]
  json.llmTriage.primary_intent = "QUESTION_GENERALE"
  json.llmTriage.secondary_intents = []
  json.threads[0].plainText = "Bonjour, finalement je préfère la deuxième date que vous m'avez proposée."
  if (conversation !== undefined) json.conversation = conversation
  return json
}
const V3 = { conversation_mode: "confirmation", response_mode: "brief_confirmation", decisions: [{ kind: "date_choice", value: "2026-05-25", confidence: 0.9 }], target_date: "2026-05-25" }
const metaOf = (d: ReturnType<typeof decide>) =>
  d.actions.flatMap((a) => (a._tag === "AddDealNote" ? [a.payload.Note_Content.split("\n")[0] ?? ""] : []))[0] ?? ""

describe("through decide", () => {
  it("V3 fallback: the chosen proposal is confirmed, written in STEP 5, no other date proposed, META records it", () => {
    const d = decide(decoded(answered(V3)), templates)
    expect(d.actions).toContainEqual(expect.objectContaining({ _tag: "UpdateDeal", payload: expect.objectContaining({ Date_examen_VTC: "1456177001500000525" }) }))
    expect(d.reply?.text).toContain("nous avons bien noté votre choix pour l'examen du lundi 25 mai 2026")
    expect(d.reply?.sections).not.toContain("exam_dates")
    expect(metaOf(d)).toContain("target_date=2026-05-25")
    expect(metaOf(d)).toContain("response_mode=brief_confirmation")
  })

  it("without the analysis (an old case file) nothing of this happens", () => {
    const d = decide(decoded(answered(undefined)), templates)
    expect(d.actions.some((a) => a._tag === "UpdateDeal" && "Date_examen_VTC" in a.payload)).toBe(false)
    expect(metaOf(d)).not.toContain("response_mode=")
  })

  it("a validated dossier past its clôture is not moved by the fallback (B1)", () => {
    const json = answered(V3)
    const notes = json.dealNotes
    validatedCandidate(json)
    json.dealNotes = notes
    json.conversation = V3
    json.now = "2026-04-10T08:00:00.000Z"
    const d = decide(decoded(json), templates)
    expect(d.actions.some((a) => a._tag === "UpdateDeal" && "Date_examen_VTC" in a.payload)).toBe(false)
    // the analysis is still read: the choice stops new proposals and is recorded
    expect(metaOf(d)).toContain("target_date=2026-05-25")
  })
})
