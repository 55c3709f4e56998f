import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { rulesDecider } from "../../src/pipeline/workflow/rulesDecider.ts"
import { ZohoOnSandbox } from "../../src/sandbox/zohoOnSandbox.ts"
import { crmMirrorLayer } from "../../src/services/examt3p/ExamT3P.ts"
import { ReplyTemplates } from "../../src/services/render/index.ts"
import { layerSqliteStore } from "../../src/services/store/Store.ts"
import { SANDBOX_FROM } from "./support/simpleDecider.ts"
import { crashPointsAt, noCrashes } from "../../src/pipeline/workflow/crash.ts"
import { perform } from "../../src/pipeline/workflow/act.ts"
import { loadCatalogues } from "../../src/pipeline/workflow/gather.ts"
import { EXAMT3P_PASSWORD_MARKER } from "../../src/schemas/redaction.ts"
import { runTicket } from "../../src/pipeline/workflow/runTicket.ts"
import { Sandbox } from "../../src/sandbox/index.ts"
import { hasClearSecret } from "../../src/schemas/events.ts"
import { EventLog } from "../../src/services/store/Store.ts"
import { freshStoreFile, workflowLayer } from "./support/layers.ts"

const openTickets = Effect.map(Sandbox, (s) =>
  s.world.tickets.filter((t) => t["status"] === "Open").map((t) => String(t["id"]))
)
const catalogues = loadCatalogues(new Date())
const writeKinds = Effect.map(Effect.flatMap(Sandbox, (s) => s.writes), (ws) => ws.map((w) => w.kind).sort())

describe("ticket workflow against the sandbox", () => {
  it.live("live run: events in order, one write per planned action, key embedded, no clear password recorded", () =>
    Effect.gen(function* () {
      const [ticketId] = yield* openTickets
      if (ticketId === undefined) throw new Error("the sandbox world has no open ticket")
      const result = yield* runTicket(ticketId, { mode: "live", catalogues: yield* catalogues })
      expect(result.outcome).toBe("completed")
      expect(result.draftCreated).toBe(true)
      expect(yield* writeKinds).toEqual(["comment", "draft", "note", "ticketUpdate"])

      const events = yield* Effect.flatMap(EventLog, (log) => log.readTicket(ticketId))
      expect(events.map((e) => e.event.type)).toEqual([
        "CaseGathered", "Decided",
        "ActionRequested", "ActionSucceeded", "ActionRequested", "ActionSucceeded",
        "ActionRequested", "ActionSucceeded", "ActionRequested", "ActionSucceeded",
        "TicketCompleted"
      ])
      expect(events.map((e) => e.event.ticketSeq)).toEqual(events.map((_, i) => i))
      for (const { event } of events) expect(hasClearSecret(event.payload)).toBe(false)
      expect(JSON.stringify(events)).not.toMatch(/Pw-\d+-sandbox/)

      const draft = (yield* Effect.flatMap(Sandbox, (s) => s.writes)).find((w) => w.kind === "draft")
      const requested = events.find((e) => e.event.type === "ActionRequested" && e.event.payload.kind === "CreateDraft")
      const key = requested?.event.type === "ActionRequested" ? requested.event.payload.idempotencyKey : "?"
      expect(JSON.stringify(draft?.body)).toContain(`docflow:${key}`)
      expect(key.startsWith(`${ticketId}:`)).toBe(true)
    }).pipe(Effect.provide(workflowLayer())))

  it.live("a second run for the same inbound thread is acknowledged without a new run or write", () =>
    Effect.gen(function* () {
      const [ticketId] = yield* openTickets
      if (ticketId === undefined) throw new Error("no open ticket")
      const cats = yield* catalogues
      yield* runTicket(ticketId, { mode: "live", catalogues: cats })
      const before = (yield* Effect.flatMap(EventLog, (log) => log.readTicket(ticketId))).length
      const again = yield* runTicket(ticketId, { mode: "live", catalogues: cats })
      expect(again.outcome).toBe("already-answered")
      expect((yield* Effect.flatMap(EventLog, (log) => log.readTicket(ticketId))).length).toBe(before)
      expect((yield* writeKinds).filter((k) => k === "draft")).toHaveLength(1)
    }).pipe(Effect.provide(workflowLayer())))

  it.live("dry-run over every ticket writes nothing to Zoho and records dry-run events only", () =>
    Effect.gen(function* () {
      const sandbox = yield* Sandbox
      const cats = yield* catalogues
      const all = sandbox.world.tickets.map((t) => String(t["id"]))
      expect(all.length).toBeGreaterThan(3)
      const results = yield* Effect.forEach(all, (id) => runTicket(id, { mode: "dry-run", catalogues: cats }))
      expect(results.every((r) => r.outcome === "completed" || r.outcome === "stopped")).toBe(true)
      expect(results.some((r) => r.stage === "SKIPPED_TICKET_CLOSED")).toBe(true)
      expect(yield* sandbox.writes).toEqual([])
      const log = yield* EventLog
      for (const id of all) {
        const events = yield* log.readTicket(id)
        expect(events.length).toBeGreaterThanOrEqual(3)
        expect(events.every((e) => e.event.payload.mode === "dry-run")).toBe(true)
        expect(events.some((e) => e.event.type === "ActionRequested")).toBe(false)
      }
      // The ticket stays due: a live run afterwards still answers it.
      const [first] = all
      if (first === undefined) throw new Error("no ticket")
      const live = yield* runTicket(first, { mode: "live", catalogues: cats })
      expect(live.outcome).not.toBe("already-answered")
    }).pipe(Effect.provide(workflowLayer())))

  it.live("a run that dies after the draft call is reconciled: the draft is found, not written twice", () => {
    const crash = crashPointsAt({ stage: "after-action", nth: 1 }, () => {
      throw new Error("injected crash")
    })
    return Effect.gen(function* () {
      const [ticketId] = yield* openTickets
      if (ticketId === undefined) throw new Error("no open ticket")
      const cats = yield* catalogues
      const first = yield* Effect.exit(runTicket(ticketId, { mode: "live", catalogues: cats }))
      expect(Exit.isFailure(first)).toBe(true)
      // Lose the success event too: a crash between the call and its record looks like this.
      const second = yield* runTicket(ticketId, { mode: "live", catalogues: cats })
      expect(second.outcome).toBe("completed")
      expect(second.draftCreated).toBe(true)
      expect((yield* writeKinds).filter((k) => k === "draft")).toHaveLength(1)
      const events = yield* Effect.flatMap(EventLog, (log) => log.readTicket(ticketId))
      expect(events.filter((e) => e.event.type === "TicketCompleted")).toHaveLength(1)
      const reconciled = events.filter((e) => e.event.type === "ActionSucceeded" && e.event.payload.reconciled)
      expect(reconciled.map((e) => (e.event.type === "ActionSucceeded" ? e.event.payload.kind : "?"))).toEqual(["CreateDraft"])
    }).pipe(Effect.provide(workflowLayer({ crash })))
  })
})

describe("dry-run with the real rules", () => {
  it.live("decide's planned writes are recorded, never sent: the sandbox write log stays empty over every ticket", () =>
    Effect.gen(function* () {
      const sandbox = yield* Sandbox
      const cats = yield* catalogues
      const all = sandbox.world.tickets.map((t) => String(t["id"]))
      const results = yield* Effect.forEach(all, (id) => runTicket(id, { mode: "dry-run", catalogues: cats }))
      expect(results.filter((r) => r.outcome === "failed")).toEqual([])
      expect(yield* sandbox.writes).toEqual([])
      const log = yield* EventLog
      let planned = 0
      for (const id of all) {
        for (const { event } of yield* log.readTicket(id)) {
          expect(event.payload.mode).toBe("dry-run")
          if (event.type === "Decided") planned += Array.isArray(event.payload.decision["actions"]) ? event.payload.decision["actions"].length : 0
        }
      }
      expect(planned).toBeGreaterThan(0)
    }).pipe(
      Effect.provide(Layer.mergeAll(
        ZohoOnSandbox(), crmMirrorLayer, layerSqliteStore({ filename: freshStoreFile() }), noCrashes,
        rulesDecider(SANDBOX_FROM).pipe(Layer.provide(ReplyTemplates.embedded))
      ))
    ))
})

describe("act", () => {
  it.live("a deal update holding the password marker writes the other fields and names the one it left out", () =>
    Effect.gen(function* () {
      const sandbox = yield* Sandbox
      const dealId = String(sandbox.world.crm["Deals"]?.[0]?.["id"] ?? "")
      const outcome = yield* perform({
        _tag: "UpdateDeal",
        idempotencyKey: `1:2:UpdateDeal:${dealId}`,
        target: dealId,
        payload: { Evalbox: "Dossier Synchronisé", MDP_EVALBOX: EXAMT3P_PASSWORD_MARKER }
      })
      expect(outcome["skippedSecretFields"]).toBe("MDP_EVALBOX")
      const writes = yield* sandbox.writes
      expect(writes).toHaveLength(1)
      expect(JSON.stringify(writes[0]?.body)).toContain("Dossier Synchronisé")
      expect(JSON.stringify(writes[0]?.body)).not.toContain("MDP_EVALBOX")
    }).pipe(Effect.provide(workflowLayer())))
})
