/**
 * "A candidate who writes again is answered again": the same store, first against the world as it
 * was, then against the same world with one more inbound thread on the ticket.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { loadCatalogues } from "../../src/pipeline/workflow/gather.ts"
import { runTicket } from "../../src/pipeline/workflow/runTicket.ts"
import { fixedWorld, Sandbox, type SandboxWorld } from "../../src/sandbox/index.ts"
import { EventLog } from "../../src/services/store/Store.ts"
import { freshStoreFile, workflowLayer } from "./support/layers.ts"

const world = fixedWorld({ tickets: 3 })
const ticket = world.tickets.find((t) => t["status"] === "Open")
const ticketId = String(ticket?.["id"] ?? "")
const firstInbound = world.threads[ticketId]?.find((t) => t.record["direction"] === "in")
const NEW_THREAD = "1987090000999999999"

const withNewMessage: SandboxWorld = {
  ...world,
  threads: {
    ...world.threads,
    [ticketId]: [
      ...(world.threads[ticketId] ?? []),
      {
        content: "<div>Bonjour, je vous réécris : pouvez-vous me confirmer ma date ?</div>",
        record: { ...(firstInbound?.record ?? {}), id: NEW_THREAD, createdTime: "2026-03-11T08:00:00.000Z", isDescriptionThread: false }
      }
    ]
  }
}

const runLive = Effect.flatMap(loadCatalogues(new Date()), (catalogues) => runTicket(ticketId, { mode: "live", catalogues }))
const draftKeys = Effect.map(Effect.flatMap(EventLog, (log) => log.readTicket(ticketId)), (events) =>
  events.flatMap((e) => (e.event.type === "ActionRequested" && e.event.payload.kind === "CreateDraft" ? [e.event.payload.idempotencyKey] : []))
)

describe("a candidate who writes again", () => {
  it.live("is answered again, with new keys; the same message again is only acknowledged", () => {
    const storeFile = freshStoreFile()
    return Effect.gen(function* () {
      expect(firstInbound).toBeDefined()
      const first = yield* runLive.pipe(Effect.provide(workflowLayer({ sandbox: { world }, storeFile })))
      expect(first.outcome).toBe("completed")
      const again = yield* runLive.pipe(Effect.provide(workflowLayer({ sandbox: { world }, storeFile })))
      expect(again.outcome).toBe("already-answered")

      const { second, drafts } = yield* Effect.gen(function* () {
        const second = yield* runLive
        return { second, drafts: (yield* Effect.flatMap(Sandbox, (s) => s.writes)).filter((w) => w.kind === "draft") }
      }).pipe(Effect.provide(workflowLayer({ sandbox: { world: withNewMessage }, storeFile })))
      expect(second.outcome).toBe("completed")
      expect(drafts).toHaveLength(1)
      const keys = yield* draftKeys.pipe(Effect.provide(workflowLayer({ storeFile })))
      expect(keys).toHaveLength(2)
      expect(keys[1]).toContain(NEW_THREAD)
      expect(keys[0]).not.toContain(NEW_THREAD)

      const third = yield* runLive.pipe(Effect.provide(workflowLayer({ sandbox: { world: withNewMessage }, storeFile })))
      expect(third.outcome).toBe("already-answered")
    })
  }, 60_000)
})
