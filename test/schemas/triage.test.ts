import { Either, Schema } from "effect"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { decodeOrExplain } from "../../src/schemas/decodeError.ts"
import { Intent, INTENTS } from "../../src/schemas/intents.ts"
import { emptyIntentContext, LlmTriageAction, TriageResult } from "../../src/schemas/triage.ts"

/** A complete answer in the shape the LLM prompt asks for. */
const llmAnswer = {
  action: "GO",
  target_department: "DOC",
  reason: "Le candidat demande à décaler son examen pour raison médicale",
  confidence: 0.92,
  primary_intent: "REPORT_DATE",
  secondary_intents: ["DEMANDE_DATE_VISIO"],
  intent_context: {
    is_urgent: true,
    mentions_force_majeure: true,
    force_majeure_type: "medical",
    force_majeure_details: "hospitalisation prévue le 18 mars",
    wants_earlier_date: false,
    session_preference: "soir",
    mentioned_month: 3,
    requested_month: 5,
    requested_location: "Montpellier",
    requested_dept_code: "34",
    confirmed_new_exam_date: null,
    confirmed_session_dates: null,
    remboursement_cma_choice: null,
    cancellation_reason: null,
    eligibility_concern: false,
    communication_mode: "request",
    references_previous_communication: true,
    mentions_discrepancy: false,
    discrepancy_details: null,
    current_session_dates: { start_date: "2026-03-16", end_date: "2026-03-27", raw_text: "du 16 au 27 mars", source: "confirmation_email" },
    requested_training_dates: { start_date: "2026-05-04", end_date: null, month: 5, raw_text: "début mai", is_range: false, inferred_preference: "soir" },
    is_complaint: false,
    claimed_session: null,
    assigned_session_wrong: null,
    probation_status: null,
    implicit_date_repositioning: false,
    mentions_previous_registration: false,
    provided_contact_info: null
  },
  direct_answer: null,
  method: "ai"
}

describe("TriageResult", () => {
  it("decodes a complete LLM answer and re-encodes it unchanged", () => {
    const decoded = Schema.decodeUnknownSync(TriageResult)(llmAnswer)
    expect(decoded.intent_context.requested_dept_code).toBe("34")
    expect(Schema.encodeSync(TriageResult)(decoded)).toEqual(llmAnswer)
  })

  it("fills neutral defaults for what the model leaves out", () => {
    const decoded = Schema.decodeUnknownSync(TriageResult)({ action: "ROUTE", target_department: "Refus CMA", confidence: 1, method: "rule_transmet_documents", primary_intent: "TRANSMET_DOCUMENTS" })
    expect(decoded.secondary_intents).toEqual([])
    expect(decoded.intent_context).toEqual(emptyIntentContext())
    expect(decoded.intent_context.communication_mode).toBe("request")
    expect(decoded.intent_context.mentions_force_majeure).toBe(false)
    expect(decoded.direct_answer).toBeNull()
  })

  it("rejects an unknown intent, a month out of range and a confidence above 1, naming each path", () => {
    const result = decodeOrExplain(TriageResult)({
      ...llmAnswer,
      confidence: 1.4,
      secondary_intents: ["DEMANDE_DATE_VISIO", "PARLER_A_UN_HUMAIN"],
      intent_context: { ...llmAnswer.intent_context, requested_month: 13 }
    })
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      const byPath = Object.fromEntries(result.left.map((p) => [p.path, p.found]))
      expect(byPath).toEqual({
        confidence: "1.4",
        "secondary_intents[1]": '"PARLER_A_UN_HUMAIN"',
        "intent_context.requested_month": "13"
      })
    }
  })

  it("rejects a target department that does not exist", () => {
    const result = decodeOrExplain(TriageResult)({ ...llmAnswer, target_department: "Direction" })
    expect(Either.isLeft(result) && result.left[0]).toMatchObject({ path: "target_department", found: '"Direction"' })
  })

  it("keeps the LLM's own action set narrower than the workflow's", () => {
    expect(Schema.is(LlmTriageAction)("SPAM")).toBe(true)
    expect(Schema.is(LlmTriageAction)("DUPLICATE_UBER")).toBe(false)
    expect(Schema.decodeUnknownSync(TriageResult)({ ...llmAnswer, action: "DUPLICATE_UBER" }).action).toBe("DUPLICATE_UBER")
  })

  it("lists each intent once", () => {
    expect(new Set(INTENTS).size).toBe(INTENTS.length)
  })
})

const ORACLE_DIR = join(import.meta.dirname, "../oracle")

describe("oracle triage inputs", () => {
  // Oracle triage objects carry no confidence and sometimes no action (state-engine vectors).
  it("use only known intents and intent-context fields", () => {
    const triages = readdirSync(ORACLE_DIR)
      .filter((f) => f.endsWith(".jsonl"))
      .flatMap((f) => readFileSync(join(ORACLE_DIR, f), "utf8").split("\n").filter((l) => l.trim() !== ""))
      .map((line) => (JSON.parse(line) as { triage?: Record<string, unknown> }).triage)
      .filter((t): t is Record<string, unknown> => t !== undefined && t !== null)
    expect(triages.length).toBeGreaterThan(1000)
    const problems = triages
      .map((t) => decodeOrExplain(TriageResult)({ action: "GO", confidence: 1, ...t }))
      .filter(Either.isLeft)
    expect(problems.slice(0, 3)).toEqual([])
    const intents = triages.flatMap((t) => [t["primary_intent"], ...((t["secondary_intents"] as Array<unknown>) ?? [])])
    expect(intents.every((i) => i === null || i === undefined || Schema.is(Intent)(i))).toBe(true)
  })
})
