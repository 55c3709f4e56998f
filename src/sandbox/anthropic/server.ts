import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { Effect } from "effect"
import { type AnthropicSandboxControl, type AnthropicSandboxOptions, makeAnthropicSandbox } from "./handler.ts"

export interface AnthropicSandboxServer {
  /** Base URL to use as `ANTHROPIC_BASE_URL` (no trailing slash, no `/v1`). */
  readonly url: string
  readonly control: AnthropicSandboxControl
}

/** Serves the Messages stand-in on 127.0.0.1 (`port: 0` picks a free port) for the scope's life. */
export const serveAnthropicSandbox = (options: AnthropicSandboxOptions & { readonly port?: number }) =>
  Effect.acquireRelease(
    Effect.async<AnthropicSandboxServer & { readonly close: () => Promise<void> }, Error>((resume) => {
      const { listener, control } = makeAnthropicSandbox(options)
      const server = createServer(listener)
      server.once("error", (error) => resume(Effect.fail(error)))
      server.listen(options.port ?? 0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        const close = () =>
          new Promise<void>((resolve) => {
            server.closeAllConnections()
            server.close(() => resolve())
          })
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, control, close }))
      })
    }),
    (server) => Effect.promise(server.close)
  ).pipe(Effect.map(({ url, control }): AnthropicSandboxServer => ({ url, control })))
