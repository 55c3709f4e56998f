import type { LlmTriageInput } from "../../../src/services/triage/llm/input.ts"

const template = "Bonjour,<br>Examen le 16/03/2027 à 8h30, frais 241 €, voir https://www.exament3p.fr.<br>Bien cordialement"

export const DENO_CASES: ReadonlyArray<{ readonly template: string; readonly rewrite: string }> = [
  { template, rewrite: template },
  { template, rewrite: template.replace("16/03/2027", "bientôt") },
  { template, rewrite: template.replace("241 €", "242 €").replace("8h30", "9h") }
]

export const DENO_INPUT: LlmTriageInput = {
  today: "2026-11-25",
  subject: "Convocation",
  customerMessage: "Bonjour, je n'ai toujours pas reçu ma convocation.",
  currentDepartment: "DOC",
  deal: null,
  conversationSummary: "",
  dealJourney: "",
  agentHint: ""
}
