import * as http from "node:http"
import type { AddressInfo } from "node:net"
import type { SandboxEngine } from "../dispatch.ts"
import { familyOf } from "../dispatch.ts"

export interface RunningServer {
  readonly port: number
  readonly close: () => Promise<void>
}

const readBody = (req: http.IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })

/** Serves the engine over node:http on `host:port` (port 0 = any free port). */
export const listen = (engine: SandboxEngine, host: string, port: number): Promise<RunningServer> => {
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const later = (ms: number, f: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t)
      f()
    }, ms)
    timers.add(t)
  }
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://sandbox")
      const family = familyOf(url.pathname)
      const text = await readBody(req)
      let body: unknown = undefined
      let bodyInvalid = false
      if (text.trim() !== "") {
        try {
          body = JSON.parse(text) as unknown
        } catch {
          bodyInvalid = true
        }
      }
      const headers: Record<string, string | undefined> = {}
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v
      engine.begin(family)
      let ended = false
      const end = () => {
        if (!ended) {
          ended = true
          engine.end(family)
        }
      }
      res.on("close", end)
      const outcome = engine.handle({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers, body, bodyInvalid }, Date.now())
      if (outcome.kind === "hang") {
        later(outcome.holdMs, () => req.socket.destroy())
        return
      }
      const send = () => {
        const { status, body: out, headers: extra } = outcome.response
        let payload = out === undefined ? "" : JSON.stringify(out)
        if (outcome.malformed) payload = payload === "" ? "{" : payload.slice(0, Math.max(1, Math.floor(payload.length / 2)))
        res.writeHead(status, { ...(payload === "" ? {} : { "content-type": "application/json;charset=UTF-8" }), ...extra })
        res.end(payload)
      }
      if (outcome.delayMs > 0) later(outcome.delayMs, send)
      else send()
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  server.keepAliveTimeout = 5_000
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            for (const t of timers) clearTimeout(t)
            timers.clear()
            server.close(() => done())
            server.closeAllConnections()
          })
      })
    })
  })
}
