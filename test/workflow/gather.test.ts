import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Schema } from "effect"
import { gatherCaseFile, loadCatalogues } from "../../src/pipeline/workflow/gather.ts"
import { runTicket } from "../../src/pipeline/workflow/runTicket.ts"
import { fixedWorld, Sandbox, type SandboxWorld } from "../../src/sandbox/index.ts"
import { ZohoOnSandbox } from "../../src/sandbox/zohoOnSandbox.ts"
import { CaseFile } from "../../src/schemas/caseFile.ts"
import { TriageResult } from "../../src/schemas/triage.ts"
import { crmMirrorLayer } from "../../src/services/examt3p/ExamT3P.ts"
import { EventLog } from "../../src/services/store/Store.ts"
import * as LlmTriage from "../../src/services/triage/llm/LlmTriage.ts"
import { workflowLayer } from "./support/layers.ts"

const firstOpen = Effect.map(Sandbox, (s) => String(s.world.tickets.find((t) => t["status"] === "Open")?.["id"] ?? ""))

/** The fixed world, the first ticket's deal carrying a META note (so its timeline is read too). */
const worldWithMeta = (): SandboxWorld => {
  const world = fixedWorld()
  const dealId = String(world.crm["Deals"]?.[0]?.["id"])
  const meta = {
    id: "145617700970009",
    Note_Title: "Note automatique - Ticket DOC",
    Note_Content: "[META] ticket=198709000000001 | ts=2026-03-05T10:12 | state=N/A | intent=STATUT_DOSSIER | sections=statut",
    Parent_Id: { module: { api_name: "Deals" }, id: dealId },
    Created_Time: "2026-03-05T10:12:00+01:00",
    Modified_Time: "2026-03-05T10:12:00+01:00"
  }
  return { ...world, crm: { ...world.crm, Notes: [...(world.crm["Notes"] ?? []), meta] } }
}

describe("gather", () => {
  it.live("the case file holds every input: threads with bodies, comments, contact, deals, notes, timeline, catalogues, ExamT3P, LLM triage", () => {
    const llmAnswer = Schema.decodeUnknownSync(TriageResult)({ action: "GO", target_department: "DOC", confidence: 0.8, primary_intent: "DEMANDE_DATE_EXAMEN", direct_answer: null })
    const asked: Array<string> = []
    const llm = LlmTriage.layerTest((input) => {
      asked.push(JSON.stringify(input))
      return new LlmTriage.LlmTriageOk({ modelId: "test", promptVersion: "p", latencyMs: 1, result: llmAnswer })
    })
    return Effect.gen(function* () {
      const ticketId = yield* firstOpen
      const catalogues = yield* loadCatalogues(new Date("2026-03-10T09:00:00Z"))
      const { caseFile } = yield* gatherCaseFile(ticketId, catalogues)
      expect(Schema.is(CaseFile)(caseFile)).toBe(true)
      expect(caseFile.ticket.id).toBe(ticketId)
      expect(caseFile.threads.length).toBeGreaterThan(0)
      expect(caseFile.threads.every((t) => (t.content ?? "").length > 0)).toBe(true)
      expect(caseFile.drafts).toEqual([])
      expect(caseFile.contacts.length).toBeGreaterThan(0)
      expect(caseFile.deals.length).toBeGreaterThan(0)
      expect(caseFile.deals.every((d) => d.MDP_EVALBOX === null || d.MDP_EVALBOX === undefined || d.MDP_EVALBOX === "" || d.MDP_EVALBOX === "[redacted:examt3p-password]")).toBe(true)
      expect(caseFile.dealNotes.length).toBeGreaterThan(0)
      expect(caseFile.dealTimeline?.__timeline.length ?? 0).toBeGreaterThan(0)
      expect(caseFile.examDates.length).toBeGreaterThan(0)
      expect(caseFile.trainingSessions.length).toBeGreaterThan(0)
      expect(caseFile.examt3p).not.toBeNull()
      expect(caseFile.llmTriage?.primary_intent).toBe("DEMANDE_DATE_EXAMEN")
      expect(asked).toHaveLength(1)
      expect(asked[0]).not.toMatch(/Pw-\d+-sandbox/)
    }).pipe(Effect.provide(Layer.mergeAll(ZohoOnSandbox({ world: worldWithMeta() }), crmMirrorLayer, llm)))
  })

  it.live("Zoho failing during gather is a recorded TicketFailed, and nothing is written", () =>
    Effect.gen(function* () {
      const sandbox = yield* Sandbox
      const ticketId = yield* firstOpen
      const catalogues = yield* loadCatalogues(new Date())
      yield* sandbox.setKnobs({ faults: { serverError: 1 } })
      const result = yield* runTicket(ticketId, { mode: "live", catalogues })
      expect(result.outcome).toBe("failed")
      expect(result.stage).toBe("gather")
      const events = yield* Effect.flatMap(EventLog, (log) => log.readTicket(ticketId))
      expect(events.map((e) => e.event.type)).toEqual(["TicketFailed"])
      expect(yield* sandbox.writes).toEqual([])
    }).pipe(Effect.provide(workflowLayer())), 60_000)
})
