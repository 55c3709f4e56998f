import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { matches, parseCriteria } from "../../src/sandbox/criteria.ts"
import { allOf, anyOf, condition } from "../../src/services/zoho/index.ts"

describe("CRM criteria in the sandbox", () => {
  it("any value escaped by the client's builder parses back to itself", () =>
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== "" && !s.endsWith("\\")), (value) => {
        const parsed = parseCriteria(condition("Email", "equals", value))
        return parsed.kind === "condition" && parsed.field === "Email" && parsed.op === "equals" && parsed.value === value
      })
    ))

  it("evaluates and/or, null, lookups, starts_with, in and comparisons", () => {
    const record = { Statut: null, Departement: 34, Name: "34_2026-03-31", Contact_Name: { name: "Sophie MARTIN", id: "77" }, Date_fin: "2026-04-02" }
    const active = anyOf(condition("Statut", "equals", "Actif"), condition("Statut", "equals", null))
    expect(matches(parseCriteria(allOf(active, condition("Departement", "equals", "34"))), record)).toBe(true)
    expect(matches(parseCriteria(allOf(active, condition("Departement", "equals", "75"))), record)).toBe(false)
    expect(matches(parseCriteria(condition("Contact_Name", "equals", "77")), record)).toBe(true)
    expect(matches(parseCriteria(condition("Name", "starts_with", "34_")), record)).toBe(true)
    expect(matches(parseCriteria("(Departement:in:75,34,93)"), record)).toBe(true)
    expect(matches(parseCriteria(allOf(condition("Date_fin", "greater_equal", "2026-04-01"), condition("Date_fin", "less_equal", "2026-04-30"))), record)).toBe(true)
    expect(matches(parseCriteria(condition("Departement", "greater_than", 100)), record)).toBe(false)
    const company = { Account_Name: "ABC Inc.", Amount: 120 }
    expect(matches(parseCriteria(condition("Account_Name", "equals", "ABC")), company)).toBe(false)
    expect(matches(parseCriteria(condition("Account_Name", "equals", "ABC")), company, { equalsContains: true })).toBe(true)
    expect(matches(parseCriteria(condition("Amount", "equals", 12)), company, { equalsContains: true })).toBe(false)
    expect(() => parseCriteria("(Email:like:x)")).toThrow(/unknown operator/)
    expect(() => parseCriteria("(Email:equals:x")).toThrow(/expected '\)'/)
  })
})
