import { Either, Option, Schema } from "effect"
import { MALFORMED_JSON, ZohoError, type ZohoApi, type ZohoErrorReason } from "../ZohoError.ts"

/** What came back from one HTTP attempt, before classification. */
export interface RawResponse {
  readonly status: number
  readonly retryAfterHeader: string | undefined
  readonly text: string
}

/** The parsed body of a successful call; `undefined` for 204 or an empty body. */
export interface ZohoResponse {
  readonly status: number
  readonly body: unknown
}

const DeskErrorBody = Schema.Struct({ errorCode: Schema.String, message: Schema.optional(Schema.String) })
const CrmErrorBody = Schema.Struct({
  code: Schema.String,
  message: Schema.optional(Schema.String),
  details: Schema.optional(Schema.Struct({ retry_after: Schema.optional(Schema.Number) }))
})

/** Seconds, or an HTTP date, as Zoho or a proxy may send it. */
export const parseRetryAfter = (value: string | undefined, now: number): number | undefined => {
  if (value === undefined || value.trim() === "") return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined
}

const reasonOf = (status: number): ZohoErrorReason => {
  if (status === 429) return "RateLimited"
  if (status === 401 || status === 403) return "Unauthorized"
  if (status === 404) return "NotFound"
  if (status >= 500) return "Server"
  return "Invalid"
}

interface Call {
  readonly api: ZohoApi
  readonly operation: string
  /** true for a write whose effect is unknown after a 5xx or a broken body. */
  readonly write: boolean
  /** Error statuses whose body the caller inspects itself (CRM batch writes answer 400 with per-record results). */
  readonly acceptStatuses?: ReadonlyArray<number> | undefined
}

/** Turns one HTTP exchange into a parsed body or a classified `ZohoError`. */
export const classify = (call: Call, raw: RawResponse, now: number): Either.Either<ZohoResponse, ZohoError> => {
  const trimmed = raw.text.trim()
  let body: unknown = undefined
  let malformed = false
  if (trimmed !== "") {
    try {
      body = JSON.parse(trimmed) as unknown
    } catch {
      malformed = true
    }
  }
  const base = { api: call.api, operation: call.operation, status: raw.status }
  if ((raw.status >= 200 && raw.status < 300) || call.acceptStatuses?.includes(raw.status) === true) {
    if (malformed) {
      return Either.left(new ZohoError({ ...base, reason: "Decode", code: MALFORMED_JSON, detail: "response body is not JSON", outcomeUnknown: call.write }))
    }
    return Either.right({ status: raw.status, body })
  }
  const desk = Schema.decodeUnknownOption(DeskErrorBody)(body)
  const crm = Schema.decodeUnknownOption(CrmErrorBody)(body)
  const code = Option.isSome(desk) ? desk.value.errorCode : Option.isSome(crm) ? crm.value.code : undefined
  const zohoMessage = Option.isSome(desk) ? desk.value.message : Option.isSome(crm) ? crm.value.message : undefined
  const bodyRetry = Option.isSome(crm) ? crm.value.details?.retry_after : undefined
  // THRESHOLD_EXCEEDED is Desk's daily credit budget: without a hint, assume an hour, so the
  // retry cap gives up at once instead of hammering an exhausted budget.
  const retryAfterMs =
    parseRetryAfter(raw.retryAfterHeader, now) ??
    (bodyRetry === undefined ? (code === "THRESHOLD_EXCEEDED" ? 3_600_000 : undefined) : bodyRetry * 1000)
  const throttled = raw.status === 429 || code === "TOO_MANY_REQUESTS" || code === "THRESHOLD_EXCEEDED" || code === "RATE_LIMIT_EXCEEDED"
  const reason = throttled ? "RateLimited" : reasonOf(raw.status)
  return Either.left(
    new ZohoError({
      ...base,
      reason,
      ...(code === undefined ? {} : { code }),
      detail: (zohoMessage ?? `HTTP ${raw.status}`).slice(0, 300),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(reason === "Server" && call.write ? { outcomeUnknown: true } : {})
    })
  )
}
