import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Redacted } from "effect"
import { makeConsumer } from "../../src/pipeline/runner/consumer.ts"
import { serveWebhook } from "../../src/pipeline/runner/platform/webhookServer.ts"
import { makeWebhookHandler } from "../../src/pipeline/runner/webhook.ts"
import { pendingList } from "../../src/pipeline/projections/pending.ts"
import { catchUp } from "../../src/pipeline/replay.ts"
import { syncPending } from "../../src/pipeline/workflow/batch.ts"
import { DOC_DEPARTMENT, generateWorld } from "../../src/sandbox/index.ts"
import { EventLog, type Checkpoints, type TicketQueue } from "../../src/services/store/Store.ts"
import { workflowLayer } from "../workflow/support/layers.ts"

const SECRET = "s3cret-for-tests"

const serve = (secret: string | undefined) =>
  Effect.gen(function* () {
    const consumer = yield* makeConsumer
    const handler = yield* makeWebhookHandler({ secret: secret === undefined ? undefined : Redacted.make(secret), consumer: consumer.control, startedAt: Date.now() })
    const server = yield* serveWebhook(handler, { host: "127.0.0.1", port: 0 })
    const post = (body: string, headers: Record<string, string> = { "x-webhook-secret": SECRET }) =>
      Effect.promise(async () => {
        const res = await fetch(`http://127.0.0.1:${server.port}/webhook/zoho-desk`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } })
        return { status: res.status, body: (await res.json()) as Record<string, unknown> }
      })
    return { consumer, handler, server, post }
  })

const enqueuedEvents = (ticketId: string) =>
  Effect.map(Effect.flatMap(EventLog, (log) => log.readTicket(ticketId)), (events) => events.filter((e) => e.event.type === "TicketEnqueued").length)

describe("the Zoho Desk webhook", () => {
  it.live("is closed while no secret is configured (503), refuses a wrong or missing secret (401), answers /health without one", () =>
    Effect.gen(function* () {
      const closed = yield* serve(undefined)
      expect((yield* closed.post(JSON.stringify({ ticket_id: "123" }))).status).toBe(503)
      const open = yield* serve(SECRET)
      expect((yield* open.post(JSON.stringify({ ticket_id: "123" }), { "x-webhook-secret": "nope" })).status).toBe(401)
      expect((yield* open.post(JSON.stringify({ ticket_id: "123" }), { "x-webhook-secret": `${SECRET}x` })).status).toBe(401)
      expect((yield* open.post(JSON.stringify({ ticket_id: "123" }), {})).status).toBe(401)
      expect(yield* enqueuedEvents("123")).toBe(0)
      const health = yield* Effect.promise(() => fetch(`http://127.0.0.1:${open.server.port}/health`).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> })))
      expect(health.status).toBe(200)
      expect(health.body["status"]).toBe("healthy")
    }).pipe(Effect.scoped, Effect.provide(workflowLayer())))

  it.live("400 on bad JSON or a missing/invalid ticket id, naming the problem", () =>
    Effect.gen(function* () {
      const { post } = yield* serve(SECRET)
      const bad = yield* post("{not json")
      expect(bad.status).toBe(400)
      expect(String(bad.body["error"])).toContain("invalid JSON")
      const missing = yield* post(JSON.stringify({ ticket: "1" }))
      expect(missing.status).toBe(400)
      expect(String(missing.body["error"])).toContain("ticket")
      const notNumeric = yield* post(JSON.stringify({ ticketId: "abc" }))
      expect(notNumeric.status).toBe(400)
      expect(String(notNumeric.body["error"])).toContain("abc")
    }).pipe(Effect.scoped, Effect.provide(workflowLayer())))

  it.live("answers 200 and puts the ticket on the pending list once, even for simultaneous events", () =>
    Effect.gen(function* () {
      const { post } = yield* serve(SECRET)
      const answers = yield* Effect.all(
        [1, 2, 3, 4, 5].map((i) => post(JSON.stringify(i % 2 === 0 ? { ticketId: "4242" } : { ticket_id: "4242" }))),
        { concurrency: "unbounded" }
      )
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
      expect(answers.filter((a) => a.body["message"] === "ajouté à la file").length).toBe(1)
      expect(yield* enqueuedEvents("4242")).toBe(1)
      expect(pendingList((yield* catchUp()).views.pending.view).map((p) => p.id)).toContain("4242")
    }).pipe(Effect.scoped, Effect.provide(workflowLayer())))

  it.live("events for a ticket in progress collapse into one rerun", () =>
    Effect.gen(function* () {
      yield* syncPending(DOC_DEPARTMENT)
      const { consumer, handler } = yield* serve(SECRET)
      let first: string | undefined
      const messages: Array<unknown> = []
      const context = yield* Effect.context<EventLog | Checkpoints | TicketQueue>()
      const summary = yield* consumer.run({
        mode: "live", concurrency: 1, delay: Duration.zero, untilIdle: true, pollEvery: Duration.millis(50), retryAfter: Duration.minutes(10),
        onResult: (r) =>
          Effect.gen(function* () {
            if (first !== undefined) return
            first = r.ticketId
            for (let i = 0; i < 3; i++) {
              const answer = yield* handler({ method: "POST", path: "/webhook/zoho-desk", headers: { "x-webhook-secret": SECRET }, body: JSON.stringify({ ticket_id: r.ticketId }) })
              messages.push(answer.body["message"])
            }
          }).pipe(Effect.provide(context))
      })
      expect(messages).toEqual(Array(3).fill("en cours : une nouvelle passe suivra"))
      expect(summary.results.filter((r) => r.ticketId === first).length).toBe(2)
    }).pipe(Effect.scoped, Effect.provide(workflowLayer({ sandbox: { world: generateWorld({ tickets: 6, seed: 3 }) } }))), 60_000)
})
