import { Effect, Layer } from "effect"
import { makeZohoSettings, ZohoLive, type ZohoServices, type ZohoSettingsInput } from "../services/zoho/index.ts"
import { Sandbox, startSandbox, type SandboxHandle, type SandboxOptions, type SandboxStartError } from "./index.ts"

/** Client settings pointing at a running sandbox, with its world's credentials. */
export const sandboxZohoSettings = (sandbox: SandboxHandle, overrides: Partial<ZohoSettingsInput> = {}) =>
  makeZohoSettings({
    accountsUrl: sandbox.accountsUrl,
    deskUrl: sandbox.deskUrl,
    crmUrl: sandbox.crmUrl,
    orgId: sandbox.world.orgId,
    clientId: sandbox.world.credentials.clientId,
    clientSecret: sandbox.world.credentials.clientSecret,
    refreshToken: sandbox.world.credentials.refreshToken,
    ...overrides
  })

/**
 * The Zoho clients wired to an in-process sandbox: what `npm start` can use when no Zoho
 * credentials are configured, and what pipeline tests can use. The sandbox lives as long as the
 * layer; its handle (`Sandbox`) gives the writes it received.
 */
export const ZohoOnSandbox = (
  options: SandboxOptions = {},
  overrides: Partial<ZohoSettingsInput> = {}
): Layer.Layer<ZohoServices | Sandbox, SandboxStartError> =>
  Layer.unwrapScoped(
    Effect.map(startSandbox(options), (sandbox) =>
      Layer.merge(ZohoLive(sandboxZohoSettings(sandbox, overrides)), Layer.succeed(Sandbox, sandbox))
    )
  )
