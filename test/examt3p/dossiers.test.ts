import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { dossierBase, hasTeSuffix, matchDossier } from "../../src/services/examt3p/ExamT3P.ts"
import type { DossierOption } from "../../src/services/examt3p/internal/model.ts"

const options = (...nums: ReadonlyArray<string>): Array<DossierOption> => nums.map((num, i) => ({ id: 100 + i, num, selected: i === 0 }))

describe("dossier choice and the TE<n> rule", () => {
  it("recognises the re-registration suffix (upper case, digits, at the end)", () => {
    expect(hasTeSuffix("00045386TE1")).toBe(true)
    expect(hasTeSuffix("00045386TE12 ")).toBe(true)
    expect(hasTeSuffix("00045386te1")).toBe(false)
    expect(hasTeSuffix("00045386TE")).toBe(false)
    expect(hasTeSuffix("TE1-00045386")).toBe(false)
    expect(dossierBase("00045386TE3")).toBe("45386")
  })

  it("an exact match wins, leading zeros ignored", () => {
    expect(matchDossier(options("00045386", "00045386TE1"), "45386TE1")).toMatchObject({ kind: "exact", option: { num: "00045386TE1" } })
    expect(matchDossier(options("00045386", "00045386TE1"), " 00045386 ")).toMatchObject({ kind: "exact", option: { num: "00045386" } })
  })

  it("an expected TE number without exact match takes the latest registration of the same base", () => {
    expect(matchDossier(options("00045386", "00045386TE1", "00099999TE5"), "00045386TE2")).toMatchObject({
      kind: "same-base",
      option: { num: "00045386TE1" }
    })
    expect(matchDossier(options("00045386"), "00045386TE1")).toMatchObject({ kind: "same-base", option: { num: "00045386" } })
  })

  it("a number without suffix never lands on a TE dossier, and unrelated numbers match nothing", () => {
    expect(matchDossier(options("00045386TE1"), "00045386")).toEqual({ kind: "none" })
    expect(matchDossier(options("00045386", "00045386TE1"), "00011111TE1")).toEqual({ kind: "none" })
  })

  it("whatever the options, a match always shares the expected base (property)", () => {
    const num = fc.tuple(fc.integer({ min: 1, max: 999 }), fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined })).map(
      ([n, te]) => `${String(n).padStart(8, "0")}${te === undefined ? "" : `TE${te}`}`
    )
    fc.assert(
      fc.property(fc.array(num, { maxLength: 6 }), num, (nums, expected) => {
        const match = matchDossier(options(...nums), expected)
        if (match.kind === "none") return
        expect(dossierBase(match.option.num)).toBe(dossierBase(expected))
        if (match.kind === "exact") expect(match.option.num).toBe(expected)
        else expect(hasTeSuffix(expected)).toBe(true)
      })
    )
  })
})
