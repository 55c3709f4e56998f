/** Serves a webhook handler over node:http for the lifetime of the scope. */
import { Effect, Runtime, type Scope } from "effect"
import { createServer, type IncomingMessage } from "node:http"
import type { Checkpoints, EventLog, TicketQueue } from "../../../services/store/Store.ts"
import type { WebhookHandler } from "../webhook.ts"

/** Bodies above this are refused (a Desk event is a few hundred bytes). */
const MAX_BODY = 64 * 1024

const readBody = (req: IncomingMessage): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    let size = 0
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY) chunks.push(chunk)
    })
    req.on("end", () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })

export interface WebhookServer {
  readonly port: number
}

export const serveWebhook = (
  handler: WebhookHandler,
  options: { readonly host: string; readonly port: number }
): Effect.Effect<WebhookServer, Error, Scope.Scope | EventLog | Checkpoints | TicketQueue> =>
  Effect.gen(function* () {
    const runtime = yield* Effect.runtime<EventLog | Checkpoints | TicketQueue>()
    const run = Runtime.runPromise(runtime)
    const server = createServer((req, res) => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8" })
        res.end(JSON.stringify(body))
      }
      readBody(req)
        .then((body) => {
          if (body === undefined) return reply(413, { success: false, error: "body too large" })
          const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v[0] : v]))
          return run(handler({ method: req.method ?? "GET", path: (req.url ?? "/").split("?")[0] ?? "/", headers, body })).then((r) => reply(r.status, r.body))
        })
        .catch(() => reply(500, { success: false, error: "internal error" }))
    })
    const port = yield* Effect.acquireRelease(
      Effect.async<number, Error>((resume) => {
        server.once("error", (e) => resume(Effect.fail(e)))
        server.listen(options.port, options.host, () => {
          const address = server.address()
          resume(Effect.succeed(typeof address === "object" && address !== null ? address.port : options.port))
        })
      }),
      () =>
        Effect.async<void>((resume) => {
          server.closeAllConnections()
          server.close(() => resume(Effect.void))
        })
    )
    return { port }
  })
