import { Context, Redacted } from "effect"

/** Requests per second and simultaneous calls allowed to one API; `"off"` disables the limiter. */
export type ApiLimit = { readonly requestsPerSecond: number; readonly concurrency: number } | "off"

export interface RetryPolicy {
  /** Attempts in total for an idempotent call (the first one included). */
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** No retry is scheduled once this much time has passed since the first attempt. */
  readonly maxTotalMs: number
}

export interface ZohoSettingsShape {
  readonly accountsUrl: string
  /** Desk API root, ending in `/api/v1`. */
  readonly deskUrl: string
  /** CRM API root, ending in `/crm/v<N>`. */
  readonly crmUrl: string
  readonly orgId: string
  readonly clientId: string
  readonly clientSecret: Redacted.Redacted<string>
  readonly refreshToken: Redacted.Redacted<string>
  readonly limits: { readonly desk: ApiLimit; readonly crm: ApiLimit }
  readonly retry: RetryPolicy
  readonly requestTimeoutMs: number
  /** A cached token is replaced this long before it expires (Zoho tokens live one hour). */
  readonly tokenRefreshMarginMs: number
  /** Zoho allows 10 token requests per 10 minutes per refresh token; docflow stays within it. */
  readonly refreshLimit: { readonly count: number; readonly windowMs: number }
}

export class ZohoSettings extends Context.Tag("docflow/ZohoSettings")<ZohoSettings, ZohoSettingsShape>() {}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 20_000, maxTotalMs: 90_000 }

export interface ZohoSettingsInput {
  readonly accountsUrl: string
  readonly deskUrl: string
  readonly crmUrl: string
  readonly orgId: string
  readonly clientId: string
  readonly clientSecret: Redacted.Redacted<string> | string
  readonly refreshToken: Redacted.Redacted<string> | string
  readonly limits?: { readonly desk: ApiLimit; readonly crm: ApiLimit }
  readonly retry?: Partial<RetryPolicy>
  readonly requestTimeoutMs?: number
  readonly tokenRefreshMarginMs?: number
  readonly refreshLimit?: { readonly count: number; readonly windowMs: number }
}

const redact = (v: Redacted.Redacted<string> | string) => (Redacted.isRedacted(v) ? v : Redacted.make(v))

/** Fills the defaults: limits off unless given, 30 s timeout, refresh 5 min before expiry, 10 refreshes / 10 min. */
export const makeZohoSettings = (input: ZohoSettingsInput): ZohoSettingsShape => ({
  accountsUrl: input.accountsUrl.replace(/\/+$/, ""),
  deskUrl: input.deskUrl.replace(/\/+$/, ""),
  crmUrl: input.crmUrl.replace(/\/+$/, ""),
  orgId: input.orgId,
  clientId: input.clientId,
  clientSecret: redact(input.clientSecret),
  refreshToken: redact(input.refreshToken),
  limits: input.limits ?? { desk: "off", crm: "off" },
  retry: { ...defaultRetryPolicy, ...input.retry },
  requestTimeoutMs: input.requestTimeoutMs ?? 30_000,
  tokenRefreshMarginMs: input.tokenRefreshMarginMs ?? 5 * 60_000,
  refreshLimit: input.refreshLimit ?? { count: 10, windowMs: 10 * 60_000 }
})
