import { Arbitrary, Either, FastCheck as fc, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decodeOrExplain, formatProblems } from "../../src/schemas/decodeError.ts"
import { Decision, type DecisionReply, makeIdempotencyKey } from "../../src/schemas/decision.ts"
import { EXAMT3P_PASSWORD_MARKER } from "../../src/schemas/redaction.ts"
import type { Reply } from "../../src/services/render/Reply.ts"
import { hasProtoKey } from "../support/protoKey.ts"

const ticketId = "198709000131000101"
const inbound = "198709000131000211"
const dealId = "1456177001590000101"
const key = (kind: Parameters<typeof makeIdempotencyKey>[0]["kind"], target: string) =>
  makeIdempotencyKey({ ticketId, inboundThreadId: inbound, kind, target })

/** What decide could return for the CAS 8 fixture (go-cas8-deadline-missed.json). */
const cas8Decision = {
  mode: "live",
  stage: "COMPLETED",
  triage: {
    action: "GO",
    targetDepartment: "DOC",
    primaryIntent: "DEMANDE_DATE_EXAMEN",
    secondaryIntents: ["DEMANDE_CONVOCATION"],
    context: { mentioned_month: 3, communication_mode: "verification" },
    method: "ai",
    confidence: 0.9,
    reason: "Le candidat demande si sa date d'examen du 30 mars est maintenue"
  },
  deal: { id: dealId, name: "BFS NP Samir HADDAD", linkedBy: "cf_opportunite", duplicateDealIds: [], duplicateType: null },
  uberCase: "ELIGIBLE",
  dateCase: { helper: 8, stateEngine: 8 },
  sessions: {
    preference: "soir",
    proposals: [
      {
        examDateId: "1456177001500000427",
        sessions: [{ id: "1456177001600000330", name: "cds-visio-VTC - 30 mars - 10 avril 2026", type: "soir", start: "2026-03-30", end: "2026-04-10" }]
      }
    ]
  },
  state: { id: "D-8", name: "DEADLINE_MISSED" },
  templateVars: { prenom: "Samir", deadline_passed_reschedule: true, new_exam_date: "27/04/2026" },
  reply: {
    html: "<p>Bonjour Samir,</p><p>La date limite d'inscription pour l'examen du 30/03/2026 est dépassée…</p>",
    text: "Bonjour Samir, La date limite d'inscription pour l'examen du 30/03/2026 est dépassée…",
    template: "response_master.html",
    sections: ["salutation", "dates", "sessions", "signature"],
    validation: { ok: true, errors: [], warnings: [] }
  },
  actions: [
    {
      _tag: "UpdateDeal",
      idempotencyKey: key("UpdateDeal", dealId),
      target: dealId,
      payload: { Date_examen_VTC: { id: "1456177001500000427" }, Session: { id: "1456177001600000330" }, MDP_EVALBOX: EXAMT3P_PASSWORD_MARKER }
    },
    {
      _tag: "AddDealNote",
      idempotencyKey: key("AddDealNote", dealId),
      target: dealId,
      payload: { Note_Title: "Note automatique - Ticket DOC", Note_Content: "[META] ticket=198709000131000101 | state=DEADLINE_MISSED | date_case=8" }
    },
    {
      _tag: "CreateDraft",
      idempotencyKey: key("CreateDraft", ticketId),
      target: ticketId,
      payload: { channel: "EMAIL", content: "<p>Bonjour Samir,</p>", contentType: "html", fromEmailAddress: "doc@cab-formations.fr", to: "samir.haddad@example.fr", isForward: false }
    },
    {
      _tag: "UpdateTicketFields",
      idempotencyKey: key("UpdateTicketFields", ticketId),
      target: ticketId,
      payload: { cf: { cf_brouillon_auto: true } }
    },
    {
      _tag: "AddTicketComment",
      idempotencyKey: key("AddTicketComment", ticketId),
      target: ticketId,
      payload: { content: "Repositionnement automatique sur l'examen du 27/04/2026.", isPublic: false }
    },
    { _tag: "MoveTicket", idempotencyKey: key("MoveTicket", ticketId), target: ticketId, payload: { departmentName: "DOCS CAB" } }
  ]
}

describe("Decision", () => {
  it("decodes a complete decision with one action of each kind", () => {
    const decision = Schema.decodeUnknownSync(Decision)(cas8Decision)
    expect(decision.actions.map((a) => a._tag)).toEqual([
      "UpdateDeal",
      "AddDealNote",
      "CreateDraft",
      "UpdateTicketFields",
      "AddTicketComment",
      "MoveTicket"
    ])
    expect(decision.triage.context.mentions_force_majeure).toBe(false)
  })

  it("decodes a decision that stopped at triage (no deal, no state, no reply)", () => {
    const stopped = {
      ...cas8Decision,
      stage: "STOPPED_AT_TRIAGE",
      triage: { ...cas8Decision.triage, action: "ROUTE", targetDepartment: "DOCS CAB", method: "business_rules_routing" },
      deal: null,
      uberCase: null,
      dateCase: { helper: null, stateEngine: null },
      sessions: { preference: null, proposals: [] },
      state: null,
      templateVars: {},
      reply: null,
      actions: [cas8Decision.actions[5]]
    }
    expect(Schema.decodeUnknownSync(Decision)(stopped).stage).toBe("STOPPED_AT_TRIAGE")
  })

  it("names every bad field: unknown stage, CAS out of range, action without key, unknown department", () => {
    const bad = {
      ...cas8Decision,
      stage: "STOPPED_EXAM_DATE_PASSED",
      dateCase: { helper: 11, stateEngine: 8 },
      actions: [
        { ...cas8Decision.actions[0], idempotencyKey: "" },
        { _tag: "MoveTicket", idempotencyKey: "k", target: ticketId, payload: { departmentName: "Direction" } },
        { _tag: "SendReply", idempotencyKey: "k", target: ticketId, payload: {} }
      ]
    }
    const result = decodeOrExplain(Decision)(bad)
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      const byPath = Object.fromEntries(result.left.map((p) => [p.path, p.found]))
      expect(byPath).toEqual({
        stage: '"STOPPED_EXAM_DATE_PASSED"',
        "dateCase.helper": "11",
        "actions[0].idempotencyKey": '""',
        "actions[1].payload.departmentName": '"Direction"',
        "actions[2]._tag": '"SendReply"'
      })
      expect(formatProblems(result.left)[0]).toMatch(/^stage: expected one of 32 values/)
    }
  })

  it("the renderer's Reply fits the decision's reply", () => {
    const fits = (reply: Reply): DecisionReply => reply
    const reply = Schema.decodeUnknownSync(Decision)(cas8Decision).reply
    expect(reply === null ? null : fits({ ...reply, validation: { ok: true, errors: [], warnings: [] } }).template).toBe("response_master.html")
  })

  it("decode ∘ encode is the identity on any decision (property)", () => {
    const encode = Schema.encodeSync(Decision)
    const decode = Schema.decodeUnknownSync(Decision)
    fc.assert(
      fc.property(Arbitrary.make(Decision).filter((d) => !hasProtoKey(d)), (decision) => {
        expect(decode(encode(decision))).toEqual(decision)
      }),
      { numRuns: 60 }
    )
  })
})

describe("makeIdempotencyKey", () => {
  it("is stable for the same ticket state and changes with a new inbound message, kind or target", () => {
    const base = { ticketId, inboundThreadId: inbound, kind: "CreateDraft" as const, target: ticketId }
    expect(makeIdempotencyKey(base)).toBe(makeIdempotencyKey({ ...base }))
    const variants = [
      makeIdempotencyKey(base),
      makeIdempotencyKey({ ...base, inboundThreadId: "198709000131000299" }),
      makeIdempotencyKey({ ...base, inboundThreadId: null }),
      makeIdempotencyKey({ ...base, kind: "AddTicketComment" }),
      makeIdempotencyKey({ ...base, kind: "UpdateDeal", target: dealId })
    ]
    expect(new Set(variants).size).toBe(variants.length)
    expect(makeIdempotencyKey(base)).toBe(`${ticketId}:${inbound}:CreateDraft:${ticketId}`)
  })
})
