import { describe, expect, it } from "vitest"
import fc from "fast-check"
import * as B from "../../src/pipeline/runner/circuitBreaker.ts"

const settings: B.BreakerSettings = { sameErrorThreshold: 3, coolDownMs: 1_000 }
const ticket = (key: string): B.Failure => ({ kind: "ticket", key, message: key })

describe("circuit breaker: classification", () => {
  it.each([
    ["ZohoUnavailable", "accounts token: Unauthorized HTTP 400 invalid_code — refresh refused", "auth"],
    ["ZohoUnavailable", "desk desk.getTicket: Unauthorized HTTP 401 INVALID_OAUTHTOKEN — token rejected", "auth"],
    ["UnresolvedSecret", "ExamT3P password for deal 123 cannot be resolved", "config"],
    ["ZohoUnavailable", "crm crm.searchDeals: RateLimited HTTP 429 LIMIT_REACHED — daily API limit reached", "budget"],
    ["ZohoUnavailable", "desk desk.getTicket: RateLimited HTTP 429 TOO_MANY_REQUESTS — slow down", "ticket"],
    ["ZohoUnavailable", "desk desk.getTicket: Server HTTP 500 — boom", "ticket"],
    ["InvalidDecision", "field X", "ticket"]
  ])("%s / %s → %s", (reason, message, kind) => {
    expect(B.classify(reason, message).kind).toBe(kind)
  })

  it("two tickets with the same failure apart from their ids have the same key", () => {
    const a = B.classify("ZohoUnavailable", "crm getDeal: NotFound record 198709000031234567 — gone")
    const b = B.classify("ZohoUnavailable", "crm getDeal: NotFound record 198709000039999999 — gone")
    expect(a.key).toBe(b.key)
    expect(B.classify("ZohoUnavailable", "desk listThreads: Server HTTP 502 — x").key).not.toBe(a.key)
  })
})

describe("circuit breaker: transitions", () => {
  it("opens at once, with no end, on an auth, config or budget failure; only reset closes it", () => {
    for (const kind of ["auth", "config", "budget"] as const) {
      const verdict = B.onFailure(B.closed, { kind, key: kind, message: kind }, 10, settings)
      expect(verdict.opened).toBe(true)
      expect(verdict.state).toMatchObject({ _tag: "Open", until: null })
      expect(B.admit(verdict.state, 10 + 1e9).allowed).toBe(false)
      // A ticket in flight when it opened and failing after: held back as well, never dead-lettered.
      expect(B.onFailure(verdict.state, ticket("other"), 20, settings)).toMatchObject({ opened: false, hold: true })
      expect(B.admit(B.reset(), 10 + 1e9).allowed).toBe(true)
    }
  })

  it("opens on the K-th same failure in a row, after a cool-down lets one probe through, closes on its success", () => {
    let state = B.closed
    for (let i = 1; i < settings.sameErrorThreshold; i++) {
      const v = B.onFailure(state, ticket("same"), i, settings)
      expect(v.opened).toBe(false)
      state = v.state
    }
    const v = B.onFailure(state, ticket("same"), 100, settings)
    expect(v.opened).toBe(true)
    expect(B.admit(v.state, 100 + settings.coolDownMs - 1).allowed).toBe(false)
    const probe = B.admit(v.state, 100 + settings.coolDownMs)
    expect(probe.allowed).toBe(true)
    expect(B.admit(probe.state, 100 + settings.coolDownMs).allowed).toBe(false)
    expect(B.onSuccess(probe.state)).toEqual(B.closed)
  })

  it("a failing probe opens it again for another cool-down", () => {
    const open = B.onFailure(B.closed, { kind: "ticket", key: "x", message: "x" }, 0, { ...settings, sameErrorThreshold: 1 }).state
    const probing = B.admit(open, settings.coolDownMs).state
    const again = B.onFailure(probing, ticket("other"), 5_000, settings)
    expect(again.opened).toBe(true)
    expect(again.state).toMatchObject({ _tag: "Open", until: 5_000 + settings.coolDownMs })
  })

  it("never opens while ordinary failures do not repeat K times in a row (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant<"ok">("ok"), fc.constantFrom("a", "b", "c")), { maxLength: 60 }), (steps) => {
        let state = B.closed
        let run = 0
        let last: string | null = null
        let expectedOpen = false
        for (const [i, step] of steps.entries()) {
          if (state._tag !== "Closed") break
          if (step === "ok") {
            state = B.onSuccess(state)
            run = 0
            last = null
            continue
          }
          run = step === last ? run + 1 : 1
          last = step
          const v = B.onFailure(state, ticket(step), i, settings)
          state = v.state
          expectedOpen = run >= settings.sameErrorThreshold
          expect(v.opened).toBe(expectedOpen)
          expect(v.hold).toBe(expectedOpen)
        }
        return true
      })
    )
  })
})
