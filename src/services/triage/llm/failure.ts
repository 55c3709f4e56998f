import type { AiError } from "@effect/ai"
import { Cause, ParseResult, Predicate } from "effect"
import { formatPath } from "../../../schemas/decodeError.ts"
import type { FailureKind } from "./outcome.ts"

/**
 * Turns what went wrong with a model call into a short operator-facing reason. Only chosen fields
 * are read (status, error type, schema path): request headers are never copied, and `scrubSecret`
 * removes the key from whatever text remains as a second guard.
 *
 * Why this matters: @effect/ai's `HttpResponseError` keeps the request headers, and in this version
 * `x-api-key` is NOT redacted there (`JSON.stringify(error)` shows the key). Raw AI errors must
 * therefore never leave the adapters — not in logs, events, spans or outcomes.
 */

export type Classified =
  | { readonly outcome: "invalid"; readonly reason: string }
  | { readonly outcome: "failed"; readonly kind: FailureKind; readonly status?: number; readonly reason: string }

const KEY_SHAPE = /sk-ant-[A-Za-z0-9_-]+/g
const MAX_REASON_CHARS = 400

export const scrubSecret = (text: string, secret: string | undefined): string => {
  const withoutKey = secret !== undefined && secret.length > 0 ? text.split(secret).join("[redacted]") : text
  const scrubbed = withoutKey.replace(KEY_SHAPE, "[redacted]")
  return scrubbed.length > MAX_REASON_CHARS ? `${scrubbed.slice(0, MAX_REASON_CHARS)}…` : scrubbed
}

const EXPECTED_ACTUAL = /^Expected ([\s\S]+?), actual ([\s\S]*)$/

/** One entry per path, union alternatives merged: `action: expected "GO" | "ROUTE", found "PEUT_ETRE"`. */
const schemaProblems = (error: ParseResult.ParseError): string => {
  const byPath = new Map<string, { expected: Array<string>; found: string | undefined; other: Array<string> }>()
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const path = formatPath(issue.path)
    const entry = byPath.get(path) ?? { expected: [], found: undefined, other: [] }
    const message = issue.message.replace(/\s+/g, " ")
    const match = EXPECTED_ACTUAL.exec(message)
    if (match?.[1] !== undefined) {
      if (!entry.expected.includes(match[1])) entry.expected.push(match[1])
      entry.found = match[2]
    } else if (!entry.other.includes(message)) entry.other.push(message)
    byPath.set(path, entry)
  }
  return [...byPath.entries()]
    .slice(0, 5)
    .map(([path, { expected, found, other }]) =>
      [
        ...(expected.length > 0 ? [`${path}: expected ${expected.join(" | ")}, found ${found ?? "?"}`] : []),
        ...other.map((message) => `${path}: ${message}`)
      ].join("; ")
    )
    .join("; ")
}

/** `error.message` of an Anthropic error body (`{type:"error", error:{type, message}}`), if any. */
const apiErrorOf = (body: string | undefined): string | undefined => {
  if (body === undefined) return undefined
  try {
    const parsed: unknown = JSON.parse(body)
    if (Predicate.isRecord(parsed) && Predicate.isRecord(parsed["error"])) {
      const { type, message } = parsed["error"]
      return [type, message].filter(Predicate.isString).join(": ")
    }
  } catch {
    return undefined
  }
  return undefined
}

const kindOfStatus = (status: number): FailureKind => {
  if (status === 401 || status === 403) return "auth"
  if (status === 429) return "rate_limited"
  if (status === 529 || status === 503) return "overloaded"
  return "http"
}

export const classifyAiError = (error: AiError.AiError): Classified => {
  switch (error._tag) {
    case "MalformedOutput": {
      const detail = ParseResult.isParseError(error.cause) ? schemaProblems(error.cause) : undefined
      return { outcome: "invalid", reason: [error.description ?? "malformed output", detail].filter(Predicate.isString).join(" — ") }
    }
    case "HttpResponseError": {
      const status = error.response.status
      if (status >= 200 && status < 300) {
        return { outcome: "invalid", reason: `HTTP ${status} with an unreadable body (${error.reason})` }
      }
      const api = apiErrorOf(error.body)
      return { outcome: "failed", kind: kindOfStatus(status), status, reason: `HTTP ${status}${api === undefined ? "" : ` ${api}`}` }
    }
    case "HttpRequestError":
      return { outcome: "failed", kind: "transport", reason: `request failed (${error.reason}${error.description === undefined ? "" : `: ${error.description}`})` }
    case "MalformedInput":
      return { outcome: "failed", kind: "unknown", reason: `request could not be built${error.description === undefined ? "" : `: ${error.description}`}` }
    case "UnknownError":
      return { outcome: "failed", kind: "unknown", reason: error.description ?? "unknown model error" }
  }
}

export const classifyDefect = (cause: Cause.Cause<unknown>): Classified => ({
  outcome: "failed",
  kind: "unknown",
  reason: `unexpected failure: ${Cause.isInterruptedOnly(cause) ? "interrupted" : "defect"}`
})

/** Worth one more try: the service was busy or the connection broke, the request itself was fine. */
export const isTransient = (error: AiError.AiError): boolean => {
  const classified = classifyAiError(error)
  if (classified.outcome !== "failed") return false
  return classified.kind === "overloaded" || classified.kind === "rate_limited" || classified.kind === "transport" ||
    (classified.kind === "http" && (classified.status ?? 0) >= 500)
}
