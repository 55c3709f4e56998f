import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import fc from "fast-check"
import { triageFromKeywords } from "../../src/sandbox/anthropic/keywordTriage.ts"
import { LlmTriageAnswer } from "../../src/services/triage/llm/answer.ts"
import { MESSAGE_CLOSE, MESSAGE_OPEN } from "../../src/services/triage/llm/prompt.ts"
import { KNOBS_PATH } from "../../src/sandbox/anthropic/handler.ts"
import * as LlmTriage from "../../src/services/triage/llm/LlmTriage.ts"
import { input, sandbox, SANDBOX_KEY, triageLayer } from "./support.ts"

const post = (url: string, body: unknown) =>
  Effect.promise(async () => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
    return { status: response.status, body: (await response.json()) as unknown }
  })

describe("Anthropic sandbox endpoint", () => {
  it.scopedLive("knobs change the behaviour at run time; a bad knob value is refused with its path and value", () =>
    Effect.gen(function* () {
      const server = yield* sandbox()
      const classify = Effect.flatMap(LlmTriage.LlmTriage, (llm) => llm.classify(input("Où en est mon dossier ?"))).pipe(
        Effect.provide(triageLayer(server.url))
      )
      expect((yield* classify)._tag).toBe("Ok")
      const changed = yield* post(`${server.url}${KNOBS_PATH}`, { behaviour: "overloaded" })
      expect(changed).toEqual({ status: 200, body: { behaviour: "overloaded", rewrite: "faithful", slowMs: 5_000, requests: 1 } })
      const failed = yield* classify
      expect(failed._tag === "Failed" && failed.kind).toBe("overloaded")
      const refused = yield* post(`${server.url}${KNOBS_PATH}`, { behaviour: "sometimes" })
      expect(refused.status).toBe(400)
      expect(JSON.stringify(refused.body)).toContain("behaviour")
      expect(JSON.stringify(refused.body)).toContain("sometimes")
    }))

  it.scopedLive("answers like Anthropic: 401 without the key, 404 elsewhere, 400 for a body that is not a Messages request", () =>
    Effect.gen(function* () {
      const server = yield* sandbox()
      const call = (path: string, headers: Record<string, string>, body: string) =>
        Effect.promise(async () => {
          const response = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body })
          return { status: response.status, body: (await response.json()) as { type: string; error: { type: string } } }
        })
      const noKey = yield* call("/v1/messages", {}, "{}")
      expect([noKey.status, noKey.body.error.type]).toEqual([401, "authentication_error"])
      const badBody = yield* call("/v1/messages", { "x-api-key": SANDBOX_KEY }, JSON.stringify({ messages: "nope" }))
      expect([badBody.status, badBody.body.error.type]).toEqual([400, "invalid_request_error"])
      const elsewhere = yield* call("/v1/complete", { "x-api-key": SANDBOX_KEY }, "{}")
      expect(elsewhere.status).toBe(404)
      const text = yield* call("/v1/messages", { "x-api-key": SANDBOX_KEY }, JSON.stringify({
        model: "m", max_tokens: 100, messages: [{ role: "user", content: "<reponse_a_reformuler>Veuillez patienter.</reponse_a_reformuler>" }]
      }))
      expect(text.status).toBe(200)
      expect(JSON.stringify(text.body)).toContain("Merci de patienter.")
    }))
})

describe("sandbox keyword answers", () => {
  it.each([
    ["Je confirme la date du 16/03/2027 pour mon examen.", "CONFIRMATION_DATE_EXAMEN", "2027-03-16"],
    ["J'ai payé 241 € à la CMA, ils m'ont débité deux fois.", "ERREUR_PAIEMENT_CMA", null],
    ["Veuillez trouver ci-joint mon justificatif de domicile.", "TRANSMET_DOCUMENTS", null],
    ["Bonjour, merci beaucoup !", "REMERCIEMENT", null],
    ["Bonjour", "QUESTION_GENERALE", null]
  ] as const)("%s → %s", (message, intent, confirmed) => {
    const answer = Schema.decodeUnknownSync(LlmTriageAnswer)(triageFromKeywords(`${MESSAGE_OPEN}\n${message}\n${MESSAGE_CLOSE}`))
    expect(answer.primary_intent).toBe(intent)
    expect(answer.intent_context.confirmed_new_exam_date).toBe(confirmed)
  })

  it("property: any message gets an answer the triage schema accepts", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (message) => {
        expect(() => Schema.decodeUnknownSync(LlmTriageAnswer)(triageFromKeywords(`${MESSAGE_OPEN}${message}${MESSAGE_CLOSE}`))).not.toThrow()
      }),
      { numRuns: 300 }
    )
  })
})
