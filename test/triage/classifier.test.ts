import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { classifyOffline, CONFIDENCE_THRESHOLD } from "../../src/services/triage/classifier/classify.ts"
import { buildIntentContext, sessionPreference } from "../../src/services/triage/classifier/context.ts"
import type { Intent } from "../../src/services/triage/classifier/intents.ts"
import { intentCues } from "../../src/services/triage/classifier/patterns.ts"
import { extractCustomerMessage } from "../../src/services/triage/message/customerMessage.ts"
import { heldOut } from "./fixtures/heldOut.ts"
import { labelled as firstRound, type Labelled } from "./fixtures/labelled.ts"
import { secondRound } from "./fixtures/secondRound.ts"
import { threadsOf } from "./fixtures/wrapLabelled.ts"

const today = "2026-03-10"
const labelled: ReadonlyArray<Labelled> = [...firstRound, ...secondRound]

const classify = (example: Labelled) =>
  classifyOffline({
    subject: example.subject ?? "",
    message: extractCustomerMessage(threadsOf(example)).text,
    today,
    assignedExamDate: example.assigned
  })

const agreement = (examples: ReadonlyArray<Labelled>) => {
  const misses = examples
    .map((example) => ({ example, got: classify(example).contract.primary_intent }))
    .filter(({ example, got }) => got !== example.intent)
  return { agreed: examples.length - misses.length, total: examples.length, misses }
}

const percent = (agreed: number, total: number) => `${((100 * agreed) / total).toFixed(1)} %`

describe("offline classifier agreement on labelled French tickets", () => {
  it("covers every intent it knows with at least five examples", () => {
    const known = new Set<string>(intentCues.map(([label]) => label).filter((label) => label !== "ASK_EXAM_DATE"))
    for (const extra of ["DEMANDE_DATE_EXAMEN", "DEMANDE_DATES_FUTURES", "FORCE_MAJEURE_REPORT", "REMERCIEMENT", "QUESTION_GENERALE"]) known.add(extra)
    const counts = new Map<string, number>()
    for (const example of labelled) counts.set(example.intent, (counts.get(example.intent) ?? 0) + 1)
    const under = [...known].filter((intent) => (counts.get(intent) ?? 0) < 5)
    expect(under).toEqual([])
  })

  it("tuning set: primary-intent agreement", () => {
    const { agreed, total, misses } = agreement(labelled)
    console.log(`[classifier] tuning set agreement: ${agreed}/${total} = ${percent(agreed, total)}`)
    expect(misses.map(({ example, got }) => `${example.intent} → ${got}: ${example.message}`)).toEqual([])
  })

  it("held-out set (never used for tuning): agreement and confident mistakes", () => {
    const { agreed, total, misses } = agreement(heldOut)
    const confidentWrong = misses.filter(({ got }) => got !== "QUESTION_GENERALE")
    console.log(`[classifier] held-out agreement: ${agreed}/${total} = ${percent(agreed, total)}; confident mistakes: ${confidentWrong.length}`)
    for (const { example, got } of misses) console.log(`  miss: ${example.intent} → ${got} | ${example.message}`)
    expect(agreed / total).toBeGreaterThanOrEqual(0.85)
    expect(confidentWrong.length).toBeLessThanOrEqual(3)
  })
})

describe("context rules", () => {
  it("DEMANDE_DATE_EXAMEN with an assigned date, DEMANDE_DATES_FUTURES without", () => {
    const input = { subject: "", message: "Bonjour, quelle est la date de mon examen ?", today }
    expect(classifyOffline({ ...input, assignedExamDate: "2026-04-28" }).contract.primary_intent).toBe("DEMANDE_DATE_EXAMEN")
    expect(classifyOffline(input).contract.primary_intent).toBe("DEMANDE_DATES_FUTURES")
  })

  it("a report to a month before the assigned one is an earlier-date wish (R7)", () => {
    const message = "Je voudrais reporter mon examen en avril"
    expect(classifyOffline({ subject: "", message, today, assignedExamDate: "2026-06-30" }).contract.primary_intent).toBe("DEMANDE_DATE_PLUS_TOT")
    expect(classifyOffline({ subject: "", message, today, assignedExamDate: "2026-03-31" }).contract.primary_intent).toBe("REPORT_DATE")
  })

  it("below the threshold: general intent, no secondary intents, human flagged", () => {
    const result = classifyOffline({ subject: "", message: "J'ai une facture.", today })
    expect(result.contract.confidence).toBeLessThan(CONFIDENCE_THRESHOLD)
    expect(result.contract.primary_intent).toBe("QUESTION_GENERALE")
    expect(result.contract.secondary_intents).toEqual([])
    expect(result.needsHuman).toBe(true)
  })

  it("reports secondary intents when a message carries two requests", () => {
    const result = classifyOffline({ subject: "", message: "Bonjour, je n'ai pas reçu ma convocation. Et je voudrais aussi une attestation de formation.", today })
    expect([result.contract.primary_intent, ...result.contract.secondary_intents].sort()).toEqual(["DEMANDE_CERTIFICAT_FORMATION", "DEMANDE_CONVOCATION"])
  })

  it("property: the classifier never routes nor stops a ticket", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 60 }), (message, subject) => {
        const contract = classifyOffline({ subject, message, today }).contract
        expect(contract.action).toBe("GO")
        expect(contract.target_department).toBeNull()
        expect(contract.confidence).toBeGreaterThanOrEqual(0)
        expect(contract.confidence).toBeLessThanOrEqual(1)
      }),
      { numRuns: 300 }
    )
  })
})

describe("intent_context extraction", () => {
  const context = (text: string) => buildIntentContext(text, today)

  it.each<readonly [string, "jour" | "soir" | null]>([
    ["je suis disponible de 9h-18h", "jour"],
    ["plutôt le soir après le travail", "soir"],
    ["horaires 18h30 - 22h", "soir"],
    ["en journée de préférence", "jour"],
    ["cours du jour ou du soir, peu importe", null],
    ["aucune préférence", null]
  ])("session preference: %s → %s", (text, expected) => {
    expect(sessionPreference(text)).toBe(expected)
  })

  it("force majeure types and details", () => {
    expect(context("Mon père est décédé hier. Je dois reporter.")).toMatchObject({ mentions_force_majeure: true, force_majeure_type: "death", force_majeure_details: "Mon père est décédé hier" })
    expect(context("Je suis hospitalisée").force_majeure_type).toBe("medical")
    expect(context("j'ai eu un accident de scooter").force_majeure_type).toBe("accident")
    expect(context("pas de mode de garde pour mon fils").force_majeure_type).toBe("childcare")
    expect(context("je voudrais reporter").mentions_force_majeure).toBe(false)
  })

  it("confirmed exam date, requested month and location", () => {
    expect(context("Je confirme le 28 avril pour l'examen").confirmed_new_exam_date).toBe("2026-04-28")
    expect(context("Je confirme le 2 février").confirmed_new_exam_date).toBe("2027-02-02")
    expect(context("Le 28 avril ? je ne sais pas").confirmed_new_exam_date).toBeNull()
    expect(context("une date fin avril à Montpellier svp")).toMatchObject({ requested_month: 4, requested_location: "Montpellier", requested_dept_code: "34" })
    expect(context("passer l'examen dans le 93").requested_dept_code).toBe("93")
    expect(context("je confirme la session du 13 avril au 24 avril").confirmed_session_dates).toBe("13/04/2026-24/04/2026")
    expect(context("ok pour du 13 au 24 avril").confirmed_session_dates).toBe("13/04/2026-24/04/2026")
    const asked = context("je voudrais une formation du soir du 13 au 24 avril")
    expect(asked.confirmed_session_dates).toBeNull()
    expect(asked.requested_training_dates).toMatchObject({ start_date: "2026-04-13", end_date: "2026-04-24", month: 4, is_range: true, inferred_preference: "soir" })
  })

  it.each<readonly [string, string]>([
    ["Je me permets de vous relancer, toujours pas de réponse", "follow_up"],
    ["Vous m'avez dit le 31 mars, pourtant le site indique avril", "clarification"],
    ["Pouvez-vous me confirmer que c'est bien le 31 mars ?", "verification"],
    ["Je voudrais une date en mai", "request"]
  ])("communication mode: %s → %s", (text, mode) => {
    expect(context(text).communication_mode).toBe(mode)
  })

  it("complaint, earlier date, urgency, cancellation reason, contact info", () => {
    const ctx = context("C'est inadmissible ! Je veux avancer mon examen au plus vite. Joignable au 06 11 22 33 44 ou a.b@gmail.com")
    expect(ctx).toMatchObject({ is_complaint: true, wants_earlier_date: true, is_urgent: true, provided_contact_info: { email: "a.b@gmail.com", phone: "06 11 22 33 44" } })
    expect(context("c'est une arnaque, remboursez-moi").cancellation_reason).toBe("contestation")
    expect(context("j'ai changé d'avis, je veux me rétracter").cancellation_reason).toBe("retractation")
  })

  it("every labelled intent text yields a context that satisfies the contract schema", async () => {
    const { Schema } = await import("effect")
    const { IntentContext } = await import("../../src/services/triage/contract.ts")
    const intents = new Set<Intent>()
    for (const example of labelled) {
      const ctx = classify(example).contract.intent_context
      expect(Schema.is(IntentContext)(ctx)).toBe(true)
      intents.add(example.intent)
    }
    expect(intents.size).toBeGreaterThan(45)
  })
})
