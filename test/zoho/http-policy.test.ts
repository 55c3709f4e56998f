import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import * as fc from "fast-check"
import { backoffDelay, defaultRetryPolicy } from "../../src/services/zoho/index.ts"
import { parseRetryAfter } from "../../src/services/zoho/internal/responses.ts"
import { setup } from "./support.ts"

const draftFor = (from: string) => ({
  channel: "EMAIL" as const,
  content: "<p>Bonjour</p>",
  contentType: "html" as const,
  fromEmailAddress: from
})

describe("HTTP policy", () => {
  it("backoff is exponential with jitter, within [half, full] of the capped step", () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        const step = Math.min(defaultRetryPolicy.maxDelayMs, defaultRetryPolicy.baseDelayMs * 2 ** (attempt - 1))
        const delay = backoffDelay(defaultRetryPolicy, attempt, random)
        return delay >= Math.floor(step / 2) && delay <= step
      })
    ))

  it("Retry-After is read as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("3", 0)).toBe(3000)
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000)
    expect(parseRetryAfter("soon", 0)).toBeUndefined()
    expect(parseRetryAfter(undefined, 0)).toBeUndefined()
  })

  it.live("idempotent calls succeed through injected 429s, 500s, timeouts and malformed JSON", () =>
    Effect.gen(function* () {
      const { desk, crm, budget, sandbox } = yield* setup(
        { knobs: { faults: { rateLimited: 0.15, serverError: 0.15, timeout: 0.05, malformedJson: 0.1 }, timeoutHoldMs: 5_000, retryAfterSeconds: 0, seed: 11 } },
        // Generous enough for a loaded machine; the injected timeouts hold far longer.
        { requestTimeoutMs: 1_500, retry: { maxAttempts: 10 } }
      )
      const tickets = sandbox.world.tickets.map((t) => String(t["id"]))
      const deals = (sandbox.world.crm["Deals"] ?? []).map((d) => String(d["id"]))
      const got = yield* Effect.all(
        [
          Effect.forEach(tickets, (id) => desk.getTicket(id), { concurrency: 4 }),
          Effect.forEach(tickets, (id) => desk.listThreads(id), { concurrency: 4 }),
          Effect.forEach(deals, (id) => crm.getDeal(id), { concurrency: 4 }),
          Effect.forEach(deals, (id) => crm.dealNotes(id), { concurrency: 4 })
        ],
        { concurrency: 2 }
      )
      expect(got[0].map((t) => t.id)).toEqual(tickets)
      expect(got[2].map((d) => d.id)).toEqual(deals)
      const stats = yield* sandbox.stats
      const usage = yield* budget.snapshot
      const injected = Object.values(stats.injected).reduce((a, b) => a + b, 0)
      expect(injected).toBeGreaterThan(3)
      expect(usage.desk.retries + usage.crm.retries).toBeGreaterThanOrEqual(injected)
      // Every request the sandbox saw was counted (an attempt aborted before it arrived is counted too).
      expect(usage.desk.calls).toBeGreaterThanOrEqual((yield* sandbox.requests).filter((r) => r.path.startsWith("/api/")).length)
      expect(usage.desk.calls).toBeGreaterThan(tickets.length * 2)
    }).pipe(Effect.scoped)
  )

  it.live("a draft answered 500 after it was applied is not retried: one write, outcome unknown", () =>
    Effect.gen(function* () {
      const { desk, sandbox } = yield* setup({ knobs: { faults: { serverError: 1 } } })
      const ticket = String(sandbox.world.tickets[0]?.["id"])
      const result = yield* Effect.either(desk.createDraftReply(ticket, draftFor(sandbox.world.fromAddresses[0] ?? "")))
      expect(Either.isLeft(result) && [result.left.reason, result.left.outcomeUnknown]).toEqual(["Server", true])
      expect((yield* sandbox.writes).map((w) => w.kind)).toEqual(["draft"])
      expect((yield* sandbox.requests).filter((r) => r.method === "POST" && !r.path.startsWith("/oauth"))).toHaveLength(1)
      // The caller reconciles: the draft is there.
      yield* sandbox.setKnobs({ faults: { serverError: 0 } })
      expect(yield* desk.listDrafts(ticket)).toHaveLength(1)
    }).pipe(Effect.scoped)
  )

  it.live("a comment that times out and a note answered with broken JSON are not retried either", () =>
    Effect.gen(function* () {
      const { desk, crm, sandbox } = yield* setup({ knobs: { faults: { timeout: 1 }, timeoutHoldMs: 4_000 } }, { requestTimeoutMs: 1_000 })
      const ticket = String(sandbox.world.tickets[0]?.["id"])
      const comment = yield* Effect.either(desk.addPrivateComment(ticket, "note interne"))
      expect(Either.isLeft(comment) && [comment.left.reason, comment.left.outcomeUnknown]).toEqual(["Network", true])
      yield* sandbox.setKnobs({ faults: { timeout: 0, malformedJson: 1 } })
      const dealId = String(sandbox.world.crm["Deals"]?.[0]?.["id"])
      const note = yield* Effect.either(crm.createDealNote(dealId, "t", "c"))
      expect(Either.isLeft(note) && [note.left.reason, note.left.code, note.left.outcomeUnknown]).toEqual(["Decode", "MALFORMED_JSON", true])
      expect((yield* sandbox.writes).map((w) => w.kind)).toEqual(["comment", "note"])
      expect((yield* sandbox.requests).filter((r) => r.method === "POST" && !r.path.startsWith("/oauth"))).toHaveLength(2)
    }).pipe(Effect.scoped)
  )

  it.live("a 429 on a draft is retried (nothing was applied) and the draft is created once", () =>
    Effect.gen(function* () {
      const { desk, sandbox } = yield* setup({ knobs: { faults: { rateLimited: 0.6 }, retryAfterSeconds: 0, seed: 3 } }, { retry: { maxAttempts: 20 } })
      const ticket = String(sandbox.world.tickets[0]?.["id"])
      yield* desk.createDraftReply(ticket, draftFor(sandbox.world.fromAddresses[0] ?? ""))
      const posts = (yield* sandbox.requests).filter((r) => r.method === "POST" && !r.path.startsWith("/oauth")).map((r) => r.status)
      expect(posts.length).toBeGreaterThan(1)
      expect(posts.at(-1)).toBe(200)
      expect((yield* sandbox.writes).map((w) => w.kind)).toEqual(["draft"])
    }).pipe(Effect.scoped)
  )

  it.live("Retry-After is honoured, and a wait beyond the retry-time cap fails at once", () =>
    Effect.gen(function* () {
      const { desk, sandbox } = yield* setup({ knobs: { faults: { rateLimited: 1 }, retryAfterSeconds: 1 } }, { retry: { maxAttempts: 2 } })
      const ticket = String(sandbox.world.tickets[0]?.["id"])
      const started = Date.now()
      const slow = yield* Effect.either(desk.getTicket(ticket))
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000)
      expect(Either.isLeft(slow) && [slow.left.reason, slow.left.retryAfterMs]).toEqual(["RateLimited", 1_000])
      const capped = yield* setup({ knobs: { faults: { rateLimited: 1 }, retryAfterSeconds: 60 } }, { retry: { maxTotalMs: 5_000 } })
      const before = Date.now()
      const refused = yield* Effect.either(capped.desk.getTicket(ticket))
      expect(Either.isLeft(refused) && refused.left.reason).toBe("RateLimited")
      // Waiting would have taken 60 s; the cap (5 s) makes the call fail after one attempt.
      expect(Date.now() - before).toBeLessThan(5_000)
      expect((yield* capped.sandbox.requests).filter((r) => r.path.startsWith("/api/"))).toHaveLength(1)
    }).pipe(Effect.scoped)
  )

  it.live("when the token cannot be had, a draft was never sent: it is retried and not reported as ambiguous", () =>
    Effect.gen(function* () {
      // Port 9 (discard) on loopback: nothing listens, the token request is refused.
      const { desk, budget, sandbox } = yield* setup({}, { accountsUrl: "http://127.0.0.1:9", retry: { maxAttempts: 3 } })
      const ticket = String(sandbox.world.tickets[0]?.["id"])
      const result = yield* Effect.either(desk.createDraftReply(ticket, draftFor(sandbox.world.fromAddresses[0] ?? "")))
      expect(Either.isLeft(result) && [result.left.reason, result.left.api, result.left.outcomeUnknown]).toEqual(["Network", "accounts", false])
      expect((yield* budget.snapshot).accounts.calls).toBe(3)
      expect(yield* sandbox.writes).toEqual([])
    }).pipe(Effect.scoped)
  )

  it.live("client errors are not retried", () =>
    Effect.gen(function* () {
      const { desk, budget } = yield* setup()
      const missing = yield* Effect.either(desk.getTicket("42"))
      expect(Either.isLeft(missing) && missing.left.reason).toBe("NotFound")
      const usage = yield* budget.snapshot
      expect([usage.desk.calls, usage.desk.retries, usage.desk.failures.NotFound]).toEqual([1, 0, 1])
    }).pipe(Effect.scoped)
  )

  it.live("the limiter keeps a burst within the sandbox's Zoho-like budget; without it the sandbox answers 429", () =>
    Effect.gen(function* () {
      const budgets = { desk: { concurrency: 2, requestsPerSecond: 6 }, crm: null }
      const unlimited = yield* setup({ knobs: { budgets, retryAfterSeconds: 0 } })
      const tickets = unlimited.sandbox.world.tickets.map((t) => String(t["id"]))
      yield* Effect.forEach([...tickets, ...tickets], (id) => Effect.either(unlimited.desk.getTicket(id)), { concurrency: "unbounded" })
      expect((yield* unlimited.sandbox.stats).budgetRejections).toBeGreaterThan(0)
      expect((yield* unlimited.budget.snapshot).desk.retries).toBeGreaterThan(0)
      const limited = yield* setup({ knobs: { budgets } }, { limits: { desk: { requestsPerSecond: 4, concurrency: 2 }, crm: "off" } })
      yield* Effect.forEach([...tickets, ...tickets], (id) => limited.desk.getTicket(id), { concurrency: "unbounded" })
      expect((yield* limited.sandbox.stats).budgetRejections).toBe(0)
      expect((yield* limited.budget.snapshot).desk.calls).toBe(16)
    }).pipe(Effect.scoped)
  )
})
