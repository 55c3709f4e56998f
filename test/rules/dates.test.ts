import { describe, expect, it } from "vitest"
import {
  addDays, daysBetween, isDateInPast, parseDateFlexible, parseDatetimeFlexible, pyIsoFormat, strptime
} from "../../src/services/rules/dates.ts"

describe("parseDateFlexible", () => {
  it.each([
    ["2026-03-31", "2026-03-31"],
    [" 2026-03-31 ", "2026-03-31"],
    ["2026-03-31T10:30:00", "2026-03-31"],
    ["2026-03-31T23:59:59+01:00", "2026-03-31"],
    ["31/03/2026", "2026-03-31"],
    ["31/3/2026", "2026-03-31"],
    ["1/3/2026", "2026-03-01"],
    ["31-03-2026", "2026-03-31"],
    ["31/03/2026 10:00", "2026-03-31"],
    ["2026-3-5", "2026-03-05"],
    ["2028-02-29", "2028-02-29"],
    ["2026-02-29", null],
    ["2026/03/31", null],
    ["N/A", null],
    ["bientôt", null],
    ["   ", null],
    ["", null],
    [null, null]
  ])("%j → %j", (input, expected) => {
    expect(parseDateFlexible(input)).toBe(expected)
  })

  it("reads a number the way Python's str() prints it", () => {
    expect(parseDateFlexible(20260331)).toBeNull()
  })
})

describe("parseDatetimeFlexible", () => {
  it.each([
    ["2026-03-31", "2026-03-31T00:00:00"],
    ["2026-03-31T10:30:00Z", "2026-03-31T10:30:00+00:00"],
    ["2026-03-31T10:30:00+01:00", "2026-03-31T10:30:00+01:00"],
    ["2026-03-31 10:30", "2026-03-31T10:30:00"],
    ["19/01/2026", "2026-01-19T00:00:00"],
    ["x", null]
  ])("%j → %j", (input, expected) => {
    const dt = parseDatetimeFlexible(input)
    expect(dt === null ? null : pyIsoFormat(dt)).toBe(expected)
  })
})

describe("strptime", () => {
  it("rejects impossible days and accepts leap days", () => {
    expect(strptime("30/02/2026", "%d/%m/%Y")).toBeUndefined()
    expect(strptime("29/02/2028", "%d/%m/%Y")?.date).toBe("2028-02-29")
  })
  it("needs the whole text to match", () => {
    expect(strptime("2026-03-31x", "%Y-%m-%d")).toBeUndefined()
  })
})

describe("calendar arithmetic", () => {
  it.each([
    ["2026-02-28", 1, "2026-03-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-03-29", 1, "2026-03-30"],
    ["2026-01-01", -1, "2025-12-31"]
  ])("%s + %i day(s) = %s", (from, days, to) => {
    expect(addDays(from, days)).toBe(to)
    expect(daysBetween(from, to)).toBe(days)
  })

  it("past is strict: today is not past", () => {
    expect(isDateInPast("2026-03-09", "2026-03-10")).toBe(true)
    expect(isDateInPast("2026-03-10", "2026-03-10")).toBe(false)
    expect(isDateInPast("garbage", "2026-03-10")).toBe(false)
    expect(isDateInPast("", "2026-03-10")).toBe(false)
  })
})
