import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { formatFrenchDate } from "../../src/services/render/index.ts"
import { findDates } from "../../src/services/render/internal/findDates.ts"

const isoArb = fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

describe("French dates", () => {
  it("formats with the weekday, '1er' and the fr month names", () => {
    expect(formatFrenchDate("2026-03-31")).toBe("mardi 31 mars 2026")
    expect(formatFrenchDate("2026-04-01")).toBe("mercredi 1er avril 2026")
    expect(formatFrenchDate("2026-08-15")).toBe("samedi 15 août 2026")
    expect(formatFrenchDate("2026-12-25")).toBe("vendredi 25 décembre 2026")
  })

  it("rejects what is not a calendar date", () => {
    for (const bad of ["", "2026-02-30", "2026-13-01", "31/03/2026", "2026-3-31"]) expect(formatFrenchDate(bad)).toBeUndefined()
  })

  it("does not depend on the process time zone", () => {
    const saved = process.env["TZ"]
    try {
      const seen = new Set<string | undefined>()
      for (const tz of ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/Sao_Paulo", "Europe/Paris", "Asia/Kolkata"]) {
        process.env["TZ"] = tz
        seen.add(`${formatFrenchDate("2026-03-29")}|${formatFrenchDate("2026-10-25")}|${formatFrenchDate("2026-01-01")}`)
      }
      expect([...seen]).toEqual(["dimanche 29 mars 2026|dimanche 25 octobre 2026|jeudi 1er janvier 2026"])
    } finally {
      if (saved === undefined) delete process.env["TZ"]
      else process.env["TZ"] = saved
    }
  })

  it("the validator reads back every date the renderer writes (property)", () => {
    fc.assert(fc.property(isoArb, (iso) => {
      const written = formatFrenchDate(iso)
      expect(written).toBeDefined()
      expect(findDates(`examen le ${written ?? ""} à 9h`).map((d) => d.iso)).toEqual([iso])
    }), { numRuns: 300 })
  })

  it("finds slashed and ISO dates and flags impossible ones", () => {
    expect(findDates("le 31/03/2026 ou le 2026-04-28").map((d) => d.iso)).toEqual(["2026-03-31", "2026-04-28"])
    expect(findDates("le 30 février 2026").map((d) => d.iso)).toEqual([undefined])
  })
})
