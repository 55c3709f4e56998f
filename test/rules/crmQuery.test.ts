import { describe, expect, it } from "vitest"
import {
  describeRequest, evaluateSearch, inMemoryReader, matchesCriteria, parseCriteria, searchAllPages, searchRequest
} from "../../src/services/rules/crmQuery.ts"

describe("criteria", () => {
  it("parses nested and/or groups", () => {
    expect(parseCriteria("(((Statut:equals:Actif)or(Statut:equals:null))and(Departement:equals:75))")).toEqual({
      _tag: "And",
      left: {
        _tag: "Or",
        left: { _tag: "Condition", field: "Statut", op: "equals", value: "Actif" },
        right: { _tag: "Condition", field: "Statut", op: "equals", value: "null" }
      },
      right: { _tag: "Condition", field: "Departement", op: "equals", value: "75" }
    })
  })

  it.each([
    [{ Statut: "Actif", Departement: "75" }, true],
    [{ Statut: null, Departement: 75 }, true],
    [{ Statut: "Inactif", Departement: "75" }, false],
    [{ Statut: "Actif", Departement: "93" }, false],
    [{ Statut: "Actif", Departement: 6 }, false]
  ])("active in 75: %j → %j", (record, expected) => {
    const c = parseCriteria("(((Statut:equals:Actif)or(Statut:equals:null))and(Departement:equals:75))")
    expect(matchesCriteria(record, c)).toBe(expected)
  })

  it("compares dates as text for greater_equal / less_equal and skips empty fields", () => {
    const c = parseCriteria("((Date_fin:greater_equal:2026-03-01)and(Date_fin:less_equal:2026-03-27))")
    expect(matchesCriteria({ Date_fin: "2026-03-01" }, c)).toBe(true)
    expect(matchesCriteria({ Date_fin: "2026-03-28" }, c)).toBe(false)
    expect(matchesCriteria({ Date_fin: null }, c)).toBe(false)
  })

  it("rejects malformed criteria", () => {
    expect(() => parseCriteria("(Statut:equals:Actif")).toThrow()
    expect(() => parseCriteria("(Statut)")).toThrow()
  })
})

describe("search paging", () => {
  const catalog = Array.from({ length: 450 }, (_, i) => ({ id: `R${i}`, Statut: "Actif" }))

  it("pages of 200 in record order, and every page until a short one", () => {
    expect(evaluateSearch(catalog, searchRequest("M", "(Statut:equals:Actif)", 3)).map((r) => r.id)).toEqual(
      catalog.slice(400).map((r) => r.id)
    )
    const crm = inMemoryReader({ M: catalog })
    const all = searchAllPages(crm, "M", "(Statut:equals:Actif)", 10)
    expect(all._tag === "Ok" ? all.value.length : -1).toBe(450)
    expect(crm.requests.map(describeRequest)).toEqual([
      "GET M/search criteria=(Statut:equals:Actif) page=1",
      "GET M/search criteria=(Statut:equals:Actif) page=2",
      "GET M/search criteria=(Statut:equals:Actif) page=3"
    ])
  })

  it("stops at the page limit", () => {
    const crm = inMemoryReader({ M: catalog })
    const two = searchAllPages(crm, "M", "(Statut:equals:Actif)", 2)
    expect(two._tag === "Ok" ? two.value.length : -1).toBe(400)
  })

  it("reports a failing CRM", () => {
    const crm = inMemoryReader({ M: catalog }, { failing: true })
    expect(searchAllPages(crm, "M", "(Statut:equals:Actif)", 10)._tag).toBe("Failed")
  })
})
