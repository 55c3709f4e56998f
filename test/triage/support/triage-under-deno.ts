// Run by test/triage/deno.test.ts with `deno run` and NO permissions: triage and deal linking are
// pure code and must need no Node API.
import { classifyOffline } from "../../../src/services/triage/classifier/classify.ts"
import { runTriage } from "../../../src/services/triage/Triage.ts"
import { DENO_TRIAGE_CASE, DENO_TEXTS } from "./denoCases.ts"

const intents = DENO_TEXTS.map((message) => classifyOffline({ subject: "", message, today: "2026-03-10" }).contract.primary_intent)
const result = runTriage(DENO_TRIAGE_CASE)
console.log(JSON.stringify({ intents, action: result.decision.action, method: result.decision.method, deal: result.linking.selectedDeal?.id ?? null }))
