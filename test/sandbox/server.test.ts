import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { fixedWorld, startSandbox } from "../../src/sandbox/index.ts"
import { deskHeaders, raw, tokenFor } from "./support.ts"

describe("Zoho sandbox server", () => {
  it("builds the same world from the same seed, and another from another seed", () => {
    expect(fixedWorld({ tickets: 5, seed: 9 })).toEqual(fixedWorld({ tickets: 5, seed: 9 }))
    expect(fixedWorld({ tickets: 5, seed: 9 }).tickets[0]?.["id"]).not.toBe(fixedWorld({ tickets: 5, seed: 10 }).tickets[0]?.["id"])
    expect(fixedWorld({ tickets: 12 }).tickets).toHaveLength(12)
  })

  it.live("answers unknown tokens with 401 in each API's own error shape, and checks the Desk orgId", () =>
    Effect.gen(function* () {
      const sandbox = yield* Effect.orDie(startSandbox())
      const desk = yield* raw(sandbox, "GET", "/api/v1/tickets", { headers: { authorization: "Zoho-oauthtoken nope", orgId: sandbox.world.orgId } })
      expect([desk.status, JSON.parse(desk.text).errorCode]).toEqual([401, "INVALID_OAUTH"])
      const crm = yield* raw(sandbox, "GET", "/crm/v8/Deals/1", { headers: { authorization: "Zoho-oauthtoken nope" } })
      expect([crm.status, JSON.parse(crm.text).code]).toEqual([401, "INVALID_TOKEN"])
      const token = yield* tokenFor(sandbox)
      const noOrg = yield* raw(sandbox, "GET", "/api/v1/tickets", { headers: { authorization: `Zoho-oauthtoken ${token}` } })
      expect(noOrg.status).toBe(400)
      const byQuery = yield* raw(sandbox, "GET", `/api/v1/departments?orgId=${sandbox.world.orgId}`, { headers: { authorization: `Zoho-oauthtoken ${token}` } })
      expect(byQuery.status).toBe(200)
    }).pipe(Effect.scoped)
  )

  it.live("keeps only the 10 newest tokens of a refresh token, like Zoho", () =>
    Effect.gen(function* () {
      const sandbox = yield* Effect.orDie(startSandbox({ knobs: { refreshLimit: { count: 20, windowMs: 600_000 } } }))
      const tokens: Array<string> = []
      for (let i = 0; i < 11; i++) tokens.push(yield* tokenFor(sandbox))
      const oldest = yield* raw(sandbox, "GET", "/api/v1/departments", { headers: deskHeaders(sandbox, tokens[0] ?? "") })
      const newest = yield* raw(sandbox, "GET", "/api/v1/departments", { headers: deskHeaders(sandbox, tokens[10] ?? "") })
      expect([oldest.status, newest.status]).toEqual([401, 200])
    }).pipe(Effect.scoped)
  )

  it.live("lists writes with their ids at /_sandbox/writes, and knobs can be changed over HTTP", () =>
    Effect.gen(function* () {
      const sandbox = yield* Effect.orDie(startSandbox())
      const token = yield* tokenFor(sandbox)
      const ticket = String(sandbox.world.tickets[0]?.["id"])
      const dealId = String(sandbox.world.crm["Deals"]?.[0]?.["id"])
      const headers = deskHeaders(sandbox, token)
      expect((yield* raw(sandbox, "POST", `/api/v1/tickets/${ticket}/comments`, { headers, body: { content: "x", isPublic: false } })).status).toBe(200)
      const put = yield* raw(sandbox, "PUT", `/crm/v8/Deals/${dealId}`, { headers: { authorization: `Zoho-oauthtoken ${token}` }, body: { data: [{ Stage: "PERDU" }] } })
      expect(put.status).toBe(200)
      const writes = JSON.parse((yield* raw(sandbox, "GET", "/_sandbox/writes")).text) as { writes: Array<{ kind: string; ticketId?: string; recordId?: string }> }
      expect(writes.writes.map((w) => [w.kind, w.ticketId ?? w.recordId])).toEqual([["comment", ticket], ["crmUpdate", dealId]])
      const changed = yield* raw(sandbox, "POST", "/_sandbox/knobs", { body: { faults: { serverError: 1 } } })
      expect(JSON.parse(changed.text).faults).toEqual({ rateLimited: 0, serverError: 1, timeout: 0, malformedJson: 0 })
      const failing = yield* raw(sandbox, "GET", "/api/v1/departments", { headers })
      expect([failing.status, JSON.parse(failing.text).errorCode]).toEqual([500, "INTERNAL_SERVER_ERROR"])
      yield* sandbox.setKnobs({ faults: { serverError: 0, malformedJson: 1 } })
      const broken = yield* raw(sandbox, "GET", "/api/v1/departments", { headers })
      expect(broken.status).toBe(200)
      expect(() => JSON.parse(broken.text)).toThrow()
      yield* sandbox.setKnobs({ faults: { malformedJson: 0, rateLimited: 1 }, retryAfterSeconds: 7 })
      const throttled = yield* raw(sandbox, "GET", `/crm/v8/Deals/${dealId}`, { headers: { authorization: `Zoho-oauthtoken ${token}` } })
      expect([throttled.status, throttled.headers.get("retry-after"), JSON.parse(throttled.text).details.retry_after]).toEqual([429, "7", 7])
      expect((yield* sandbox.stats).injected).toEqual({ serverError: 1, malformedJson: 1, rateLimited: 1 })
    }).pipe(Effect.scoped)
  )

  it.live("applies latency and enforces the concurrency budget", () =>
    Effect.gen(function* () {
      const sandbox = yield* Effect.orDie(
        startSandbox({ knobs: { latency: { minMs: 1_000, maxMs: 1_200, tailRate: 0, tailMs: 0 }, budgets: { desk: { concurrency: 2, requestsPerSecond: 100 }, crm: null } } })
      )
      const headers = deskHeaders(sandbox, yield* tokenFor(sandbox))
      const started = Date.now()
      const answers = yield* Effect.all(Array.from({ length: 5 }, () => raw(sandbox, "GET", "/api/v1/departments", { headers })), { concurrency: "unbounded" })
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000)
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 429, 429, 429])
    }).pipe(Effect.scoped)
  )

  it.live("a timeout fault holds the request, then drops the connection", () =>
    Effect.gen(function* () {
      const sandbox = yield* Effect.orDie(startSandbox({ knobs: { faults: { timeout: 1 }, timeoutHoldMs: 300 } }))
      const headers = deskHeaders(sandbox, yield* tokenFor(sandbox))
      const started = Date.now()
      const result = yield* Effect.either(Effect.tryPromise(() => fetch(`${sandbox.deskUrl}/departments`, { headers })))
      expect(result._tag).toBe("Left")
      expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    }).pipe(Effect.scoped)
  )
})
