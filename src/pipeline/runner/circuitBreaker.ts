/**
 * The runner's circuit breaker, as a pure state machine (no clock, no I/O: the consumer passes
 * `now`). It tells a systemic failure from a ticket's own failure, so that the runner pauses
 * instead of dead-lettering every ticket:
 *
 * - an authentication error, a configuration error or an exhausted daily budget opens it at once,
 *   with no end: only an operator's `docflow resume` closes it (`reset`);
 * - the same failure on `sameErrorThreshold` tickets in a row opens it for `coolDownMs`; after
 *   that one probe ticket runs alone (half-open): a success closes it, a failure opens it again.
 */

/** What kind of failure a ticket's run ended with. */
export type FailureKind = "auth" | "config" | "budget" | "ticket"

export interface Failure {
  readonly kind: FailureKind
  /** Failures with the same key count as "the same error" (e.g. the reason without the ticket id). */
  readonly key: string
  readonly message: string
}

export type BreakerState =
  | { readonly _tag: "Closed"; readonly streakKey: string | null; readonly streak: number }
  | { readonly _tag: "Open"; readonly cause: Failure; readonly openedAt: number; readonly until: number | null }
  | { readonly _tag: "HalfOpen"; readonly cause: Failure; readonly probing: boolean }

export interface BreakerSettings {
  readonly sameErrorThreshold: number
  readonly coolDownMs: number
}

export const closed: BreakerState = { _tag: "Closed", streakKey: null, streak: 0 }

/** What the consumer does with a ticket the breaker has just seen fail. */
export interface Verdict {
  readonly state: BreakerState
  /** True when this failure opened the breaker (the consumer pauses the runner and says why). */
  readonly opened: boolean
  /** True while the breaker is open: the ticket is released for later, never dead-lettered. */
  readonly hold: boolean
}

const systemic = (kind: FailureKind): boolean => kind !== "ticket"

export const onSuccess = (state: BreakerState): BreakerState => (state._tag === "Open" ? state : closed)

export const onFailure = (state: BreakerState, failure: Failure, now: number, settings: BreakerSettings): Verdict => {
  // A ticket that was already in flight when the breaker opened: held back too.
  if (state._tag === "Open") return { state, opened: false, hold: true }
  const open = (until: number | null): Verdict => ({ state: { _tag: "Open", cause: failure, openedAt: now, until }, opened: true, hold: true })
  if (systemic(failure.kind)) return open(null)
  if (state._tag === "HalfOpen") return open(now + settings.coolDownMs)
  const streak = state.streakKey === failure.key ? state.streak + 1 : 1
  if (streak >= Math.max(1, settings.sameErrorThreshold)) return open(now + settings.coolDownMs)
  return { state: { _tag: "Closed", streakKey: failure.key, streak }, opened: false, hold: false }
}

/** Whether a new ticket may be taken now; moves an Open breaker whose cool-down is over to HalfOpen. */
export const admit = (state: BreakerState, now: number): { readonly state: BreakerState; readonly allowed: boolean } => {
  switch (state._tag) {
    case "Closed":
      return { state, allowed: true }
    case "Open":
      if (state.until !== null && now >= state.until) return { state: { _tag: "HalfOpen", cause: state.cause, probing: true }, allowed: true }
      return { state, allowed: false }
    case "HalfOpen":
      // One probe at a time: the next ticket waits for the probe's result.
      return state.probing ? { state, allowed: false } : { state: { ...state, probing: true }, allowed: true }
  }
}

/** The operator resumed the runner. */
export const reset = (): BreakerState => closed

const AUTH = /Unauthorized|INVALID_TOKEN|invalid_client|invalid_code|AUTHENTICATION_FAILURE|OAUTH_SCOPE_MISMATCH|HTTP 401/i
const BUDGET = /daily|LIMIT_REACHED|API_LIMIT|budget|quota/i
const CONFIG = /UnresolvedSecret|configuration|not configured|missing setting/i

/**
 * Sorts a failure from its workflow reason (`ZohoUnavailable`, `UnresolvedSecret`, …) and its
 * message (which carries the Zoho reason and code, never a secret).
 */
export const classify = (reason: string, message: string): Failure => {
  const text = `${reason} ${message}`
  const kind: FailureKind = CONFIG.test(text)
    ? "config"
    : AUTH.test(text)
      ? "auth"
      : /RateLimited|HTTP 429|TOO_MANY_REQUESTS/.test(text) && BUDGET.test(text)
        ? "budget"
        : "ticket"
  // Ticket ids and record ids differ from ticket to ticket; the rest of the message is "the error".
  const key = `${reason}: ${message.replace(/\d{6,}/g, "#")}`
  return { kind, key, message }
}

export const describe = (state: BreakerState): string => {
  switch (state._tag) {
    case "Closed":
      return "fermé"
    case "Open":
      return state.until === null
        ? `ouvert (${state.cause.kind}) : ${state.cause.message} — reprise : docflow resume`
        : `ouvert (${state.cause.kind}) : ${state.cause.message} — essai d'un ticket à ${new Date(state.until).toISOString()}`
    case "HalfOpen":
      return `semi-ouvert : un ticket d'essai après « ${state.cause.message} »`
  }
}
