import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { b1Blocks, decide, READ_ONLY_DEAL_FIELDS, WRITABLE_DEAL_FIELDS } from "../../src/pipeline/decide/index.ts"
import type { DecisionAction } from "../../src/schemas/decision.ts"
import { todayInParis } from "../../src/schemas/time.ts"
import { decoded, fixtureJson, GO, templates, type Json } from "./caseFiles.ts"

const EVALBOX = ["Dossier crée", "Pret a payer", "Dossier Synchronisé", "VALIDE CMA", "Convoc CMA reçue", "Refusé CMA", "Documents manquants", null]
const PORTAL = ["En cours de composition", "Valide", "En attente de paiement", "En cours d'instruction", "Incomplet", ""]
const EXAMS = [
  { id: "1456177001500000330", name: "75_2026-03-30", date: "30/03/2026" },
  { id: "1456177001500000427", name: "75_2026-04-27", date: "27/04/2026" },
  { id: "1456177001500000525", name: "75_2026-05-25", date: "25/05/2026" }
]
const INTENTS = ["DEMANDE_DATE_EXAMEN", "STATUT_DOSSIER", "REPORT_DATE", "CONFIRMATION_SESSION", "DEMANDE_CONVOCATION", "QUESTION_GENERALE"]

const arbitraryCase = fc.record({
  evalbox: fc.constantFrom(...EVALBOX),
  portal: fc.constantFrom(...PORTAL),
  exam: fc.option(fc.constantFrom(...EXAMS), { nil: null }),
  portalExam: fc.constantFrom(...EXAMS),
  day: fc.integer({ min: 0, max: 80 }),
  intent: fc.constantFrom(...INTENTS),
  portalState: fc.constantFrom("Ok", "NoAccount", "LoginFailed"),
  hasSession: fc.boolean()
}).map((g) => {
  const json: Json = fixtureJson(GO)
  const now = new Date(Date.UTC(2026, 1, 10, 9, 0) + g.day * 86_400_000).toISOString()
  json.now = now
  const deal = json.deals[0]
  deal.Evalbox = g.evalbox
  deal.Date_examen_VTC = g.exam === null ? null : { name: g.exam.name, id: g.exam.id }
  if (!g.hasSession) deal.Session = null
  json.llmTriage.primary_intent = g.intent
  json.examt3p = g.portalState === "Ok"
    ? { ...json.examt3p, data: { ...json.examt3p.data, statut_dossier: g.portal, date_examen: g.portalExam.date, examens: { date: g.portalExam.date } } }
    : g.portalState === "NoAccount"
      ? { _tag: "NoAccount", credentialsRequestSent: false, accountCreationRequested: false }
      : { _tag: "LoginFailed", identifiant: "x@example.fr", credentialsSource: "crm", message: "Identifiants invalides" }
  return { json, generated: g }
})

const dealUpdates = (actions: ReadonlyArray<DecisionAction>) =>
  actions.filter((a): a is Extract<DecisionAction, { _tag: "UpdateDeal" }> => a._tag === "UpdateDeal")

describe("decide: properties", () => {
  it("is deterministic: the same case file gives the same decision", () => {
    fc.assert(fc.property(arbitraryCase, ({ json }) => {
      const first = decide(decoded(json), templates)
      const second = decide(decoded(structuredClone(json)), templates)
      expect(second).toEqual(first)
    }), { numRuns: 60 })
  })

  it("never plans a Date_examen_VTC change that rule B1 forbids", () => {
    let blockedSeen = 0
    fc.assert(fc.property(arbitraryCase, ({ json, generated }) => {
      const cf = decoded(json)
      const cloture = generated.exam === null ? null : cf.examDates.find((r) => r.id === generated.exam?.id)?.Date_Cloture_Inscription ?? null
      const forbidden = b1Blocks({ evalbox: generated.evalbox, cloture, today: todayInParis(cf.now) })
      if (forbidden) blockedSeen++
      const d = decide(cf, templates)
      if (forbidden) {
        for (const update of dealUpdates(d.actions)) expect(Object.keys(update.payload)).not.toContain("Date_examen_VTC")
      }
    }), { numRuns: 150 })
    expect(blockedSeen).toBeGreaterThan(0)
  })

  it("every planned CRM update names only writable fields", () => {
    let updatesSeen = 0
    fc.assert(fc.property(arbitraryCase, ({ json }) => {
      const d = decide(decoded(json), templates)
      for (const update of dealUpdates(d.actions)) {
        updatesSeen++
        for (const field of Object.keys(update.payload)) {
          expect(WRITABLE_DEAL_FIELDS.has(field)).toBe(true)
          expect(READ_ONLY_DEAL_FIELDS.has(field)).toBe(false)
        }
      }
    }), { numRuns: 100 })
    expect(updatesSeen).toBeGreaterThan(0)
  })

  it("a drafted reply always passed the validator; an unvalidated reply is never drafted", () => {
    fc.assert(fc.property(arbitraryCase, ({ json }) => {
      const d = decide(decoded(json), templates)
      const drafted = d.actions.some((a) => a._tag === "CreateDraft")
      if (drafted) expect(d.reply?.validation.ok).toBe(true)
      if (d.reply !== null && !d.reply.validation.ok) expect(drafted).toBe(false)
    }), { numRuns: 60 })
  })
})
