import { describe, expect, it } from "vitest"
import { Schema } from "effect"
import { timelineMatters } from "../../src/pipeline/workflow/timelineToRead.ts"
import { CrmDealNote, StoredDeal } from "../../src/schemas/crm.ts"
import { Examt3pStatus } from "../../src/schemas/examt3p.ts"

const deal = (fields: Record<string, unknown>) => Schema.decodeUnknownSync(StoredDeal)({ id: "1456177000000000101", Stage: "GAGNÉ", Amount: 20, ...fields })
const note = (content: string, dealId = "1456177000000000101") =>
  Schema.decodeUnknownSync(CrmDealNote)({
    id: "1456177000000000901", Note_Title: "Note", Note_Content: content, Created_Time: "2026-03-01T10:00:00+01:00",
    Parent_Id: { id: dealId, module: { api_name: "Deals" } }
  })
const examt3p = (value: unknown) => Schema.decodeUnknownSync(Examt3pStatus)(value)
const ok = (data: Record<string, unknown>) => examt3p({ _tag: "Ok", credentialsSource: "crm", data })

const exam = { id: "1456177000000000950", name: "75_2026-03-31" }
const dealIds = ["1456177000000000101"]

describe("timelineMatters: the timeline is read only when a rule can read it", () => {
  it("a META note on a deal the decision may work on: the memory compares with the timeline", () => {
    const input = { dealIds, deals: [deal({ Evalbox: "Dossier crée" })], examt3p: null }
    expect(timelineMatters({ ...input, notes: [note("[META] ticket=1 | sections=statut")] })).toBe(true)
    expect(timelineMatters({ ...input, notes: [note("Inscription web, pièces à relancer.")] })).toBe(false)
    expect(timelineMatters({ ...input, notes: [note("[META] ticket=1 | sections=statut", "1456177000000000199")] })).toBe(false)
  })

  it("ExamT3P answered: only a payment date (or no account) lets the exam-date helper look for a refusal", () => {
    const input = { dealIds, notes: [], deals: [deal({ Evalbox: "Dossier Synchronisé", Date_examen_VTC: exam })] }
    expect(timelineMatters({ ...input, examt3p: ok({ paiement_cma: { date: "15/01/2026", montant: 241 } }) })).toBe(true)
    expect(timelineMatters({ ...input, examt3p: ok({ compte_existe: false }) })).toBe(true)
    expect(timelineMatters({ ...input, examt3p: ok({ paiement_cma: { date: null } }) })).toBe(false)
    expect(timelineMatters({ ...input, examt3p: ok({}) })).toBe(false)
  })

  it("no ExamT3P data: a paid Evalbox with an exam date counts as paid in time, so the refusal check runs", () => {
    const noAccount = examt3p({ _tag: "NoAccount", credentialsRequestSent: false, accountCreationRequested: false })
    const down = examt3p({ _tag: "PortalDown", message: "timeout", attempts: 2 })
    for (const outcome of [null, noAccount, down]) {
      const base = { dealIds, notes: [], examt3p: outcome }
      expect(timelineMatters({ ...base, deals: [deal({ Evalbox: "VALIDE CMA", Date_examen_VTC: exam })] })).toBe(true)
      expect(timelineMatters({ ...base, deals: [deal({ Evalbox: "VALIDE CMA", Date_examen_VTC: null })] })).toBe(false)
      expect(timelineMatters({ ...base, deals: [deal({ Evalbox: "Pret a payer", Date_examen_VTC: exam })] })).toBe(false)
    }
    // a paid deal the decision cannot work on does not count
    const other = deal({ id: "1456177000000000199", Evalbox: "VALIDE CMA", Date_examen_VTC: exam })
    expect(timelineMatters({ dealIds, notes: [], examt3p: null, deals: [deal({ Evalbox: "Dossier crée" }), other] })).toBe(false)
  })
})
