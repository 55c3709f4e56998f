import { Context, Data, Effect, Layer, type Scope } from "effect"
import { SandboxEngine, type SandboxStats } from "./dispatch.ts"
import { calmKnobs, mergeKnobs, type KnobsPatch, type SandboxKnobs } from "./knobs.ts"
import { listen } from "./platform/nodeServer.ts"
import type { SandboxRequestRecord, SandboxWrite } from "./state.ts"
import { fixedWorld, type SandboxWorld } from "./world.ts"

export { calmKnobs, type KnobsPatch, type SandboxKnobs } from "./knobs.ts"
export type { SandboxRequestRecord, SandboxWrite } from "./state.ts"
export type { SandboxStats } from "./dispatch.ts"
export { fixedWorld, sandboxCredentials, DOC_DEPARTMENT, CONTACT_DEPARTMENT, COMPTA_DEPARTMENT, type SandboxWorld } from "./world.ts"
export { generateWorld, DEFAULT_TICKETS, type GeneratedWorld, type GenerateOptions } from "./generator/generateWorld.ts"

export interface SandboxOptions {
  readonly host?: string
  /** 0 (the default) binds any free port. */
  readonly port?: number
  readonly world?: SandboxWorld
  readonly knobs?: KnobsPatch
}

/** A running sandbox: where it listens and what it saw. */
export interface SandboxHandle {
  readonly port: number
  readonly baseUrl: string
  /** Values for ZOHO_ACCOUNTS_URL, ZOHO_DESK_URL and ZOHO_CRM_URL. */
  readonly accountsUrl: string
  readonly deskUrl: string
  readonly crmUrl: string
  readonly world: SandboxWorld
  readonly writes: Effect.Effect<ReadonlyArray<SandboxWrite>>
  readonly requests: Effect.Effect<ReadonlyArray<SandboxRequestRecord>>
  readonly stats: Effect.Effect<SandboxStats>
  readonly knobs: Effect.Effect<SandboxKnobs>
  readonly setKnobs: (patch: KnobsPatch) => Effect.Effect<void>
  /** Revokes every access token issued so far: the next API call gets 401. */
  readonly expireTokens: Effect.Effect<void>
}

export class SandboxStartError extends Data.TaggedError("SandboxStartError")<{ readonly detail: string }> {
  override get message(): string {
    return `sandbox could not start: ${this.detail}`
  }
}

/** Starts the Zoho sandbox for the lifetime of the scope; closing the scope stops it. */
export const startSandbox = (options: SandboxOptions = {}): Effect.Effect<SandboxHandle, SandboxStartError, Scope.Scope> =>
  Effect.gen(function* () {
    const world = options.world ?? fixedWorld()
    const engine = new SandboxEngine(world, mergeKnobs(calmKnobs, options.knobs ?? {}))
    const host = options.host ?? "127.0.0.1"
    const server = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () => listen(engine, host, options.port ?? 0),
        catch: (e) => new SandboxStartError({ detail: e instanceof Error ? e.message : String(e) })
      }),
      (s) => Effect.promise(() => s.close())
    )
    const baseUrl = `http://${host}:${server.port}`
    return {
      port: server.port,
      baseUrl,
      accountsUrl: baseUrl,
      deskUrl: `${baseUrl}/api/v1`,
      crmUrl: `${baseUrl}/crm/v8`,
      world,
      writes: Effect.sync(() => [...engine.state.writes]),
      requests: Effect.sync(() => [...engine.state.requests]),
      stats: Effect.sync(() => engine.stats()),
      knobs: Effect.sync(() => engine.knobs),
      setKnobs: (patch) => Effect.sync(() => engine.setKnobs(patch)),
      expireTokens: Effect.sync(() => engine.expireTokens())
    }
  })

export class Sandbox extends Context.Tag("docflow/Sandbox")<Sandbox, SandboxHandle>() {}

/** The sandbox as a scoped layer, for `npm start` without credentials and for tests. */
export const SandboxLive = (options: SandboxOptions = {}): Layer.Layer<Sandbox, SandboxStartError> =>
  Layer.scoped(Sandbox, startSandbox(options))
