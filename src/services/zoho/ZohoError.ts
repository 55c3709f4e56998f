import { Data } from "effect"

/** Which Zoho endpoint family a call went to. */
export type ZohoApi = "accounts" | "desk" | "crm"

export type ZohoErrorReason =
  | "RateLimited"
  | "Unauthorized"
  | "NotFound"
  | "Invalid"
  | "Server"
  | "Network"
  | "Decode"

/**
 * Every failure of a Zoho call. The fields never carry a token, a secret or a URL with a query
 * string: `detail` is built from status codes, Zoho error codes and field paths only.
 *
 * `outcomeUnknown` is true when the request may have been applied by Zoho even though no success
 * came back (a 5xx, a timeout or a broken connection on a write): the caller must reconcile
 * (look for the draft, the comment, the note) before trying again.
 */
export class ZohoError extends Data.TaggedError("ZohoError")<{
  readonly reason: ZohoErrorReason
  readonly api: ZohoApi
  readonly operation: string
  readonly status?: number
  /** Zoho's own error code (`errorCode` on Desk, `code` on CRM, `error` on accounts). */
  readonly code?: string
  readonly detail: string
  readonly retryAfterMs?: number
  readonly outcomeUnknown?: boolean
  /** Which record of a CRM batch failed, when the error is record-level. */
  readonly recordId?: string
}> {
  override get message(): string {
    const status = this.status === undefined ? "" : ` HTTP ${this.status}`
    const code = this.code === undefined ? "" : ` ${this.code}`
    const record = this.recordId === undefined ? "" : ` record ${this.recordId}`
    return `${this.api} ${this.operation}: ${this.reason}${status}${code}${record} — ${this.detail}`
  }
}

/** `code` of a Decode error whose body was not JSON at all (a broken response, worth a retry). */
export const MALFORMED_JSON = "MALFORMED_JSON"

/** The failures a retry may cure, when the call is safe to repeat. */
export const isTransient = (e: ZohoError): boolean =>
  e.reason === "RateLimited" || e.reason === "Server" || e.reason === "Network" ||
  (e.reason === "Decode" && e.code === MALFORMED_JSON)
