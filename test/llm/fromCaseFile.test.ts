import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { decodeCaseFile } from "../../src/schemas/caseFile.ts"
import { llmTriageInputFromCaseFile } from "../../src/services/triage/llm/fromCaseFile.ts"
import { userPrompt } from "../../src/services/triage/llm/prompt.ts"

const load = (name: string) => {
  const path = fileURLToPath(new URL(`../fixtures/case-files/${name}`, import.meta.url))
  return Either.getOrThrow(decodeCaseFile(JSON.parse(readFileSync(path, "utf8"))))
}

describe("triage prompt input from a case file", () => {
  it("resolves the deal's real exam date, département and current session through the lookups", () => {
    const caseFile = load("go-cas8-deadline-missed.json")
    const dealId = caseFile.deals[0]?.id ?? null
    const input = llmTriageInputFromCaseFile(caseFile, { customerMessage: "Mon examen du 30 mars est-il maintenu ?", dealId })
    expect(input.today).toBe("2026-03-10")
    expect(input.subject).toBe("Ma date d'examen du 30 mars")
    expect(input.currentDepartment).toBe("DOC")
    expect(input.deal).toEqual({
      name: "BFS NP Samir HADDAD",
      amount: 20,
      stage: "GAGNÉ",
      evalbox: "Dossier crée",
      examDate: "2026-03-30",
      examDepartement: "75",
      sessionName: "cds-visio-VTC - 2 mars - 13 mars 2026",
      sessionType: "soir"
    })
    const prompt = userPrompt(input)
    expect(prompt).toContain("Date d'examen : 2026-03-30 (département 75)")
    expect(prompt).toContain("(cours du soir)")
  })

  it("without a selected deal the prompt says so", () => {
    const caseFile = load("go-cas8-deadline-missed.json")
    const input = llmTriageInputFromCaseFile(caseFile, { customerMessage: "Bonjour", dealId: null })
    expect(input.deal).toBeNull()
    expect(userPrompt(input)).toContain("Aucun dossier")
  })
})
