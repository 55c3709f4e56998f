import { describe, expect, it } from "@effect/vitest"
import { decide } from "../../src/pipeline/decide/index.ts"
import type { Decision, DecisionAction } from "../../src/schemas/decision.ts"
import { DOCFLOW_DRAFT_MARKER } from "../../src/pipeline/decide/index.ts"
import { DUPLICATE, fixture, GO, ROUTE, templates, validatedCandidate, type Json } from "./caseFiles.ts"

const tags = (d: Decision) => d.actions.map((a) => a._tag)
const ofTag = <T extends DecisionAction["_tag"]>(d: Decision, tag: T) =>
  d.actions.filter((a): a is Extract<DecisionAction, { _tag: T }> => a._tag === tag)

const unknownCandidate = (json: Json) => {
  json.contacts = []
  json.deals = []
  json.dealNotes = []
  json.ticket.cf = {}
  json.ticket.email = "inconnu@example.org"
  json.threads[0].fromEmailAddress = "inconnu@example.org"
  json.threads[0].author.email = "inconnu@example.org"
  json.ticket.subject = "Mon dossier"
  const text = "Bonjour, je me suis inscrit avec l'offre Uber et je n'ai pas de nouvelles de mon dossier. Merci, Samir"
  json.threads[0].content = `<div>${text}</div>`
  json.threads[0].plainText = text
  json.threads[0].summary = text
  delete json.llmTriage
}

interface Row {
  readonly name: string
  readonly caseFile: () => ReturnType<typeof fixture>
  readonly stage: Decision["stage"]
  readonly state: string | null
  readonly actions: ReadonlyArray<DecisionAction["_tag"]>
}

const TABLE: ReadonlyArray<Row> = [
  { name: "GO with CAS 8 reschedule", caseFile: () => fixture(GO), stage: "COMPLETED", state: "DEADLINE_MISSED",
    actions: ["UpdateDeal", "AddDealNote", "CreateDraft", "UpdateTicketFields"] },
  { name: "ROUTE to DOCS CAB", caseFile: () => fixture(ROUTE), stage: "STOPPED_AT_TRIAGE", state: null, actions: ["AddTicketComment", "MoveTicket"] },
  { name: "DUPLICATE_UBER", caseFile: () => fixture(DUPLICATE), stage: "DUPLICATE_UBER_OFFER", state: null,
    actions: ["UpdateDeal", "CreateDraft", "UpdateTicketFields"] },
  { name: "NEEDS_CLARIFICATION", caseFile: () => fixture(GO, unknownCandidate), stage: "NEEDS_CLARIFICATION", state: null,
    actions: ["AddTicketComment", "CreateDraft", "UpdateTicketFields"] },
  { name: "SKIPPED_DRAFT_EXISTS", caseFile: () => fixture(GO, (j) => { j.drafts = [{ ...j.threads[1], id: "198709000131000299", status: "DRAFT", content: "<p>brouillon d'un agent</p>" }] }),
    stage: "SKIPPED_DRAFT_EXISTS", state: null, actions: [] },
  { name: "SKIPPED_TICKET_CLOSED", caseFile: () => fixture(GO, (j) => { j.ticket.status = "Closed"; j.ticket.statusType = "Closed" }),
    stage: "SKIPPED_TICKET_CLOSED", state: null, actions: [] },
  { name: "SKIPPED_INSTANT_MESSAGE", caseFile: () => fixture(GO, (j) => { j.ticket.source.type = "INSTANT_MESSAGE" }),
    stage: "SKIPPED_INSTANT_MESSAGE", state: null, actions: ["UpdateTicketFields"] },
  { name: "validated dossier asking for the convocation", caseFile: () => fixture(GO, validatedCandidate), stage: "COMPLETED",
    state: "VALIDE_CMA_WAITING_CONVOC", actions: ["AddDealNote", "CreateDraft", "UpdateTicketFields"] }
]

describe("decide: end-to-end case files", () => {
  for (const row of TABLE) {
    it(`${row.name} → ${row.stage}`, () => {
      const d = decide(row.caseFile(), templates)
      expect(d.stage).toBe(row.stage)
      expect(d.state?.name ?? null).toBe(row.state)
      expect(tags(d)).toEqual(row.actions)
      for (const draft of ofTag(d, "CreateDraft")) expect(d.reply?.validation.ok).toBe(true)
    })
  }

  it("GO with CAS 8: the exam moves to the next date in STEP 5, the reply says so and proposes sessions for it", () => {
    const d = decide(fixture(GO), templates)
    expect(d.dateCase).toEqual({ helper: 8, stateEngine: 8 })
    expect(ofTag(d, "UpdateDeal")[0]?.payload).toEqual({ Date_examen_VTC: "1456177001500000427" })
    expect(d.reply?.text).toContain("lundi 27 avril 2026")
    expect(d.reply?.text).toContain("18h–22h")
    expect(d.reply?.sections).toContain("date_repositioned")
    expect(d.sessions.proposals[0]?.examDateId).toBe("1456177001500000427")
  })

  it("a draft docflow wrote itself does not stop the ticket", () => {
    const first = decide(fixture(GO), templates)
    const ours = ofTag(first, "CreateDraft")[0]
    expect(ours?.payload.content).toContain(DOCFLOW_DRAFT_MARKER)
    const again = decide(fixture(GO, (j) => { j.drafts = [{ ...j.threads[1], id: "198709000131000298", status: "DRAFT", content: ours?.payload.content }] }), templates)
    expect(again.stage).toBe("COMPLETED")
    const byId = decide(fixture(GO, (j) => { j.drafts = [{ ...j.threads[1], id: "198709000131000297", status: "DRAFT", content: "<p>x</p>" }] }), templates,
      { docflowDraftIds: ["198709000131000297"] })
    expect(byId.stage).toBe("COMPLETED")
  })

  it("routed and stopped tickets plan no draft", () => {
    const stopped = [fixture(ROUTE), ...TABLE.filter((r) => r.stage.startsWith("SKIPPED")).map((r) => r.caseFile())]
    for (const cf of stopped) {
      const d = decide(cf, templates)
      expect(ofTag(d, "CreateDraft")).toEqual([])
      expect(d.reply).toBeNull()
    }
  })

  it("a reply the validator refuses is not drafted: the ticket stops for a human with the reasons", () => {
    // an internal code in the candidate's first name leaks into the greeting → validator error
    const d = decide(fixture(GO, (j) => { j.contacts[0].First_Name = "Evalbox" }), templates)
    expect(d.reply?.validation.ok).toBe(false)
    expect(d.stage).toBe("STOPPED_REPLY_INVALID")
    expect(ofTag(d, "CreateDraft")).toEqual([])
    expect(ofTag(d, "AddTicketComment").some((c) => c.payload.content.includes("internal_term"))).toBe(true)
  })

  it("idempotency keys: ticket, newest inbound thread, kind and target; a new inbound message changes them", () => {
    const d = decide(fixture(GO), templates)
    const keys = d.actions.map((a) => a.idempotencyKey)
    expect(new Set(keys).size).toBe(keys.length)
    for (const key of keys) expect(key.startsWith("198709000131000101:198709000131000211:")).toBe(true)
    const next = decide(fixture(GO, (j) => {
      j.threads.unshift({ ...j.threads[0], id: "198709000131000219", createdTime: "2026-03-10T07:00:00.000Z" })
    }), templates)
    expect(next.actions.every((a) => a.idempotencyKey.includes(":198709000131000219:"))).toBe(true)
  })
})
