/**
 * One address for the whole sandbox (Node only): the ExamT3P portal pages of the world's dossiers,
 * Anthropic's `/v1/messages`, and everything else passed through to the Zoho sandbox, which keeps
 * its own server, knobs and write log.
 */
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { Data, Effect, Schema, type Scope } from "effect"
import { makeAnthropicSandbox } from "../anthropic/handler.ts"
import { makePortalHandler } from "../examt3p/portalHandler.ts"
import { PortalAccounts } from "../examt3p/portalData.ts"
import { type SandboxHandle, type SandboxOptions, startSandbox } from "../index.ts"
import type { GeneratedWorld } from "./generateWorld.ts"

export interface FullSandboxHandle {
  readonly baseUrl: string
  readonly zoho: SandboxHandle
  readonly accountsUrl: string
  readonly deskUrl: string
  readonly crmUrl: string
  readonly examt3pUrl: string
  readonly anthropicBaseUrl: string
  /** The key the Anthropic stand-in accepts (a fixed public test value). */
  readonly anthropicApiKey: string
}

export class FullSandboxError extends Data.TaggedError("FullSandboxError")<{ readonly reason: string }> {}

export const SANDBOX_ANTHROPIC_KEY = "sk-ant-sandbox-key"

const forward = (target: number, req: http.IncomingMessage, res: http.ServerResponse): void => {
  const upstream = http.request(
    { host: "127.0.0.1", port: target, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    }
  )
  // the Zoho sandbox drops connections on purpose (timeout knob): drop ours too
  upstream.on("error", () => res.destroy())
  req.pipe(upstream)
}

export const startFullSandbox = (
  world: GeneratedWorld,
  options: Omit<SandboxOptions, "world" | "port" | "host"> & { readonly host?: string; readonly port?: number } = {}
): Effect.Effect<FullSandboxHandle, FullSandboxError, Scope.Scope> =>
  Effect.gen(function* () {
    const zoho = yield* startSandbox({ ...options, world, host: "127.0.0.1", port: 0 }).pipe(
      Effect.mapError((e) => new FullSandboxError({ reason: e.message }))
    )
    const accounts = yield* Schema.decodeUnknown(PortalAccounts)(world.generated.portalAccounts).pipe(
      Effect.mapError((e) => new FullSandboxError({ reason: `portal accounts: ${e.message}` }))
    )
    const portal = makePortalHandler(accounts)
    const anthropic = makeAnthropicSandbox({ apiKey: SANDBOX_ANTHROPIC_KEY })
    const host = options.host ?? "127.0.0.1"
    const server = yield* Effect.acquireRelease(
      Effect.async<http.Server, FullSandboxError>((resume) => {
        const s = http.createServer((req, res) => {
          const path = (req.url ?? "/").split("?")[0]
          if (path === "/v1/messages") return anthropic.listener(req, res)
          if (portal.handle(req, res)) return
          forward(zoho.port, req, res)
        })
        s.once("error", (e) => resume(Effect.fail(new FullSandboxError({ reason: e.message }))))
        s.listen(options.port ?? 0, host, () => resume(Effect.succeed(s)))
      }),
      (s) =>
        Effect.async<void>((resume) => {
          portal.dispose()
          s.close(() => resume(Effect.void))
          s.closeAllConnections()
        })
    )
    const baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`
    return {
      baseUrl,
      zoho,
      accountsUrl: baseUrl,
      deskUrl: `${baseUrl}/api/v1`,
      crmUrl: `${baseUrl}/crm/v8`,
      examt3pUrl: baseUrl,
      anthropicBaseUrl: baseUrl,
      anthropicApiKey: SANDBOX_ANTHROPIC_KEY
    }
  })
