import { describe, expect, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { classifyOffline } from "../../src/services/triage/classifier/classify.ts"
import { runTriage } from "../../src/services/triage/Triage.ts"
import { DENO_TEXTS, DENO_TRIAGE_CASE } from "./support/denoCases.ts"

const root = fileURLToPath(new URL("../..", import.meta.url))

describe("triage and linking are pure", () => {
  it("give the same results under Deno, without any permission, as under Node", () => {
    const out = execFileSync(`${root}node_modules/.bin/deno`, ["run", "--quiet", "--no-prompt", "test/triage/support/triage-under-deno.ts"], {
      cwd: root, encoding: "utf8", timeout: 120_000
    })
    const result = runTriage(DENO_TRIAGE_CASE)
    const expected = {
      intents: DENO_TEXTS.map((message) => classifyOffline({ subject: "", message, today: "2026-03-10" }).contract.primary_intent),
      action: result.decision.action,
      method: result.decision.method,
      deal: result.linking.selectedDeal?.id ?? null
    }
    expect(expected).toEqual({ intents: ["DEMANDE_CONVOCATION", "REPORT_DATE", "REMERCIEMENT"], action: "ROUTE", method: "business_rules_routing", deal: "d1" })
    expect(JSON.parse(out.trim())).toEqual(expected)
  }, 150_000)
})
