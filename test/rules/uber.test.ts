import { describe, expect, it } from "vitest"
import { analyzeUberEligibility, isUber20DealValue, stateEngineUber } from "../../src/services/rules/uber.ts"

const today = "2026-03-10"
/** A won 20 € deal; a field given as `undefined` is left out (absent, as in a CRM answer). */
const deal = (over: Record<string, unknown>) =>
  Object.fromEntries(Object.entries({
    Stage: "GAGNÉ", Amount: 20, Date_Dossier_re_u: "2026-03-01", Date_test_selection: "2026-03-02",
    Compte_Uber: true, ELIGIBLE: true, ...over
  }).filter(([, v]) => v !== undefined))

describe("Uber cases: helper and state engine", () => {
  it.each([
    ["prospect", { Stage: "EN ATTENTE" }, "PROSPECT", "PROSPECT"],
    ["PENDING is a prospect for the helper only", { Stage: "PENDING" }, "PROSPECT", "NOT_UBER"],
    ["amount text '20'", { Amount: "20" }, "ELIGIBLE", "NOT_UBER"],
    ["amount 24.5", { Amount: 24.5 }, "ELIGIBLE", "NOT_UBER"],
    ["amount 20.0", { Amount: 20.0 }, "ELIGIBLE", "ELIGIBLE"],
    ["amount 241", { Amount: 241 }, "NOT_UBER", "NOT_UBER"],
    ["lost stage", { Stage: "PERDU" }, "NOT_UBER", "NOT_UBER"],
    ["no documents", { Date_Dossier_re_u: "" }, "A", "A"],
    ["J+4 reached, no Uber account", { Date_Dossier_re_u: "2026-03-06", Compte_Uber: false }, "D", "D"],
    ["J+3, no Uber account yet judged", { Date_Dossier_re_u: "2026-03-07", Compte_Uber: false, Date_test_selection: "" }, "B", "B"],
    ["not eligible", { ELIGIBLE: false }, "E", "E"],
    ["D before E", { Compte_Uber: false, ELIGIBLE: false }, "D", "D"],
    ["missing booleans: helper reads false, engine reads true", { Compte_Uber: undefined, ELIGIBLE: undefined }, "D", "ELIGIBLE"],
    ["test missing", { Date_test_selection: null }, "B", "B"],
    ["test not mandatory before 2025-05-20", { Date_Dossier_re_u: "2025-05-19", Date_test_selection: null }, "ELIGIBLE", "ELIGIBLE"],
    ["unreadable dossier date", { Date_Dossier_re_u: "bientôt", Compte_Uber: false, Date_test_selection: null }, "ELIGIBLE", "ELIGIBLE"],
    ["dd/mm/yyyy dossier date", { Date_Dossier_re_u: "01/03/2026", Compte_Uber: false }, "D", "D"]
  ])("%s", (_label, over, helperCase, engineCase) => {
    const d = deal(over)
    expect(analyzeUberEligibility(d, today).uber_case).toBe(helperCase)
    expect(stateEngineUber(d, today).uber_case).toBe(engineCase)
  })

  it("echoes the funnel dates only for an Uber deal", () => {
    expect(analyzeUberEligibility(deal({}), today).date_dossier_recu).toBe("2026-03-01")
    expect(analyzeUberEligibility(deal({ Amount: 1299 }), today).date_dossier_recu).toBeNull()
  })

  it("the helper's predicate returns an empty stage as is", () => {
    expect(isUber20DealValue(deal({ Stage: "" }))).toBe("")
    expect(isUber20DealValue(deal({ Stage: null }))).toBeNull()
    expect(isUber20DealValue(deal({}))).toBe(true)
  })
})

describe("typed CRM records", () => {
  it("a decoded Deals record (src/schemas/crm.ts) is accepted as it is", async () => {
    const { Schema } = await import("effect")
    const { CrmDeal } = await import("../../src/schemas/crm.ts")
    const decoded = Schema.decodeUnknownSync(CrmDeal)({
      id: "1456177001581548182", Stage: "GAGNÉ", Amount: "20", Date_Dossier_re_u: "2026-03-01",
      Date_test_selection: null, Compte_Uber: true, ELIGIBLE: true
    })
    expect(analyzeUberEligibility(decoded, today).uber_case).toBe("B")
    expect(stateEngineUber(decoded, today).uber_case).toBe("NOT_UBER")
  })
})
