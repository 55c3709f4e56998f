import { describe, expect, it } from "@effect/vitest"
import { decide } from "../../src/pipeline/decide/index.ts"
import { fixture, GO, templates, validatedCandidate, type Json } from "./caseFiles.ts"

const validatedOn = (now: string, text: string, intent = "STATUT_DOSSIER") => (json: Json) => {
  validatedCandidate(json)
  json.now = now
  json.threads[0].plainText = text
  json.threads[0].content = `<div>${text}</div>`
  json.llmTriage.primary_intent = intent
}

describe("decide: MISSED_TRAINING_FORCE_MAJEURE (§8.1 FM-1)", () => {
  const hospital = "Bonjour, je n'ai pas pu suivre la formation car j'ai été hospitalisé. Que faire pour mon examen ?"

  it("missed training + exam in 12 days + force majeure → FM-1, the empathetic block only", () => {
    const d = decide(fixture(GO, validatedOn("2026-04-15T08:00:00.000Z", hospital)), templates)
    expect(d.state).toEqual({ id: "FM-1", name: "MISSED_TRAINING_FORCE_MAJEURE" })
    expect(d.reply?.sections).toContain("alert:missed_training_force_majeure")
    for (const hidden of ["status:valide_cma", "dates", "sessions", "alert:refresh_session"]) expect(d.reply?.sections).not.toContain(hidden)
    expect(d.reply?.sections.some((s) => s.startsWith("next_step:"))).toBe(false)
    expect(d.actions.filter((a) => a._tag === "UpdateDeal")).toEqual([])
  })

  it("the same message a month before the exam is no FM-1: a refresher is offered instead", () => {
    const d = decide(fixture(GO, validatedOn("2026-03-20T08:00:00.000Z", hospital)), templates)
    expect(d.state?.name).toBe("VALIDE_CMA_WAITING_CONVOC")
    expect(d.reply?.sections).toContain("alert:refresh_session")
  })

  it("exam in 12 days, course over, no force majeure → the date state with the refresher alert", () => {
    const d = decide(fixture(GO, validatedOn("2026-04-15T08:00:00.000Z", "Bonjour, où en est mon dossier ?")), templates)
    expect(d.state?.name).toBe("VALIDE_CMA_WAITING_CONVOC")
    expect(d.reply?.sections).toContain("alert:refresh_session")
    expect(d.reply?.sections).not.toContain("alert:missed_training_force_majeure")
  })
})
