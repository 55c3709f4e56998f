/**
 * V3 conversation analysis (§8.6) against the Anthropic sandbox: a decoded analysis, each way
 * it can fail (Invalid / Failed / timeout), skipped for one incoming message, never the key in
 * an outcome or a log line; and the input built from a case file.
 */
import { describe, expect, it } from "@effect/vitest"
import { FetchHttpClient } from "@effect/platform"
import { Effect, Layer, Option, Redacted } from "effect"
import * as LlmConversation from "../../src/services/conversation/LlmConversation.ts"
import { conversationInputFromCaseFile } from "../../src/services/conversation/fromCaseFile.ts"
import type { ConversationInput } from "../../src/services/conversation/prompt.ts"
import { captureLogs, SANDBOX_KEY, sandbox } from "./support.ts"
import { fixture, GO } from "../decide/caseFiles.ts"

const conversationLayer = (url: string, options: LlmConversation.LlmConversationOptions = {}) =>
  LlmConversation.layer({ apiKey: Redacted.make(SANDBOX_KEY), baseUrl: Option.some(url) }, options).pipe(Layer.provide(FetchHttpClient.layer))

const exchange = (last: string): ConversationInput => ({
  today: "2026-03-10",
  proposedDates: ["2026-04-27", "2026-05-25"],
  messages: [
    { direction: "in", at: "2026-03-01T09:00:00Z", text: "Bonjour, quelles dates avez-vous ?" },
    { direction: "out", at: "2026-03-02T10:00:00Z", text: "Voici les dates : 27/04/2026 ou 25/05/2026." },
    { direction: "in", at: "2026-03-09T18:00:00Z", text: last }
  ]
})

const analyze = (input: ConversationInput) => Effect.flatMap(LlmConversation.LlmConversation, (c) => c.analyze(input))

describe("LLM conversation analysis against the Anthropic sandbox", () => {
  it.scopedLive("decodes the analysis: the candidate chose one of the proposed dates", () =>
    Effect.gen(function* () {
      const server = yield* sandbox()
      const outcome = yield* analyze(exchange("Je prends le 25 mai, merci !")).pipe(Effect.provide(conversationLayer(server.url)))
      expect(outcome._tag).toBe("Ok")
      if (outcome._tag !== "Ok") return
      expect(outcome.result.response_mode).toBe("brief_confirmation")
      expect(outcome.result.decisions).toEqual([{ kind: "date_choice", value: "2026-05-25", confidence: 0.9 }])
      expect(outcome.result.target_date).toBe("2026-05-25")
      expect(outcome.modelId).toBe(LlmConversation.DEFAULT_CONVERSATION_MODEL)
      expect(outcome.promptVersion).toBe(LlmConversation.CONVERSATION_PROMPT_VERSION)
      const [seen] = server.control.received
      expect(seen?.forcedTool).toBe(LlmConversation.CONVERSATION_OBJECT_NAME)
      expect(seen?.user).toContain("Dates d'examen proposées précédemment : 2026-04-27, 2026-05-25")
      expect(seen?.user).toContain("ÉCOLE : Voici les dates")
    }))

  it.scopedLive("another message, another analysis: a status question asks for a status update", () =>
    Effect.gen(function* () {
      const server = yield* sandbox()
      const outcome = yield* analyze(exchange("Où en est mon dossier ?")).pipe(Effect.provide(conversationLayer(server.url)))
      expect(outcome._tag === "Ok" && outcome.result.response_mode).toBe("status_update")
      expect(outcome._tag === "Ok" && outcome.result.decisions).toEqual([])
    }))

  it.scopedLive("one incoming message: not asked (Disabled), the sandbox sees nothing", () =>
    Effect.gen(function* () {
      const server = yield* sandbox()
      const one: ConversationInput = { ...exchange("x"), messages: [{ direction: "in", at: "2026-03-09T18:00:00Z", text: "Bonjour" }] }
      const outcome = yield* analyze(one).pipe(Effect.provide(conversationLayer(server.url)))
      expect(outcome._tag).toBe("Disabled")
      expect(server.control.received).toHaveLength(0)
    }))

  it.scopedLive.each([
    ["invalid", "Invalid", undefined],
    ["http-500", "Failed", "http"],
    ["slow", "Failed", "timeout"]
  ] as const)("%s → %s, the key never in the outcome nor the logs", ([behaviour, tag, kind]) =>
    Effect.gen(function* () {
      const server = yield* sandbox({ behaviour, slowMs: 5_000 })
      const { value, lines } = yield* captureLogs(analyze(exchange("Je prends le 25 mai")).pipe(
        // http-500 is retried once (250 ms) before it counts as failed
        Effect.provide(conversationLayer(server.url, { timeout: behaviour === "slow" ? "300 millis" : "3 seconds" }))
      ))
      expect(value._tag).toBe(tag)
      if (value._tag === "Failed") expect(value.kind).toBe(kind)
      const text = JSON.stringify(value) + lines.join("\n")
      expect(text).not.toContain(SANDBOX_KEY)
      expect(lines.some((l) => l.includes("conversation analysis not used"))).toBe(true)
    }))

  it.effect("layerDisabled answers Disabled without any call", () =>
    Effect.gen(function* () {
      const outcome = yield* analyze(exchange("Je prends le 25 mai"))
      expect(outcome._tag).toBe("Disabled")
    }).pipe(Effect.provide(LlmConversation.layerDisabled())))
})

describe("conversationInputFromCaseFile", () => {
  it("orders the threads oldest first and reads the previous META proposed dates", () => {
    const caseFile = fixture(GO, (json) => {
      json.dealNotes = [{
        id: "n1", Parent_Id: { id: json.deals[0].id }, Note_Title: "Note automatique - Ticket DOC", Created_Time: "2026-02-24T11:00:00+01:00",
        Note_Content: "[META] ticket=1 | ts=2026-02-24T11:00 | state=GENERAL | intent=DEMANDE_DATE_EXAMEN | proposed_dates=2026-04-27,2026-05-25"
      }]
    })
    const input = conversationInputFromCaseFile(caseFile, caseFile.deals[0]!.id)
    expect(input.messages.map((m) => m.direction)).toEqual(["out", "in"])
    expect(input.proposedDates).toEqual(["2026-04-27", "2026-05-25"])
    expect(LlmConversation.worthAnalysing(input)).toBe(false)
    expect(conversationInputFromCaseFile(caseFile, "other-deal").proposedDates).toEqual([])
  })
})
