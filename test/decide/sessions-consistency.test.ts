import { describe, expect, it } from "@effect/vitest"
import {
  analyzeTrainingConsistency, forceMajeureInMessages, missedTrainingInMessages
} from "../../src/services/rules/trainingConsistency.ts"

const inbound = (text: string) => [{ direction: "in", plainText: text }]
const outbound = (text: string) => [{ direction: "out", plainText: text }]

describe("training/exam consistency (§1.3 step 15)", () => {
  it.each([
    ["je n'ai pas pu suivre la formation la semaine dernière", "impossibilité"],
    ["J'ai manqué la session du soir", "formation manquée"],
    ["j'étais absente à la formation lundi", "absence"],
    ["j'ai été hospitalisé en mars", "hospitalisation"],
    ["je vous joins mon certificat médical", "justificatif médical"],
    ["mon état de santé ne m'a pas permis de venir", "raison médicale"]
  ])("missed training in \"%s\" → %s", (text, reason) => {
    expect(missedTrainingInMessages(inbound(text))).toBe(reason)
  })

  it.each([
    "Bonjour, quand aura lieu mon examen ?",
    "J'ai bien suivi toute la formation, merci"
  ])("no missed training in \"%s\"", (text) => {
    expect(missedTrainingInMessages(inbound(text))).toBeNull()
  })

  it("reads only the candidate's messages, not ours", () => {
    expect(missedTrainingInMessages(outbound("vous n'avez pas pu suivre la formation"))).toBeNull()
    expect(forceMajeureInMessages(outbound("en cas de décès d'un proche"))).toBeNull()
  })

  it.each([
    ["un accident de la route", "medical"],
    ["le décès de mon père", "death"],
    ["une convocation judiciaire le même jour", "other"],
    ["rien de spécial", null]
  ] as const)("force majeure in \"%s\" → %s", (text, kind) => {
    expect(forceMajeureInMessages(inbound(text))).toBe(kind)
  })

  const today = "2026-04-15"
  it.each([
    // [exam, session end, message, issue]
    ["2026-04-27", null, "je n'ai pas pu suivre la formation", "MISSED_TRAINING_IMMINENT_EXAM"],
    ["2026-04-29", null, "je n'ai pas pu suivre la formation", "MISSED_TRAINING_IMMINENT_EXAM"],
    ["2026-04-30", null, "je n'ai pas pu suivre la formation", "MISSED_TRAINING_NEEDS_REFRESH"],
    ["2026-05-25", "2026-03-13", "bonjour", "MISSED_TRAINING_NEEDS_REFRESH"],
    ["2026-04-20", "2026-03-13", "bonjour", "MISSED_TRAINING_IMMINENT_EXAM"],
    ["2026-04-20", "2026-04-17", "bonjour", null],
    ["2026-04-10", null, "je n'ai pas pu suivre la formation", null],
    [null, "2026-03-13", "je n'ai pas pu suivre la formation", null]
  ] as const)("exam %s, course ending %s, \"%s\" → %s", (exam, end, text, issue) => {
    const c = analyzeTrainingConsistency({ threads: inbound(text), examDate: exam, sessionEnd: end, today })
    expect(c.issue_type).toBe(issue)
    expect(c.has_consistency_issue).toBe(issue !== null)
    expect(c.needs_refresh_session).toBe(issue !== null)
  })

  it("records the force majeure with the issue", () => {
    const c = analyzeTrainingConsistency({
      threads: inbound("je n'ai pas pu suivre la formation à cause d'un deuil"), examDate: "2026-04-20", sessionEnd: null, today
    })
    expect(c).toMatchObject({ issue_type: "MISSED_TRAINING_IMMINENT_EXAM", force_majeure_detected: true, force_majeure_type: "death", days_until_exam: 5 })
  })
})
