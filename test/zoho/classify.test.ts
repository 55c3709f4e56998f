import { describe, expect, it } from "vitest"
import { Either } from "effect"
import * as fc from "fast-check"
import { classify } from "../../src/services/zoho/internal/responses.ts"
import { emptyTokenCache, recentRefreshes, usableToken, withoutToken, withRefresh, withToken } from "../../src/services/zoho/internal/tokenCache.ts"

const call = (write: boolean) => ({ api: "crm" as const, operation: "crm.test", write })

describe("response classification", () => {
  it("maps every status to a reason; only writes hit by a 5xx have an unknown outcome", () =>
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), fc.boolean(), (status, write) => {
        const result = classify(call(write), { status, retryAfterHeader: undefined, text: "" }, 0)
        if (Either.isRight(result)) return false
        const e = result.left
        const expected =
          status === 429 ? "RateLimited" : status === 401 || status === 403 ? "Unauthorized" : status === 404 ? "NotFound" : status >= 500 ? "Server" : "Invalid"
        return e.reason === expected && (e.outcomeUnknown === true) === (write && status >= 500)
      })
    ))

  it("reads Zoho's codes and retry hints from both error shapes", () => {
    const crm = classify(call(false), { status: 429, retryAfterHeader: undefined, text: JSON.stringify({ code: "TOO_MANY_REQUESTS", details: { retry_after: 60 }, message: "slow down", status: "error" }) }, 0)
    expect(Either.isLeft(crm) && [crm.left.reason, crm.left.code, crm.left.retryAfterMs]).toEqual(["RateLimited", "TOO_MANY_REQUESTS", 60_000])
    const desk = classify(call(false), { status: 400, retryAfterHeader: "5", text: JSON.stringify({ errorCode: "THRESHOLD_EXCEEDED", message: "credits" }) }, 0)
    expect(Either.isLeft(desk) && [desk.left.reason, desk.left.code, desk.left.retryAfterMs]).toEqual(["RateLimited", "THRESHOLD_EXCEEDED", 5_000])
    const exhausted = classify(call(false), { status: 400, retryAfterHeader: undefined, text: JSON.stringify({ errorCode: "THRESHOLD_EXCEEDED" }) }, 0)
    expect(Either.isLeft(exhausted) && exhausted.left.retryAfterMs).toBe(3_600_000)
    const empty = classify(call(false), { status: 204, retryAfterHeader: undefined, text: "" }, 0)
    expect(empty).toEqual(Either.right({ status: 204, body: undefined }))
    const broken = classify(call(true), { status: 200, retryAfterHeader: undefined, text: "{\"data\":[" }, 0)
    expect(Either.isLeft(broken) && [broken.left.reason, broken.left.code, broken.left.outcomeUnknown]).toEqual(["Decode", "MALFORMED_JSON", true])
  })
})

describe("token cache file (pure part)", () => {
  it("a token is usable until `margin` before expiry, and only a matching token is dropped", () => {
    const file = withToken(emptyTokenCache, "k", { accessToken: "t1", expiresAt: 10_000 })
    expect(usableToken(file, "k", 4_999, 5_000)._tag).toBe("Some")
    expect(usableToken(file, "k", 5_000, 5_000)._tag).toBe("None")
    expect(withoutToken(file, "k", "other")).toBe(file)
    expect(withoutToken(file, "k", "t1").entries).toEqual({})
  })

  it("counts only the refreshes inside the window", () =>
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2_000_000 }), { maxLength: 30 }), fc.integer({ min: 0, max: 2_000_000 }), (times, now) => {
        const sorted = [...times].sort((a, b) => a - b)
        const file = sorted.reduce((f, t) => withRefresh(f, "k", t, 600_000), emptyTokenCache)
        const counted = recentRefreshes(file, "k", now, 600_000)
        return counted.every((t) => t > now - 600_000) && counted.length <= sorted.length
      })
    ))
})
