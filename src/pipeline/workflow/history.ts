/**
 * What a ticket's own events say before a new run starts: the next sequence number, the inbound
 * thread its last finished live run answered, which actions are confirmed and which were requested
 * without a known outcome (to reconcile against Zoho). A pure fold.
 */
import type { StoredEvent } from "../../services/store/Store.ts"
import type { ActionKind, JsonObject } from "../../schemas/events.ts"
import { contentHash } from "./markers.ts"

export interface UnconfirmedAction {
  readonly key: string
  readonly kind: ActionKind
  readonly target: string
  readonly action: JsonObject
}

export interface TicketHistory {
  readonly nextSeq: number
  /** Newest inbound thread id the last finished live run decided on; undefined when none finished. */
  readonly answeredInbound: string | null | undefined
  readonly finishedRuns: number
  /** Live runs that failed since the last finished one. */
  readonly failedAttempts: number
  /** Keys of live actions known to be done (succeeded, or found by reconciliation). */
  readonly confirmed: ReadonlySet<string>
  /** Live actions requested whose success was never recorded, oldest first. */
  readonly unconfirmed: ReadonlyArray<UnconfirmedAction>
  /** Content hashes of every draft docflow asked for on this ticket (recognises its own drafts). */
  readonly draftHashes: ReadonlySet<string>
}

const isObject = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === "object" && u !== null && !Array.isArray(u)

/** The newest inbound thread id of a recorded case file (JSON), null when it has none. */
export const newestInboundOf = (caseFile: JsonObject): string | null => {
  const threads = caseFile["threads"]
  if (!Array.isArray(threads)) return null
  let best: { id: string; at: string } | null = null
  for (const t of threads) {
    if (!isObject(t) || t["direction"] !== "in" || typeof t["id"] !== "string") continue
    const at = typeof t["createdTime"] === "string" ? t["createdTime"] : ""
    if (best === null || at > best.at) best = { id: t["id"], at }
  }
  return best?.id ?? null
}

export const foldHistory = (events: ReadonlyArray<StoredEvent>): TicketHistory => {
  let nextSeq = 0
  let answeredInbound: string | null | undefined = undefined
  let finishedRuns = 0
  let failedAttempts = 0
  const inboundByRun = new Map<string, string | null>()
  const confirmed = new Set<string>()
  const requested = new Map<string, UnconfirmedAction>()
  const draftHashes = new Set<string>()
  for (const { event } of events) {
    nextSeq = Math.max(nextSeq, event.ticketSeq + 1)
    if (event.payload.mode !== "live") continue
    switch (event.type) {
      case "CaseGathered":
        inboundByRun.set(event.runId, newestInboundOf(event.payload.caseFile))
        break
      case "ActionRequested":
        requested.set(event.payload.idempotencyKey, {
          key: event.payload.idempotencyKey,
          kind: event.payload.kind,
          target: event.payload.target,
          action: event.payload.action
        })
        if (event.payload.kind === "CreateDraft") {
          const payload = event.payload.action["payload"]
          if (isObject(payload) && typeof payload["content"] === "string") draftHashes.add(contentHash(payload["content"]))
        }
        break
      case "ActionSucceeded":
        confirmed.add(event.payload.idempotencyKey)
        break
      case "TicketCompleted":
      case "TicketStopped":
        finishedRuns += 1
        answeredInbound = inboundByRun.get(event.runId) ?? null
        failedAttempts = 0
        break
      case "TicketFailed":
        failedAttempts += 1
        break
      default:
        break
    }
  }
  return {
    nextSeq,
    answeredInbound,
    finishedRuns,
    failedAttempts,
    confirmed,
    unconfirmed: [...requested.values()].filter((r) => !confirmed.has(r.key)),
    draftHashes
  }
}

/** A ticket is due when it never finished, or when the candidate wrote after the answered thread. */
export const isDue = (history: TicketHistory, newestInbound: string | null): boolean =>
  history.answeredInbound === undefined || history.answeredInbound !== newestInbound
