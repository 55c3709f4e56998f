/**
 * docflow's Zoho service: the Desk and CRM clients and everything under them (token cache, HTTP
 * policy, budget counters). Import from this module only.
 */
import type { HttpClient } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { Either, Layer, Option } from "effect"
import type { AppConfigShape } from "../config/AppConfig.ts"
import { CrmClient, CrmClientLive } from "./CrmClient.ts"
import { DeskClient, DeskClientLive } from "./DeskClient.ts"
import { NodeTokenStore } from "./internal/platform/nodeTokenStore.ts"
import { ZohoAuth, ZohoAuthLive } from "./ZohoAuth.ts"
import { ZohoBudget, ZohoBudgetLive } from "./ZohoBudget.ts"
import { ZohoHttp, ZohoHttpLive } from "./ZohoHttp.ts"
import { instanceLimits } from "./instanceShare.ts"
import { makeZohoSettings, ZohoSettings, type ZohoSettingsInput, type ZohoSettingsShape } from "./ZohoSettings.ts"
import { TokenStore, TokenStoreMemory } from "./TokenStore.ts"

export { CrmClient, type CrmClientShape, type CrmFields, type CrmPage, type CrmSearch } from "./CrmClient.ts"
export { DeskClient, type DeskClientShape, type PageRequest, type TicketQuery } from "./DeskClient.ts"
export { allOf, anyOf, condition, escapeCriteriaValue, type CriteriaOperator } from "./crmCriteria.ts"
export { instanceLimits, type DeploymentLimits, type InstanceLimits, type RateLimit } from "./instanceShare.ts"
export { ZohoAuth, type ZohoAuthShape } from "./ZohoAuth.ts"
export { ZohoBudget, type ApiUsage, type ZohoUsage } from "./ZohoBudget.ts"
export { isTransient, ZohoError, type ZohoApi, type ZohoErrorReason } from "./ZohoError.ts"
export { backoffDelay, ZohoHttp, type ZohoRequest, type ZohoResponse } from "./ZohoHttp.ts"
export { defaultRetryPolicy, makeZohoSettings, ZohoSettings, type ApiLimit, type RetryPolicy, type ZohoSettingsInput, type ZohoSettingsShape } from "./ZohoSettings.ts"
export { TokenStore, TokenStoreError, TokenStoreMemory, type TokenStoreShape } from "./TokenStore.ts"
export { NodeTokenStore, TOKEN_FILE_NAME } from "./internal/platform/nodeTokenStore.ts"

export type ZohoServices = DeskClient | CrmClient | ZohoHttp | ZohoAuth | ZohoBudget | ZohoSettings | TokenStore

/**
 * The whole client stack for `settings`. The token store defaults to memory; give
 * `NodeTokenStore({ dataDir })` to share tokens between processes. The HTTP client defaults to
 * undici through @effect/platform-node (about 3× the throughput of the fetch layer in
 * bench/zoho-client.bench.ts); `FetchHttpClient.layer` fits other runtimes.
 */
export const ZohoLive = (
  settings: ZohoSettingsShape,
  options: { readonly tokenStore?: Layer.Layer<TokenStore>; readonly httpClient?: Layer.Layer<HttpClient.HttpClient> } = {}
): Layer.Layer<ZohoServices> =>
  Layer.mergeAll(DeskClientLive, CrmClientLive).pipe(
    Layer.provideMerge(ZohoHttpLive),
    Layer.provideMerge(ZohoAuthLive),
    Layer.provideMerge(
      Layer.mergeAll(
        ZohoBudgetLive,
        Layer.succeed(ZohoSettings, settings),
        options.tokenStore ?? TokenStoreMemory,
        options.httpClient ?? NodeHttpClient.layerUndici
      )
    ),
    Layer.orDie
  )

/**
 * Settings from the application config when real credentials are set; `Left` lists what is
 * missing. Limits come from ZOHO_*_RPS / ZOHO_*_CONCURRENCY, divided among DOCFLOW_INSTANCES.
 */
export const zohoSettingsFromConfig = (
  config: AppConfigShape,
  overrides: Partial<ZohoSettingsInput> = {}
): Either.Either<ZohoSettingsShape, ReadonlyArray<string>> => {
  const z = config.zoho
  const missing = [
    Option.isNone(z.clientId) ? "ZOHO_CLIENT_ID" : undefined,
    Option.isNone(z.clientSecret) ? "ZOHO_CLIENT_SECRET" : undefined,
    Option.isNone(z.refreshToken) ? "ZOHO_REFRESH_TOKEN" : undefined,
    Option.isNone(z.orgId) ? "ZOHO_ORG_ID" : undefined
  ].filter((m): m is string => m !== undefined)
  if (!Option.isSome(z.clientId) || !Option.isSome(z.clientSecret) || !Option.isSome(z.refreshToken) || !Option.isSome(z.orgId)) {
    return Either.left(missing)
  }
  return Either.right(
    makeZohoSettings({
      accountsUrl: z.accountsUrl,
      deskUrl: z.deskUrl,
      crmUrl: z.crmUrl,
      orgId: z.orgId.value,
      clientId: z.clientId.value,
      clientSecret: z.clientSecret.value,
      refreshToken: z.refreshToken.value,
      // Each of DOCFLOW_INSTANCES consumers takes its share of the deployment's budget.
      limits: instanceLimits(config.limits),
      ...overrides
    })
  )
}

/** The token store for a real run: the shared 0600 file under DOCFLOW_DATA_DIR. */
export const tokenStoreFromConfig = (config: AppConfigShape): Layer.Layer<TokenStore> => NodeTokenStore({ dataDir: config.dataDir })
