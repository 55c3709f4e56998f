import { describe, expect, it } from "@effect/vitest"
import { decideContext } from "../../src/pipeline/decide/context.ts"
import { chosenProposedDate } from "../../src/pipeline/decide/dateChoice.ts"
import { dealStops } from "../../src/pipeline/decide/decide.ts"
import { decide } from "../../src/pipeline/decide/index.ts"
import { triageCaseOf } from "../../src/services/triage/caseFile.ts"
import { runTriage } from "../../src/services/triage/Triage.ts"
import type { Decision, DecisionAction } from "../../src/schemas/decision.ts"
import { fixture, GO, ROUTE, templates, type Json } from "./caseFiles.ts"

const ofTag = <T extends DecisionAction["_tag"]>(d: Decision, tag: T) =>
  d.actions.filter((a): a is Extract<DecisionAction, { _tag: T }> => a._tag === tag)

const message = (json: Json, text: string, intent?: string) => {
  json.threads[0].content = `<div>${text}</div>`
  json.threads[0].plainText = text
  json.threads[0].summary = text
  if (intent !== undefined) {
    json.llmTriage.primary_intent = intent
    json.llmTriage.secondary_intents = []
  }
}

describe("decide: analysis-stage writes are applied before state detection", () => {
  it("CAS 2 auto-report: the deal copy moves to the next open date, the state and the reply see it", () => {
    const d = decide(fixture(GO, (j) => {
      j.now = "2026-04-05T08:00:00.000Z"
      j.threads[0].createdTime = "2026-04-05T07:00:00.000Z"
      j.llmTriage.primary_intent = "STATUT_DOSSIER"
      j.llmTriage.secondary_intents = []
    }), templates)
    expect(d.dateCase.helper).toBe(2)
    expect(d.state?.name).toBe("EXAM_DATE_ASSIGNED_WAITING")
    expect(ofTag(d, "UpdateDeal").map((u) => u.payload)).toEqual([{ Date_examen_VTC: "1456177001500000525" }])
    expect(d.reply?.text).toContain("repositionné sur l'examen du lundi 25 mai 2026")
  })

  it("CAS 2 without an ExamT3P account: no automatic change (§5.4)", () => {
    const d = decide(fixture(GO, (j) => {
      j.now = "2026-04-05T08:00:00.000Z"
      j.examt3p = { _tag: "NoAccount", credentialsRequestSent: false, accountCreationRequested: false }
    }), templates)
    expect(d.dateCase.helper).toBe(2)
    expect(ofTag(d, "UpdateDeal")).toEqual([])
    expect(d.state?.name).toBe("EXAM_DATE_PAST_NOT_VALIDATED")
  })

  it("ExamT3P → CRM sync: the new status is planned and the state is detected on it", () => {
    const d = decide(fixture(GO, (j) => {
      j.examt3p.data.statut_dossier = "En cours d'instruction"
      j.llmTriage.primary_intent = "STATUT_DOSSIER"
    }), templates)
    const sync = ofTag(d, "UpdateDeal").find((u) => u.idempotencyKey.endsWith(":examt3p_sync"))
    expect(sync?.payload.Evalbox).toBe("Dossier Synchronisé")
    expect(d.state?.name).toBe("DOSSIER_SYNCHRONIZED")
    expect(ofTag(d, "AddDealNote")[0]?.payload.Note_Content).toContain("- Evalbox: Dossier crée → Dossier Synchronisé")
  })

  it("a finished dossier keeps its exam date (no CAS 8 rescheduling)", () => {
    const d = decide(fixture(GO, (j) => { j.deals[0].Resultat = "ADMIS" }), templates)
    expect(ofTag(d, "UpdateDeal").some((u) => "Date_examen_VTC" in u.payload)).toBe(false)
  })
})

describe("decide: stops after triage and analysis", () => {
  const nonUber = (text: string, intent: string) => fixture(GO, (j) => {
    j.deals[0].Amount = 1299
    j.deals[0].Deal_Name = "VTC CLASSIQUE Samir HADDAD"
    message(j, text, intent)
  })

  it("non-Uber won deal: the triage's business rules route it before the analysis", () => {
    for (const [text, intent, department] of [
      ["Bonjour, voici mes documents. Samir", "TRANSMET_DOCUMENTS", "DOCS CAB"],
      ["Bonjour, où en est mon dossier ?", "STATUT_DOSSIER", "Contact"]
    ] as const) {
      const d = decide(nonUber(text, intent), templates)
      expect(d.stage).toBe("STOPPED_AT_TRIAGE")
      expect(ofTag(d, "MoveTicket")[0]?.payload.departmentName).toBe(department)
      expect(ofTag(d, "CreateDraft")).toEqual([])
    }
  })

  it("non-Uber won deal reaching the analysis: documents → acknowledgement + DOCS CAB; other → STOPPED_CONTACT without reply (D3)", () => {
    const stopFor = (text: string, intent: string) => {
      const cf = nonUber(text, intent)
      const triage = runTriage(triageCaseOf(cf))
      const go = { ...triage, decision: { ...triage.decision, action: "GO" as const, notes: [] } }
      return dealStops(decideContext(cf, {}), go, cf.deals[0])
    }
    const docs = stopFor("Bonjour, voici mes documents. Samir", "TRANSMET_DOCUMENTS")
    expect(docs?.stage).toBe("STOPPED_DOCS_CAB")
    expect(docs?.actions.map((a) => a._tag)).toEqual(["CreateDraft", "UpdateTicketFields", "MoveTicket"])
    expect(docs?.reply?.text).toContain("Bonjour Samir")
    const other = stopFor("Bonjour, où en est mon dossier ?", "STATUT_DOSSIER")
    expect(other?.stage).toBe("STOPPED_CONTACT")
    expect(other?.reply).toBeNull()
    expect(other?.actions).toEqual([expect.objectContaining({ _tag: "MoveTicket", payload: { departmentName: "Contact" } })])
  })

  it("no linked deal → STOPPED_NO_DEAL with one internal note, not repeated", () => {
    const cf = fixture(GO)
    const triage = runTriage(triageCaseOf(cf))
    const stop = dealStops(decideContext(cf, {}), triage, undefined)
    expect(stop?.stage).toBe("STOPPED_NO_DEAL")
    expect(stop?.actions.map((a) => a._tag)).toEqual(["AddTicketComment"])
    const again = fixture(GO, (j) => {
      j.comments = [{ id: "1", content: "WORKFLOW STOPPÉ — aucune opportunité", isPublic: false, commentedTime: "2026-03-09T19:00:00.000Z" }]
    })
    expect(dealStops(decideContext(again, {}), runTriage(triageCaseOf(again)), undefined)?.actions).toEqual([])
  })

  it("cancellation asked again after our 'non-refundable' answer → escalated, no draft", () => {
    const d = decide(fixture(GO, (j) => {
      j.threads[1].plainText = "Bonjour Samir, l'inscription de 20 € est non remboursable : l'offre vaut plus de 700 €. L'équipe CAB Formations"
      message(j, "Je veux annuler mon inscription et être remboursé.", "DEMANDE_ANNULATION")
    }), templates)
    expect(d.stage).toBe("ESCALATED_ANNULATION_INSISTENCE")
    expect(ofTag(d, "UpdateTicketFields")[0]?.payload).toEqual({ priority: "High", assigneeId: "198709000096599317" })
    expect(ofTag(d, "CreateDraft")).toEqual([])
  })

  it("cancellation asked again in a new ticket (previous META intent) → escalated; accepting the answer is not", () => {
    const previousMeta = (j: Json) => {
      j.dealNotes[0].Note_Content = "[META] ticket=1 | ts=2026-02-24T11:15 | state=EXAM_DATE_ASSIGNED_WAITING | intent=DEMANDE_ANNULATION | sections=annulation,paiement"
    }
    const insists = decide(fixture(GO, (j) => { previousMeta(j); message(j, "J'insiste, annulez mon inscription.", "DEMANDE_ANNULATION") }), templates)
    expect(insists.stage).toBe("ESCALATED_ANNULATION_INSISTENCE")
    expect(ofTag(insists, "AddTicketComment")[0]?.payload.content).toContain("frais CMA sont déjà payés")
    const accepts = decide(fixture(GO, (j) => { previousMeta(j); message(j, "D'accord, je comprends, je garde mon inscription mais je voulais annuler.", "DEMANDE_ANNULATION") }), templates)
    expect(accepts.stage).not.toBe("ESCALATED_ANNULATION_INSISTENCE")
  })

  it("ExamT3P unreachable → no automatic reply, a person takes over", () => {
    const d = decide(fixture(GO, (j) => { j.examt3p = { _tag: "PortalDown", message: "timeout", attempts: 3 } }), templates)
    expect(d.state?.name).toBe("EXAMT3P_DOWN")
    expect(d.stage).toBe("STOPPED_AT_SCENARIO")
    expect(ofTag(d, "CreateDraft")).toEqual([])
  })

  it("the routed fixture moves the ticket and keeps the routing context note", () => {
    const d = decide(fixture(ROUTE), templates)
    expect(ofTag(d, "AddTicketComment")[0]?.payload).toMatchObject({ isPublic: false })
    expect(ofTag(d, "MoveTicket")[0]?.target).toBe(d.actions[0]?.target)
  })
})

describe("decide: STEP 5 exam-date choices", () => {
  const records = fixture(GO).examDates
  it("exactly one proposed date named in the message is the choice", () => {
    const proposed = records.filter((r) => r.Date_Examen !== "2026-03-30")
    expect(chosenProposedDate("Je choisis le 27 avril, merci", proposed, "2026-03-10")?.id).toBe("1456177001500000427")
    expect(chosenProposedDate("ok pour le 25/05/2026", proposed, "2026-03-10")?.id).toBe("1456177001500000525")
    expect(chosenProposedDate("le 27 avril ou le 25 mai", proposed, "2026-03-10")).toBeNull()
    expect(chosenProposedDate("le 27 avril", proposed, "2026-04-03")).toBeNull() // clôture reached
  })

  const reportTo = (j: Json, confirmed: string) => {
    message(j, "Je voudrais décaler mon examen au 27 avril.", "REPORT_DATE")
    j.llmTriage.intent_context = { ...j.llmTriage.intent_context, confirmed_new_exam_date: confirmed }
  }

  it("a confirmed date that exists for the département is written in STEP 5", () => {
    const d = decide(fixture(GO, (j) => { j.now = "2026-02-20T09:00:00.000Z"; j.threads[0].createdTime = "2026-02-20T08:00:00.000Z"; reportTo(j, "2026-04-27") }), templates)
    expect(d.actions.some((a) => a._tag === "UpdateDeal" && a.payload.Date_examen_VTC === "1456177001500000427")).toBe(true)
    expect(d.templateVars.confirmed_exam_date).toBe("2026-04-27")
  })

  it("a confirmed date that does not exist is flagged, nothing is written", () => {
    const d = decide(fixture(GO, (j) => { j.now = "2026-02-20T09:00:00.000Z"; j.threads[0].createdTime = "2026-02-20T08:00:00.000Z"; reportTo(j, "2026-04-20") }), templates)
    expect(d.actions.some((a) => a._tag === "UpdateDeal" && "Date_examen_VTC" in a.payload)).toBe(false)
    expect(d.templateVars.confirmed_exam_date_unavailable).toBe(true)
  })

  it("rule B1 drops a confirmed date for a validated dossier whose clôture is past", () => {
    const d = decide(fixture(GO, (j) => {
      j.deals[0].Evalbox = "VALIDE CMA"
      j.examt3p.data.statut_dossier = "Valide"
      reportTo(j, "2026-04-27")
    }), templates)
    expect(d.actions.some((a) => a._tag === "UpdateDeal" && "Date_examen_VTC" in a.payload)).toBe(false)
    expect(d.templateVars.report_bloque).toBe(true)
    const note = d.actions.find((a) => a._tag === "AddDealNote")
    expect(note?._tag === "AddDealNote" && note.payload.Note_Content).toContain("Date_examen_VTC : règle B1")
  })
})

describe("decide: analysis skips (§1.3 steps 11–13)", () => {
  it("credentials to ask and no ExamT3P account: no date analysis, no automatic assignment", () => {
    const d = decide(fixture(GO, (j) => {
      j.deals[0].Date_examen_VTC = null
      j.deals[0].Compte_Uber = false
      j.examt3p = { _tag: "NoAccount", credentialsRequestSent: false, accountCreationRequested: false }
    }), templates)
    expect(d.uberCase).toBe("D")
    expect(d.dateCase.helper).toBeNull()
    expect(d.actions.some((a) => a._tag === "UpdateDeal")).toBe(false)
  })

  it("Uber case A (documents not received): no date analysis", () => {
    const d = decide(fixture(GO, (j) => { j.deals[0].Date_Dossier_re_u = null }), templates)
    expect(d.uberCase).toBe("A")
    expect(d.dateCase.helper).toBeNull()
    expect(d.actions.some((a) => a._tag === "UpdateDeal" && "Date_examen_VTC" in a.payload)).toBe(false)
  })
})

describe("decide: Uber warnings already communicated (§1.4 step 3)", () => {
  const caseD = (j: Json) => { j.deals[0].Compte_Uber = false }
  it("case D is explained once; a later reply does not repeat it", () => {
    const first = decide(fixture(GO, caseD), templates)
    expect(first.uberCase).toBe("D")
    expect(first.reply?.sections).toContain("alert:uber_cas_d")
    const later = decide(fixture(GO, (j) => {
      caseD(j)
      j.threads[1].plainText = "Bonjour Samir, votre compte Uber driver doit être actif pour bénéficier de l'offre. L'équipe CAB Formations"
    }), templates)
    expect(later.reply?.sections).not.toContain("alert:uber_cas_d")
    expect(later.reply?.sections).not.toContain("next_step:contacter_uber")
  })
})
