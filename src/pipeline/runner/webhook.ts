/**
 * The Zoho Desk webhook (DOMAIN.md §12.4) as a pure request handler: `POST /webhook/zoho-desk`
 * with the shared secret in `X-Webhook-Secret` (fail-closed: 503 while no secret is configured,
 * 401 on a wrong one), a JSON body `{ "ticket_id": "…" }` (or `ticketId`; 400 otherwise). It
 * answers at once: the ticket is put on the pending list and the consumer woken; events for a
 * ticket in progress collapse into one rerun. `GET /health` needs no secret.
 */
import { Clock, Effect, Either, ParseResult, Redacted, Schema } from "effect"
import type { Checkpoints, EventLog, TicketQueue } from "../../services/store/ports.ts"
import type { ConsumerControl } from "./consumer.ts"
import { enqueueTicket } from "./enqueue.ts"

export interface WebhookRequest {
  readonly method: string
  readonly path: string
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
}

export interface WebhookResponse {
  readonly status: number
  readonly body: Readonly<Record<string, unknown>>
}

const TicketId = Schema.String.pipe(Schema.pattern(/^\d+$/, { message: (issue) => `a numeric Zoho ticket id, not ${JSON.stringify(issue.actual)}` }))
const WebhookBody = Schema.Union(
  Schema.Struct({ ticket_id: TicketId }),
  Schema.Struct({ ticketId: TicketId })
)
const decodeBody = Schema.decodeUnknownEither(WebhookBody)

/** Same time whatever the first differing character. */
const sameSecret = (given: string, expected: string): boolean => {
  let diff = given.length ^ expected.length
  for (let i = 0; i < Math.max(given.length, expected.length); i++) diff |= (given.charCodeAt(i) || 0) ^ (expected.charCodeAt(i) || 0)
  return diff === 0
}

export interface WebhookDeps {
  readonly secret: Redacted.Redacted<string> | undefined
  readonly consumer: ConsumerControl
  readonly startedAt: number
}

const parseJson = (text: string): Either.Either<unknown, string> =>
  Either.try({ try: () => JSON.parse(text) as unknown, catch: (e) => (e instanceof Error ? e.message : String(e)) })

export type WebhookHandler = (request: WebhookRequest) => Effect.Effect<WebhookResponse, never, EventLog | Checkpoints | TicketQueue>

/** Enqueues run one at a time, so simultaneous events for one ticket enqueue it once. */
export const makeWebhookHandler = (deps: WebhookDeps): Effect.Effect<WebhookHandler> =>
  Effect.map(Effect.makeSemaphore(1), (serial) => (request) => handle(deps, serial, request))

const handle = (deps: WebhookDeps, serial: Effect.Semaphore, request: WebhookRequest): Effect.Effect<WebhookResponse, never, EventLog | Checkpoints | TicketQueue> =>
  Effect.gen(function* () {
    if (request.method === "GET" && request.path === "/health") {
      const now = yield* Clock.currentTimeMillis
      return {
        status: 200,
        body: { status: "healthy", service: "docflow-webhook", timestamp: new Date(now).toISOString(), uptime_s: Math.round((now - deps.startedAt) / 1000), in_flight: deps.consumer.inFlight.size }
      }
    }
    if (request.path !== "/webhook/zoho-desk") return { status: 404, body: { success: false, error: "not found" } }
    if (request.method !== "POST") return { status: 405, body: { success: false, error: "POST only" } }
    if (deps.secret === undefined) return { status: 503, body: { success: false, error: "webhook secret not configured" } }
    const given = request.headers["x-webhook-secret"]
    if (given === undefined || !sameSecret(given, Redacted.value(deps.secret))) return { status: 401, body: { success: false, error: "unauthorized" } }
    const json = parseJson(request.body)
    if (Either.isLeft(json)) return { status: 400, body: { success: false, error: `invalid JSON: ${json.left}` } }
    const decoded = decodeBody(json.right)
    if (Either.isLeft(decoded)) return { status: 400, body: { success: false, error: `missing or invalid ticket id: ${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}` } }
    const ticketId = "ticket_id" in decoded.right ? decoded.right.ticket_id : decoded.right.ticketId
    if (yield* deps.consumer.requestRerun(ticketId)) return { status: 200, body: { success: true, ticket_id: ticketId, message: "en cours : une nouvelle passe suivra" } }
    const runId = `webhook-${new Date(yield* Clock.currentTimeMillis).toISOString()}`
    const outcome = yield* serial.withPermits(1)(Effect.either(enqueueTicket(ticketId, runId)))
    if (Either.isLeft(outcome)) {
      yield* Effect.logError("webhook: enqueue failed", outcome.left.message)
      return { status: 500, body: { success: false, ticket_id: ticketId, error: "enqueue failed" } }
    }
    yield* deps.consumer.nudge
    return { status: 200, body: { success: true, ticket_id: ticketId, message: outcome.right === "enqueued" ? "ajouté à la file" : "déjà en attente" } }
  })
