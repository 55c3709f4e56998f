import { HttpClient, HttpClientRequest } from "@effect/platform"
import { Clock, Context, Duration, Effect, Either, Layer, Random, Redacted } from "effect"
import { makeApiGate, type ApiGate } from "./internal/limiter.ts"
import { classify, type ZohoResponse } from "./internal/responses.ts"
import { ZohoAuth } from "./ZohoAuth.ts"
import { ZohoBudget } from "./ZohoBudget.ts"
import { isTransient, ZohoError } from "./ZohoError.ts"
import { ZohoSettings, type RetryPolicy } from "./ZohoSettings.ts"

export type { ZohoResponse } from "./internal/responses.ts"

export type QueryValue = string | number | boolean | undefined

/** One call to Desk or CRM, described as data so the policy can apply to all of them alike. */
export interface ZohoRequest {
  readonly api: "desk" | "crm"
  /** A stable name for logs, metrics and errors, e.g. `desk.getTicket`. */
  readonly operation: string
  readonly method: "GET" | "POST" | "PATCH" | "PUT"
  /** Path under the API root (`/tickets/1`), or an absolute URL for another version's root. */
  readonly path: string
  readonly query?: Readonly<Record<string, QueryValue>>
  readonly body?: unknown
  /**
   * Safe to repeat after an ambiguous failure. Every GET, and PUT/PATCH that set fields to
   * values, are; a POST that creates something (draft, comment, note) is not.
   */
  readonly idempotent: boolean
  readonly credits?: number
  /** Error statuses answered with a body the caller inspects (returned instead of failing). */
  readonly acceptStatuses?: ReadonlyArray<number>
}

export interface ZohoHttpShape {
  readonly send: (request: ZohoRequest) => Effect.Effect<ZohoResponse, ZohoError>
}

/** The HTTP policy every Zoho call goes through: auth, limiter, timeout, classification, retries. */
export class ZohoHttp extends Context.Tag("docflow/ZohoHttp")<ZohoHttp, ZohoHttpShape>() {}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export const backoffDelay = (policy: RetryPolicy, attempt: number, random: number): number => {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.round(exponential / 2 + (exponential / 2) * random)
}

/** Error codes (`errno`) buried in a fetch failure's cause chain. */
const causeCode = (error: unknown): string | undefined => {
  let current: unknown = error
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth++) {
    if ("code" in current && typeof current.code === "string") return current.code
    current = "cause" in current ? current.cause : undefined
  }
  return undefined
}

export const makeZohoHttp = Effect.gen(function* () {
  const settings = yield* ZohoSettings
  const auth = yield* ZohoAuth
  const budget = yield* ZohoBudget
  const http = yield* HttpClient.HttpClient
  const gates: Record<ZohoRequest["api"], ApiGate> = {
    desk: yield* makeApiGate(settings.limits.desk),
    crm: yield* makeApiGate(settings.limits.crm)
  }
  const roots = { desk: settings.deskUrl, crm: settings.crmUrl }

  const build = (request: ZohoRequest, token: Redacted.Redacted<string>) => {
    const url = /^https?:\/\//.test(request.path) ? request.path : `${roots[request.api]}${request.path}`
    const query: Record<string, string> = {}
    for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) query[k] = String(v)
    const headers: Record<string, string> = { authorization: `Zoho-oauthtoken ${Redacted.value(token)}` }
    if (request.api === "desk") {
      // The OAS makes orgId a query parameter, the Desk docs a header: send both.
      query["orgId"] = settings.orgId
      headers["orgId"] = settings.orgId
    }
    const base = HttpClientRequest.make(request.method)(url, { urlParams: query, headers, acceptJson: true })
    return request.body === undefined ? base : HttpClientRequest.bodyUnsafeJson(base, request.body)
  }

  const attempt = (request: ZohoRequest, token: Redacted.Redacted<string>): Effect.Effect<ZohoResponse, ZohoError> => {
    const write = !request.idempotent
    const fail = (detail: string, unknownOutcome: boolean) =>
      new ZohoError({ api: request.api, operation: request.operation, reason: "Network", detail, ...(unknownOutcome ? { outcomeUnknown: true } : {}) })
    return gates[request.api].run(
      Effect.gen(function* () {
        yield* budget.recordAttempt(request.api, request.credits ?? 1)
        const exchange = Effect.gen(function* () {
          const response = yield* http.execute(build(request, token))
          const text = yield* response.text
          return { status: response.status, retryAfterHeader: response.headers["retry-after"], text }
        })
        const raw = yield* exchange.pipe(
          Effect.mapError((e) => {
            const code = causeCode(e.cause)
            // A refused connection never reached Zoho; anything else may have.
            return fail(`request failed (${code ?? e._tag})`, write && code !== "ECONNREFUSED")
          }),
          Effect.timeoutFail({
            duration: Duration.millis(settings.requestTimeoutMs),
            onTimeout: () => fail(`no response within ${settings.requestTimeoutMs} ms`, write)
          })
        )
        return yield* classify({ api: request.api, operation: request.operation, write, acceptStatuses: request.acceptStatuses }, raw, yield* Clock.currentTimeMillis)
      })
    )
  }

  const send = (request: ZohoRequest): Effect.Effect<ZohoResponse, ZohoError> =>
    Effect.gen(function* () {
      const policy = settings.retry
      const started = yield* Clock.currentTimeMillis
      let attempts = 0
      let reauthenticated = false
      while (true) {
        const token = yield* Effect.either(auth.accessToken)
        // A failed token refresh means the call itself was never sent: safe to retry even for a POST.
        const result: Either.Either<ZohoResponse, ZohoError> = Either.isLeft(token)
          ? Either.left(new ZohoError({ ...token.left, outcomeUnknown: false }))
          : yield* Effect.either(attempt(request, token.right))
        if (Either.isRight(result)) return result.right
        const error = result.left
        if (error.reason === "Unauthorized" && error.status === 401 && !reauthenticated && Either.isRight(token)) {
          // The token was revoked or expired early: one refresh, one more try (nothing was applied).
          reauthenticated = true
          yield* auth.invalidate(token.right)
          continue
        }
        attempts++
        const repeatable = isTransient(error) && (request.idempotent || error.outcomeUnknown !== true)
        const delay = Math.max(error.retryAfterMs ?? 0, backoffDelay(policy, attempts, yield* Random.next))
        const elapsed = (yield* Clock.currentTimeMillis) - started
        if (!repeatable || attempts >= policy.maxAttempts || elapsed + delay > policy.maxTotalMs) {
          yield* budget.recordFailure(request.api, error.reason)
          return yield* error
        }
        yield* budget.recordRetry(request.api)
        yield* Effect.logWarning(`zoho ${request.operation}: ${error.reason}${error.status === undefined ? "" : ` ${error.status}`}, retry ${attempts} in ${delay} ms`)
        yield* Effect.sleep(Duration.millis(delay))
      }
    }).pipe(Effect.withSpan(request.operation, { attributes: { api: request.api, method: request.method }, captureStackTrace: false }))

  return { send } satisfies ZohoHttpShape
})

export const ZohoHttpLive: Layer.Layer<ZohoHttp, never, ZohoSettings | ZohoAuth | ZohoBudget | HttpClient.HttpClient> =
  Layer.scoped(ZohoHttp, makeZohoHttp)
