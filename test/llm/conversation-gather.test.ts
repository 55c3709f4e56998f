/**
 * gather records the V3 conversation analysis in the case file only when the adapter is provided
 * and the candidate wrote more than once; an unusable answer leaves the field out (V2 / V1 apply).
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Schema } from "effect"
import { gatherCaseFile, loadCatalogues } from "../../src/pipeline/workflow/gather.ts"
import { Sandbox } from "../../src/sandbox/index.ts"
import { fixedWorld, type SandboxWorld } from "../../src/sandbox/world.ts"
import { ZohoOnSandbox } from "../../src/sandbox/zohoOnSandbox.ts"
import { CaseFile } from "../../src/schemas/caseFile.ts"
import { ConversationAnalysis } from "../../src/schemas/conversation.ts"
import * as LlmConversation from "../../src/services/conversation/LlmConversation.ts"
import { crmMirrorLayer } from "../../src/services/examt3p/ExamT3P.ts"

const ANALYSIS = Schema.decodeUnknownSync(ConversationAnalysis)({ conversation_mode: "follow_up", response_mode: "full" })
const openTickets = Effect.map(Sandbox, (s) => s.world.tickets.filter((t) => t["status"] === "Open").map((t) => String(t["id"])).slice(0, 25))
/** The fixed world, where the first open ticket's candidate wrote a second time. */
const world = (): SandboxWorld => {
  const base = fixedWorld()
  const id = String(base.tickets.find((t) => t["status"] === "Open")?.["id"] ?? "")
  const threads = base.threads[id] ?? []
  const first = threads[0]
  if (first === undefined) throw new Error("the fixed world has no open ticket with a thread")
  const again = {
    content: "<div>Bonjour, je relance : toujours pas de réponse à ma question.</div>",
    record: { ...first.record, id: "198709000099990001", createdTime: "2026-03-09T10:00:00.000Z", isDescriptionThread: false }
  }
  return { ...base, threads: { ...base.threads, [id]: [...threads, again] } }
}
const inbound = (caseFile: CaseFile) => caseFile.threads.filter((t) => t.direction === "in").length

describe("gather and the conversation analysis", () => {
  it.live("recorded for exchanges with several candidate messages, asked for no other", () => {
    const asked: Array<number> = []
    const conversation = LlmConversation.layerTest((input) => {
      asked.push(input.messages.filter((m) => m.direction === "in").length)
      return new LlmConversation.ConversationOk({ modelId: "test", promptVersion: "p", latencyMs: 1, result: ANALYSIS })
    })
    return Effect.gen(function* () {
      const catalogues = yield* loadCatalogues(new Date("2026-03-10T09:00:00Z"))
      const files = yield* Effect.forEach(yield* openTickets, (id) => Effect.map(gatherCaseFile(id, catalogues), (g) => g.caseFile))
      const several = files.filter((f) => inbound(f) > 1)
      const single = files.filter((f) => inbound(f) <= 1)
      expect(several.length).toBeGreaterThan(0)
      expect(single.length).toBeGreaterThan(0)
      for (const f of several) expect(f.conversation).toEqual(ANALYSIS)
      for (const f of single) expect(f.conversation).toBeUndefined()
      expect(asked).toHaveLength(several.length)
      expect(asked.every((n) => n > 1)).toBe(true)
      expect(files.every((f) => Schema.is(CaseFile)(f))).toBe(true)
    }).pipe(Effect.provide(Layer.mergeAll(ZohoOnSandbox({ world: world() }), crmMirrorLayer, conversation)))
  }, 60_000)

  it.live("an unusable answer (Failed) leaves the case file without the field", () =>
    Effect.gen(function* () {
      const catalogues = yield* loadCatalogues(new Date("2026-03-10T09:00:00Z"))
      const files = yield* Effect.forEach(yield* openTickets, (id) => Effect.map(gatherCaseFile(id, catalogues), (g) => g.caseFile))
      expect(files.some((f) => inbound(f) > 1)).toBe(true)
      expect(files.every((f) => f.conversation === undefined)).toBe(true)
    }).pipe(Effect.provide(Layer.mergeAll(ZohoOnSandbox({ world: world() }), crmMirrorLayer, LlmConversation.layerTest(() =>
      new LlmConversation.ConversationFailed({ modelId: "test", promptVersion: "p", latencyMs: 15_000, kind: "timeout", reason: "no answer" }))))), 60_000)
})
