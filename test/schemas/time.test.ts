import { Either, FastCheck as fc, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decodeOrExplain } from "../../src/schemas/decodeError.ts"
import { IsoInstant, todayInParis } from "../../src/schemas/time.ts"

const utcDate = (ms: number) => new Date(ms).toISOString().slice(0, 10)

describe("todayInParis", () => {
  it.each([
    ["2026-03-10T08:45:00.000Z", "2026-03-10"],
    // winter: UTC+1, so 23:30 UTC is already the next day in Paris
    ["2026-03-28T23:30:00Z", "2026-03-29"],
    ["2026-03-28T22:59:59Z", "2026-03-28"],
    // summer: UTC+2
    ["2026-07-14T21:59:59Z", "2026-07-14"],
    ["2026-07-14T22:00:00Z", "2026-07-15"],
    // the night clocks go forward (29 March 2026, 01:00 UTC)
    ["2026-03-29T00:30:00Z", "2026-03-29"],
    // offsets other than Z are honoured
    ["2026-12-31T23:30:00-05:00", "2027-01-01"],
    ["2027-01-01T00:30:00+01:00", "2027-01-01"]
  ])("%s is %s in Paris", (now, expected) => {
    expect(todayInParis(now)).toBe(expected)
  })

  it("is always the UTC date one or two hours later (Paris is UTC+1 or UTC+2)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) }), (ms) => {
        const today = todayInParis(new Date(ms).toISOString())
        expect([utcDate(ms + 3_600_000), utcDate(ms + 7_200_000)]).toContain(today)
      }),
      { numRuns: 500 }
    )
  })

  it("does not depend on the process time zone", () => {
    const before = process.env["TZ"]
    try {
      process.env["TZ"] = "America/Los_Angeles"
      expect(todayInParis("2026-03-28T23:30:00Z")).toBe("2026-03-29")
    } finally {
      if (before === undefined) delete process.env["TZ"]
      else process.env["TZ"] = before
    }
  })
})

describe("IsoInstant", () => {
  it("accepts instants with an offset and rejects local or malformed ones", () => {
    expect(Schema.is(IsoInstant)("2026-03-10T08:45:00.123Z")).toBe(true)
    expect(Schema.is(IsoInstant)("2026-03-10T09:45:00+01:00")).toBe(true)
    expect(Schema.is(IsoInstant)("2026-03-10T08:45:00")).toBe(false)
    const result = decodeOrExplain(IsoInstant)("hier")
    expect(Either.isLeft(result) && result.left[0]).toMatchObject({ path: "(root)", found: '"hier"' })
  })
})
