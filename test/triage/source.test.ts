import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import { classifyOffline } from "../../src/services/triage/classifier/classify.ts"
import { chooseClassification, decodeLlmTriage } from "../../src/services/triage/source.ts"

const offline = classifyOffline({ subject: "", message: "Bonjour, où en est mon dossier ?", today: "2026-03-10" })
const answer = (extra: Record<string, unknown> = {}) => ({
  action: "GO", target_department: "DOC", reason: "statut", confidence: 0.88, primary_intent: "DEMANDE_CONVOCATION",
  secondary_intents: [], intent_context: { session_preference: "jour" }, ...extra
})

describe("choosing the LLM result or the offline classifier", () => {
  it("no recorded LLM result → offline, method offline_rules", () => {
    const chosen = chooseClassification(undefined, offline)
    expect(chosen).toMatchObject({ method: "offline_rules", llmRejected: undefined })
    expect(chosen.contract.primary_intent).toBe("STATUT_DOSSIER")
  })

  it("a valid LLM result is used as is, missing context keys take neutral values", () => {
    const chosen = chooseClassification(answer(), offline)
    expect(chosen).toMatchObject({ method: "ai", needsHuman: false, contract: { primary_intent: "DEMANDE_CONVOCATION" } })
    expect(chosen.contract.intent_context).toMatchObject({ session_preference: "jour", is_urgent: false, requested_month: null, communication_mode: "request" })
  })

  it("an unknown action is read as GO (§2.4); lower-case actions are accepted", () => {
    expect(Either.getOrThrow(decodeLlmTriage(answer({ action: "ESCALATE" }))).action).toBe("GO")
    expect(Either.getOrThrow(decodeLlmTriage(answer({ action: "route" }))).action).toBe("ROUTE")
  })

  it("an invalid LLM result falls back to offline and the reason names the path and the value", () => {
    const chosen = chooseClassification(answer({ primary_intent: "DEMANDE_PIZZA" }), offline)
    expect(chosen.method).toBe("offline_rules")
    expect(chosen.llmRejected).toContain("primary_intent")
    expect(chosen.llmRejected).toContain("DEMANDE_PIZZA")
  })

  it("a low-confidence LLM result is used but flagged for a human", () => {
    expect(chooseClassification(answer({ confidence: 0.3 }), offline)).toMatchObject({ method: "ai", needsHuman: true })
  })
})
