import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { Data, Effect, Either } from "effect"
import { decodeOrExplain, formatProblems } from "../../schemas/decodeError.ts"
import { makePortalHandler, type PortalHandler } from "./portalHandler.ts"
import { type PortalAccount, PortalAccounts, type PortalAccountInput } from "./portalData.ts"

/** A small server around the portal handler, for tests and for running the stand-in alone. */

export interface RunningPortal {
  /** `http://127.0.0.1:<port>`: the value for `EXAMT3P_URL`. */
  readonly url: string
  readonly handler: PortalHandler
  readonly close: () => Promise<void>
}

export class InvalidPortalData extends Data.TaggedError("InvalidPortalData")<{ readonly problems: ReadonlyArray<string> }> {
  override get message(): string {
    return `invalid sandbox portal data:\n${this.problems.join("\n")}`
  }
}

/** Decodes the plain account data a world generator supplies; every problem is named. */
export const decodePortalAccounts = (input: ReadonlyArray<PortalAccountInput> | unknown): Either.Either<ReadonlyArray<PortalAccount>, InvalidPortalData> =>
  Either.mapLeft(decodeOrExplain(PortalAccounts)(input), (problems) => new InvalidPortalData({ problems: formatProblems(problems) }))

const listen = (server: Server, port: number, host: string): Promise<AddressInfo> =>
  new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      server.off("error", reject)
      resolve(server.address() as AddressInfo)
    })
  })

export const startPortal = async (accounts: ReadonlyArray<PortalAccount>, options: { port?: number; host?: string } = {}): Promise<RunningPortal> => {
  const handler = makePortalHandler(accounts)
  const server = createServer((req, res) => {
    if (!handler.handle(req, res)) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" })
      res.end("not found")
    }
  })
  const host = options.host ?? "127.0.0.1"
  const address = await listen(server, options.port ?? 0, host)
  return {
    url: `http://${host}:${address.port}`,
    handler,
    close: () =>
      new Promise<void>((resolve) => {
        handler.dispose()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** The portal for the lifetime of a scope (bind port 0 in tests). */
export const scopedPortal = (accounts: ReadonlyArray<PortalAccount>, options: { port?: number; host?: string } = {}) =>
  Effect.acquireRelease(
    Effect.promise(() => startPortal(accounts, options)),
    (portal) => Effect.promise(() => portal.close())
  )
