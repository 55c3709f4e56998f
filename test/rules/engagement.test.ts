import { describe, expect, it } from "vitest"
import { canModifyExamDate, classifyEngagementLevel } from "../../src/services/rules/engagement.ts"

const today = "2026-03-10"

describe("rule B1 (canModifyExamDate)", () => {
  it.each([
    ["VALIDE CMA", "2026-03-09", false],
    ["Convoc CMA reçue", "09/03/2026", false],
    ["Convoc CMA reçue", "2026-03-09T00:00:00+01:00", false],
    ["VALIDE CMA", "2026-03-10", true],
    ["VALIDE CMA", "2026-03-11", true],
    ["VALIDE CMA", "garbage", true],
    ["VALIDE CMA", null, true],
    ["valide cma", "2026-03-09", true],
    ["Dossier Synchronisé", "2026-03-09", true],
    ["Refusé CMA", "2026-01-01", true],
    [null, "2026-01-01", true]
  ])("%j with clôture %j → %j", (evalbox, cloture, expected) => {
    expect(canModifyExamDate(evalbox, cloture, today).canModify).toBe(expected)
  })
})

describe("classifyEngagementLevel", () => {
  const account = { compte_existe: true }
  it.each([
    ["VALIDE CMA", "2026-04-01", null, 4, false, false],
    ["Convoc CMA reçue", null, account, 4, false, false],
    ["Dossier Synchronisé", "2026-03-09", null, 3, false, false],
    ["Dossier Synchronisé", "2026-03-10", null, 2, true, true],
    [" Dossier Synchronisé ", "", null, 2, true, true],
    ["Pret a payer", "2026-03-09", account, 1, true, true],
    ["Dossier créé", null, account, 1, true, true],
    ["Pret a payer", null, null, 0, true, false],
    ["Documents manquants", null, account, 0, true, false],
    [null, null, account, 0, true, false]
  ])("%j / %j / %j → level %i", (evalbox, cloture, examt3p, level, canReposition, needsCma) => {
    expect(classifyEngagementLevel(evalbox, cloture, examt3p, today)).toEqual({
      level, can_reposition: canReposition, needs_cma_message: needsCma
    })
  })
})
