import { Context, Effect, Layer, type Scope } from "effect"
import { startSandbox, type SandboxHandle, type SandboxOptions } from "../../src/sandbox/index.ts"
import { sandboxZohoSettings } from "../../src/sandbox/zohoOnSandbox.ts"
import {
  CrmClient,
  DeskClient,
  ZohoAuth,
  ZohoBudget,
  ZohoLive,
  type TokenStore,
  type ZohoSettingsInput
} from "../../src/services/zoho/index.ts"

/** Settings pointing at a sandbox, with short delays so fault tests run fast. */
export const settingsFor = (sandbox: SandboxHandle, overrides: Partial<ZohoSettingsInput> = {}) =>
  sandboxZohoSettings(sandbox, {
    requestTimeoutMs: 2_000,
    ...overrides,
    retry: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 50, maxTotalMs: 10_000, ...overrides.retry }
  })

export interface Clients {
  readonly desk: DeskClient["Type"]
  readonly crm: CrmClient["Type"]
  readonly auth: ZohoAuth["Type"]
  readonly budget: ZohoBudget["Type"]
}

/** Builds an independent client stack (its own memory, limiter and counters) against `sandbox`. */
export const clientsFor = (
  sandbox: SandboxHandle,
  overrides: Partial<ZohoSettingsInput> = {},
  tokenStore?: Layer.Layer<TokenStore>
): Effect.Effect<Clients, never, Scope.Scope> =>
  Effect.map(Layer.build(ZohoLive(settingsFor(sandbox, overrides), tokenStore === undefined ? {} : { tokenStore })), (ctx) => ({
    desk: Context.get(ctx, DeskClient),
    crm: Context.get(ctx, CrmClient),
    auth: Context.get(ctx, ZohoAuth),
    budget: Context.get(ctx, ZohoBudget)
  }))

/** A sandbox and a client stack for the scope of one test. */
export const setup = (options: SandboxOptions = {}, overrides: Partial<ZohoSettingsInput> = {}) =>
  Effect.gen(function* () {
    const sandbox = yield* Effect.orDie(startSandbox(options))
    const clients = yield* clientsFor(sandbox, overrides)
    return { sandbox, ...clients }
  })
