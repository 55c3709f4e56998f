import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { readFileSync } from "node:fs"
import { decodeCaseFile } from "../../src/schemas/caseFile.ts"
import { DecisionTriage } from "../../src/schemas/decision.ts"
import { toDecisionTriage, triageCaseOf } from "../../src/services/triage/caseFile.ts"
import { runTriage } from "../../src/services/triage/Triage.ts"

const load = (name: string) => {
  const decoded = decodeCaseFile(JSON.parse(readFileSync(new URL(`../fixtures/case-files/${name}.json`, import.meta.url), "utf8")))
  if (Either.isLeft(decoded)) throw new Error(JSON.stringify(decoded.left))
  return decoded.right
}

describe("triage over recorded case files", () => {
  it("two won Uber deals, the old one already examined → DUPLICATE_UBER on the recent deal", () => {
    const result = runTriage(triageCaseOf(load("duplicate-uber-two-won-deals")))
    expect(result.decision).toMatchObject({ action: "DUPLICATE_UBER", method: "duplicate_detection", classificationMethod: "offline_rules" })
    expect(result.linking.duplicates.duplicateType).toBe("TRUE_DUPLICATE")
    expect(result.linking.selectedDeal?.id).toBe("1456177001590000203")
  })

  it("a recorded LLM result is consumed: GO on the cf_opportunite deal", () => {
    const result = runTriage(triageCaseOf(load("go-cas8-deadline-missed")))
    expect(result.decision).toMatchObject({
      action: "GO", classificationMethod: "ai", primaryIntent: "DEMANDE_DATE_EXAMEN", secondaryIntents: ["DEMANDE_CONVOCATION"], selectedDealId: "1456177001590000101"
    })
    expect(result.linking.linkSource).toBe("cf_opportunite")
    expect(result.decision.context.communication_mode).toBe("verification")
  })

  it("documents for a classic (non-Uber) training → DOCS CAB", () => {
    const result = runTriage(triageCaseOf(load("route-docs-cab-non-uber-documents")))
    expect(result.decision).toMatchObject({ action: "ROUTE", targetDepartment: "DOCS CAB", method: "business_rules_routing" })
  })

  it("the decision's triage block satisfies the shared schema", () => {
    for (const name of ["duplicate-uber-two-won-deals", "go-cas8-deadline-missed", "route-docs-cab-non-uber-documents"]) {
      const block = toDecisionTriage(runTriage(triageCaseOf(load(name))).decision)
      expect(Schema.is(DecisionTriage)(block)).toBe(true)
    }
  })
})
