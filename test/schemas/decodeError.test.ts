import { it } from "@effect/vitest"
import { Effect, Either, Exit, Schema } from "effect"
import { describe, expect } from "vitest"
import { StoredDeal } from "../../src/schemas/crm.ts"
import { DecodeProblems, decodeOrExplain, decodeOrFail, formatPath, formatProblems } from "../../src/schemas/decodeError.ts"

describe("formatPath", () => {
  it("writes object keys with dots and indexes with brackets", () => {
    expect(formatPath(["deals", 0, "Evalbox"])).toBe("deals[0].Evalbox")
    expect(formatPath([0, "id"])).toBe("[0].id")
    expect(formatPath([])).toBe("(root)")
  })
})

describe("decodeOrExplain", () => {
  const Item = Schema.Struct({ kind: Schema.Literal("a", "b"), count: Schema.optional(Schema.NullOr(Schema.Number)) })
  const List = Schema.Struct({ items: Schema.Array(Item) })

  it("returns the value when it decodes", () => {
    expect(decodeOrExplain(List)({ items: [{ kind: "a" }] })).toEqual(Either.right({ items: [{ kind: "a" }] }))
  })

  it("reports every bad field once, merging union alternatives, with the value found", () => {
    const result = decodeOrExplain(List)({ items: [{ kind: "c", count: "3" }, {}] })
    expect(Either.isLeft(result) && formatProblems(result.left)).toEqual([
      'items[0].kind: expected "a" | "b" (found: "c")',
      'items[0].count: expected number | null (found: "3")',
      "items[1].kind: is missing (found: (missing))"
    ])
  })

  it("truncates long values", () => {
    const result = decodeOrExplain(Item)({ kind: "x".repeat(500) })
    const found = Either.isLeft(result) ? (result.left[0]?.found ?? "") : ""
    expect(found.length).toBeLessThanOrEqual(121)
    expect(found.endsWith("…")).toBe(true)
  })

  it("never shows a password, at its own path or nested in a reported object", () => {
    const wrongType = decodeOrExplain(StoredDeal)({ id: "1", MDP_EVALBOX: "Secret#1" })
    const nested = decodeOrExplain(Schema.Struct({ deal: Schema.String }))({ deal: { MDP_EVALBOX: "Secret#2" } })
    expect(Either.isLeft(wrongType) && wrongType.left[0]).toMatchObject({ path: "MDP_EVALBOX", found: "(secret value hidden)" })
    expect(Either.isLeft(nested) && nested.left[0]?.found).toBe('{"MDP_EVALBOX":"(secret value hidden)"}')
    expect(JSON.stringify([wrongType, nested])).not.toMatch(/Secret#/)
  })
})

describe("decodeOrFail", () => {
  it.effect("fails with DecodeProblems naming the subject and each problem", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(decodeOrFail(StoredDeal, "deal")({ id: 7.5, Evalbox: 1 }))
      expect(Exit.isFailure(exit)).toBe(true)
      const error = yield* Effect.flip(decodeOrFail(StoredDeal, "deal")({ id: 7.5, Evalbox: 1 }))
      expect(error).toBeInstanceOf(DecodeProblems)
      expect(error.problems.map((p) => p.path)).toEqual(["id", "Evalbox"])
      expect(error.message).toContain("deal is invalid:")
      expect(error.message).toContain("Evalbox: expected string | null (found: 1)")
    })
  )

  it.effect("succeeds with the decoded value", () =>
    Effect.gen(function* () {
      const deal = yield* decodeOrFail(StoredDeal, "deal")({ id: 42, Amount: "20" })
      expect(deal).toEqual({ id: "42", Amount: "20" })
    })
  )
})
