import { HttpClient, HttpClientRequest } from "@effect/platform"
import { Clock, Context, Duration, Effect, Either, Layer, Option, Redacted, Ref, Schema } from "effect"
import {
  credentialKey,
  recentRefreshes,
  usableToken,
  withoutToken,
  withRefresh,
  withToken,
  type CachedToken,
  type TokenCacheFile
} from "./internal/tokenCache.ts"
import { ZohoBudget } from "./ZohoBudget.ts"
import { ZohoError } from "./ZohoError.ts"
import { ZohoSettings } from "./ZohoSettings.ts"
import { TokenStore, type TokenStoreError } from "./TokenStore.ts"

export interface ZohoAuthShape {
  /** A valid access token: from memory, else from the shared file, else from one refresh. */
  readonly accessToken: Effect.Effect<Redacted.Redacted<string>, ZohoError>
  /** Forget `token` (Zoho answered 401 to it); a newer token already cached is kept. */
  readonly invalidate: (token: Redacted.Redacted<string>) => Effect.Effect<void>
}

export class ZohoAuth extends Context.Tag("docflow/ZohoAuth")<ZohoAuth, ZohoAuthShape>() {}

const TokenResponse = Schema.Struct({
  access_token: Schema.String,
  expires_in: Schema.Number,
  api_domain: Schema.optional(Schema.String),
  token_type: Schema.optional(Schema.String)
})

const AccountsError = Schema.Struct({
  error: Schema.String,
  error_description: Schema.optional(Schema.String)
})

const authError = (fields: Omit<ConstructorParameters<typeof ZohoError>[0], "api" | "operation">) =>
  new ZohoError({ api: "accounts", operation: "refreshToken", ...fields })

const storeFailure = (e: TokenStoreError) => authError({ reason: "Network", detail: e.message })

/** Zoho signals its refresh limit with "Access Denied" or a "too many requests" description. */
const isRefreshThrottle = (error: string, description: string | undefined) =>
  error === "Access Denied" || /too many requests/i.test(description ?? "")

const retryAfterHeader = (value: string | undefined): number | undefined => {
  const seconds = value === undefined ? NaN : Number(value)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined
}

export const makeZohoAuth = Effect.gen(function* () {
  const settings = yield* ZohoSettings
  const store = yield* TokenStore
  const budget = yield* ZohoBudget
  // No client span for the token call: @effect/platform would record the URL's query, which holds
  // the client secret and the refresh token, as span attributes.
  const http = HttpClient.withTracerDisabledWhen(yield* HttpClient.HttpClient, () => true)
  const key = yield* credentialKey(settings.clientId, Redacted.value(settings.refreshToken))
  const memory = yield* Ref.make(Option.none<CachedToken>())
  const refreshing = yield* Effect.makeSemaphore(1)
  const { count: refreshCount, windowMs } = settings.refreshLimit

  const fromMemory = Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    return Option.filter(yield* Ref.get(memory), (t) => t.expiresAt - settings.tokenRefreshMarginMs > now)
  })

  // The grant goes in the query string, as Zoho documents; the URL is never logged or put in errors.
  const callAccounts = Effect.gen(function* () {
    const request = HttpClientRequest.post(`${settings.accountsUrl}/oauth/v2/token`, {
      urlParams: {
        grant_type: "refresh_token",
        client_id: settings.clientId,
        client_secret: Redacted.value(settings.clientSecret),
        refresh_token: Redacted.value(settings.refreshToken)
      },
      acceptJson: true
    })
    yield* budget.recordAttempt("accounts", 0)
    const response = yield* http.execute(request).pipe(
      Effect.timeoutFail({
        duration: Duration.millis(settings.requestTimeoutMs),
        onTimeout: () => authError({ reason: "Network", detail: "token request timed out", outcomeUnknown: true })
      }),
      Effect.mapError((e) =>
        e._tag === "ZohoError" ? e : authError({ reason: "Network", detail: `token request failed (${e.reason})`, outcomeUnknown: true })
      )
    )
    const text = yield* response.text.pipe(
      Effect.catchAll(() => Effect.fail(authError({ reason: "Network", status: response.status, detail: "token response body unreadable" })))
    )
    const json = yield* Effect.try({
      try: () => (text.trim() === "" ? {} : (JSON.parse(text) as unknown)),
      catch: () => authError({ reason: "Decode", status: response.status, detail: "token response is not JSON" })
    })
    const refused = Schema.decodeUnknownOption(AccountsError)(json)
    if (Option.isSome(refused) || response.status >= 400) {
      const error = Option.match(refused, { onNone: () => undefined, onSome: (r) => r })
      const throttled = response.status === 429 || (error !== undefined && isRefreshThrottle(error.error, error.error_description))
      return yield* authError({
        reason: throttled ? "RateLimited" : response.status >= 500 ? "Server" : "Unauthorized",
        status: response.status,
        ...(error === undefined ? {} : { code: error.error }),
        detail: throttled ? "Zoho refused the token refresh: too many refreshes" : "Zoho refused the token refresh",
        ...(throttled ? { retryAfterMs: retryAfterHeader(response.headers["retry-after"]) ?? 60_000 } : {})
      })
    }
    // The body holds the token: a decoding error names the fields only, never their values.
    const decoded = yield* Schema.decodeUnknown(TokenResponse)(json).pipe(
      Effect.mapError(() => authError({ reason: "Decode", status: response.status, detail: "token response lacks access_token or expires_in" }))
    )
    return decoded
  })

  // Runs under the machine-wide lock, so one process refreshes while the others wait and then
  // find the new token in the file. The attempt is counted (and stored) whatever its outcome.
  type Outcome = readonly [Either.Either<CachedToken, ZohoError>, TokenCacheFile | undefined]
  const outcome = (result: Either.Either<CachedToken, ZohoError>, next?: TokenCacheFile): Outcome => [result, next]
  const refreshUnderLock = store.locked((file) =>
    Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const shared = usableToken(file, key, now, settings.tokenRefreshMarginMs)
      if (Option.isSome(shared)) return outcome(Either.right(shared.value))
      const recent = recentRefreshes(file, key, now, windowMs)
      if (recent.length >= refreshCount) {
        const refused = authError({
          reason: "RateLimited",
          code: "LOCAL_REFRESH_LIMIT",
          detail: `${recent.length} token refreshes in the last ${windowMs / 60_000} min; waiting rather than spending Zoho's limit`,
          retryAfterMs: Math.max(1_000, Math.min(...recent) + windowMs - now)
        })
        return outcome(Either.left(refused))
      }
      const counted = withRefresh(file, key, now, windowMs)
      const result = yield* Effect.either(callAccounts)
      if (Either.isLeft(result)) return outcome(Either.left(result.left), counted)
      const issued = yield* Clock.currentTimeMillis
      const fresh: CachedToken = {
        accessToken: result.right.access_token,
        expiresAt: issued + result.right.expires_in * 1000,
        ...(result.right.api_domain === undefined ? {} : { apiDomain: result.right.api_domain })
      }
      yield* Effect.logInfo(`zoho token refreshed; valid ${result.right.expires_in} s`)
      return outcome(Either.right(fresh), withToken(counted, key, fresh))
    })
  )

  const refresh = Effect.gen(function* () {
    const cached = yield* fromMemory
    if (Option.isSome(cached)) return cached.value
    const result = yield* refreshUnderLock.pipe(Effect.mapError(storeFailure))
    const token = yield* result
    yield* Ref.set(memory, Option.some(token))
    return token
  })

  const accessToken: Effect.Effect<Redacted.Redacted<string>, ZohoError> = Effect.flatMap(fromMemory, (cached) =>
    Option.match(cached, {
      onSome: (t) => Effect.succeed(Redacted.make(t.accessToken)),
      onNone: () => Effect.map(refreshing.withPermits(1)(refresh), (t) => Redacted.make(t.accessToken))
    })
  )

  const invalidate = (token: Redacted.Redacted<string>) => {
    const value = Redacted.value(token)
    return Effect.gen(function* () {
      yield* Ref.update(memory, (m) => Option.filter(m, (t) => t.accessToken !== value))
      yield* store.locked((file) => Effect.succeed([undefined, withoutToken(file, key, value)] as const)).pipe(Effect.ignore)
    })
  }

  return { accessToken, invalidate } satisfies ZohoAuthShape
})

export const ZohoAuthLive: Layer.Layer<ZohoAuth, never, ZohoSettings | TokenStore | ZohoBudget | HttpClient.HttpClient> =
  Layer.effect(ZohoAuth, makeZohoAuth)
