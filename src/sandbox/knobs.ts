/** How the sandbox misbehaves. Every rate is a probability per API request (accounts excluded). */
export interface SandboxKnobs {
  /** Latency: uniform in [minMs, maxMs], and with probability `tailRate` a slow `tailMs` instead. */
  readonly latency: { readonly minMs: number; readonly maxMs: number; readonly tailRate: number; readonly tailMs: number }
  readonly faults: {
    readonly rateLimited: number
    readonly serverError: number
    readonly timeout: number
    readonly malformedJson: number
  }
  /** Sent as `Retry-After` (and `details.retry_after` on CRM) with every 429. */
  readonly retryAfterSeconds: number
  /** A "timeout" fault holds the request this long, then drops the connection. */
  readonly timeoutHoldMs: number
  /**
   * When true, a write hit by a 500, a timeout or malformed JSON is applied first: the client
   * cannot tell whether it happened (Zoho's worst case).
   */
  readonly faultsAfterWrite: boolean
  /** Zoho-like budgets per API; a call beyond them gets 429 TOO_MANY_REQUESTS. */
  readonly budgets: {
    readonly desk: { readonly concurrency: number; readonly requestsPerSecond: number } | null
    readonly crm: { readonly concurrency: number; readonly requestsPerSecond: number } | null
  }
  readonly tokenTtlSeconds: number
  readonly refreshLimit: { readonly count: number; readonly windowMs: number }
  /** Desk truncates thread bodies longer than this in `GET …/threads/{id}`. */
  readonly truncateThreadsAt: number
  /** Emulate Zoho's search quirk: `equals` on a text field matches as "contains" (`equals:ABC` finds "ABC Inc."). */
  readonly searchEqualsContains: boolean
  /** Seed of the fault dice, so a faulty run can be replayed. */
  readonly seed: number
}

export const calmKnobs: SandboxKnobs = {
  latency: { minMs: 0, maxMs: 0, tailRate: 0, tailMs: 0 },
  faults: { rateLimited: 0, serverError: 0, timeout: 0, malformedJson: 0 },
  retryAfterSeconds: 1,
  timeoutHoldMs: 60_000,
  faultsAfterWrite: true,
  budgets: { desk: null, crm: null },
  tokenTtlSeconds: 3600,
  refreshLimit: { count: 10, windowMs: 10 * 60_000 },
  truncateThreadsAt: 2_000,
  searchEqualsContains: false,
  seed: 7
}

export type KnobsPatch = {
  readonly [K in keyof SandboxKnobs]?: SandboxKnobs[K] extends object ? Partial<SandboxKnobs[K]> : SandboxKnobs[K]
}

/** Merges a partial change (as sent to `POST /_sandbox/knobs`) into the current knobs. */
export const mergeKnobs = (current: SandboxKnobs, patch: KnobsPatch): SandboxKnobs => {
  const out: Record<string, unknown> = { ...current }
  for (const [key, value] of Object.entries(patch)) {
    const before = (current as unknown as Record<string, unknown>)[key]
    out[key] =
      value !== null && typeof value === "object" && before !== null && typeof before === "object" ? { ...before, ...value } : value
  }
  return out as unknown as SandboxKnobs
}
