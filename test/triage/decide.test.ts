import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { runTriage } from "../../src/services/triage/Triage.ts"
import { contact, deal, examLookup } from "../linking/fixtures/crm.ts"
import { thread } from "./fixtures/mail.ts"
import { triageCase, type CaseOptions } from "./fixtures/cases.ts"
import { routingRuleMethods } from "../../src/services/triage/rules/decide.ts"

const karim = contact()
const wonUber = (fields: Parameters<typeof deal>[1] = {}) => deal(karim, fields)
const known = (deals: ReturnType<typeof deal>[], extra: CaseOptions = {}): CaseOptions => ({ contacts: [karim], deals, ...extra })
const decide = (message: string, options: CaseOptions = {}) => runTriage(triageCase(message, options)).decision

describe("terminal filters come first (§2.3 rules 1–4)", () => {
  it.each<readonly [string, string, CaseOptions, string]>([
    ["bounce", "Delivery Status Notification (Failure) for karim@gmial.com", { from: "Mail Delivery Subsystem <mailer-daemon@googlemail.com>" }, "BOUNCE"],
    ["spam", "Gagnez au casino en ligne, bonus de bienvenue", known([wonUber()]), "SPAM"],
    ["CMA incomplete", "Bonjour, le dossier de M. Benali est incomplet : justificatif de domicile manquant.", { from: "examens@cma-idf.fr" }, "CMA_NOTIFICATION"],
    ["CMA other", "Bonjour, les convocations partiront la semaine prochaine.", { from: "examens@cma-idf.fr" }, "CMA_OTHER"],
    ["ExamT3P notification in display-name form", "Un nouveau message est disponible sur votre espace.", { from: "ExamT3P <notifications@exament3p.fr>" }, "NOREPLY_NOTIFICATION"]
  ])("%s", (_name, message, options, action) => {
    expect(decide(message, options).action).toBe(action)
  })
})

describe("routing and duplicate rules in order (§2.3 rules 7–13, §3.5)", () => {
  it("non-Uber prospect without any deal → Contact", () => {
    const decision = decide("Bonjour, je voudrais financer la formation VTC avec mon CPF.", { from: "lina.h@gmail.com" })
    expect(decision).toMatchObject({ action: "ROUTE", targetDepartment: "Contact", method: "non_uber_prospect_routing" })
    expect(decision.notes[0]?.text).toContain("[PROSPECT_FORMATION]")
  })

  it("non-Uber request from a candidate holding two Uber deals → Contact, duplicate logic skipped", () => {
    const decision = decide("Bonjour, je voudrais passer par France Travail cette fois.", known([wonUber({ Closing_Date: "2025-05-01" }), wonUber()]))
    expect(decision).toMatchObject({ action: "ROUTE", targetDepartment: "Contact", method: "non_uber_registration_routing" })
  })

  it("possible homonym → DUPLICATE_CLARIFICATION with a pending marker note", () => {
    const other = contact({ First_Name: "Karim", Last_Name: "Benali", Email: "k.benali@yahoo.fr", Mobile: "0699887766" })
    const old = deal(other, { Closing_Date: "2025-02-01", CMA_de_depot: "75" })
    const current = wonUber({ CMA_de_depot: "75" })
    const decision = decide("Bonjour, où en est mon dossier ?", { contacts: [karim, other], deals: [current, old] })
    expect(decision.action).toBe("DUPLICATE_CLARIFICATION")
    expect(decision.notes[0]?.text).toContain(`[DUPLICATE_PENDING:${old.id}]`)
    expect(decision.notes[0]?.text).toContain("k.benali@yahoo.fr")
    expect(decision.notes[0]?.text).toContain("Intention d'origine : STATUT_DOSSIER")
  })

  it("a duplicate already verified on the deal → continue on that deal", () => {
    const other = contact({ First_Name: "Karim", Last_Name: "Benali", Email: "k.benali@yahoo.fr", Mobile: "0699887766" })
    const old = deal(other, { Closing_Date: "2025-02-01", CMA_de_depot: "75" })
    const decision = decide("Bonjour, où en est mon dossier ?", {
      contacts: [karim, other], deals: [wonUber({ CMA_de_depot: "75" }), old],
      dealNotes: [{ dealId: old.id, note: { id: "1", Created_Time: "2026-02-01T10:00:00+01:00", Note_Content: "Vérifié [DUPLICATE_RESOLVED:VERIFIED]" } }]
    })
    expect(decision).toMatchObject({ action: "GO", selectedDealId: old.id, method: "duplicate_previously_verified" })
  })

  it("true duplicate (old dossier validated by the CMA) → DUPLICATE_UBER", () => {
    const decision = decide("Bonjour, je voudrais une date d'examen.", known([wonUber({ Closing_Date: "2024-11-01", Evalbox: "VALIDE CMA" }), wonUber()]))
    expect(decision).toMatchObject({ action: "DUPLICATE_UBER", method: "duplicate_detection" })
  })

  it("true duplicate already told → Contact with an upsell note", () => {
    const told = thread("Bonjour, l'offre Uber à 20 € ne permet qu'un seul passage.", { direction: "out", from: "doc@cab-formations.fr", createdTime: "2026-03-01T10:00:00Z" })
    const decision = decide("Bonjour, je ne comprends pas, je veux repasser.", known([wonUber({ Closing_Date: "2024-11-01", Evalbox: "VALIDE CMA" }), wonUber()], { earlier: [told] }))
    expect(decision).toMatchObject({ action: "ROUTE", targetDepartment: "Contact", method: "duplicate_already_communicated_upsell" })
    expect(decision.notes[0]?.text).toContain("[UPSELL_OPPORTUNITY]")
  })

  it("a candidate past the exam is never given the duplicate text (R21)", () => {
    const decision = decide("Bonjour, j'ai eu mes résultats, et maintenant ?", known([wonUber({ Resultat: "ADMISSIBLE" })]))
    expect(decision).toMatchObject({ action: "GO", method: "duplicate_with_resultat_bypass" })
  })

  it("recoverable paid duplicate → GO with the old paid dossier", () => {
    const old = wonUber({ Closing_Date: "2025-03-01", Evalbox: "Dossier Synchronisé", NUM_DOSSIER_EVALBOX: "00038886" })
    const decision = decide("Bonjour, où en est mon dossier ?", known([old, wonUber()]))
    expect(decision).toMatchObject({ action: "GO", method: "duplicate_paid_continue", oldPaidDealId: old.id, selectedDealId: old.id })
  })

  it.each<readonly [string, string, string]>([
    ["Bonjour, j'ai réussi le test de sélection Uber, et ensuite ?", "NEEDS_CLARIFICATION", "uber_converted_different_email"],
    ["Bonjour, je voudrais des renseignements sur le tarif de la formation.", "ROUTE", "info_request_routing"],
    ["Bonjour, nous proposons un partenariat commercial à votre école.", "ROUTE", "out_of_scope_routing"],
    ["Bonjour, où en est mon dossier ?", "NEEDS_CLARIFICATION", "candidate_not_found"]
  ])("unknown sender: %s → %s (%s)", (message, action, method) => {
    expect(decide(message, { from: "inconnu.total@gmail.com" })).toMatchObject({ action, method })
  })
})

describe("business-rules department (§3.4) and document rules", () => {
  it("other service without a future exam → Contact; with a future exam → stays in DOC", () => {
    const message = "Bonjour, je voudrais louer un véhicule pour l'examen."
    expect(decide(message, known([wonUber()]))).toMatchObject({ action: "ROUTE", targetDepartment: "Contact", method: "business_rules_routing" })
    expect(decide(message, known([wonUber({ Date_examen_VTC: examLookup("2026-04-28") })])).action).toBe("GO")
  })

  it("classic (non-20 €) won deal: question → Contact, documents → DOCS CAB", () => {
    const classic = [wonUber({ Amount: 1299 })]
    expect(decide("Bonjour, quand commence ma formation ?", known(classic))).toMatchObject({ action: "ROUTE", targetDepartment: "Contact" })
    expect(decide("Bonjour, ci-joint mon permis de conduire.", known(classic))).toMatchObject({ action: "ROUTE", targetDepartment: "DOCS CAB" })
  })

  it("documents sent for a dossier already at the CMA → Refus CMA; a question stays in DOC", () => {
    const atCma = [wonUber({ Evalbox: "Refusé CMA", Date_Dossier_re_u: "2026-01-20" })]
    expect(decide("Bonjour, ci-joint mon nouveau justificatif de domicile.", known(atCma))).toMatchObject({ action: "ROUTE", targetDepartment: "Refus CMA" })
    expect(decide("Bonjour, pourquoi mon dossier a été refusé ? Quel document manque ?", known(atCma)).action).toBe("GO")
  })

  it("attachment rule: a first submission stays in DOC (override), a later one goes to Refus CMA", () => {
    const attachments = { attachments: [{ name: "permis_recto_verso.pdf", size: 420_000 }] }
    const first = decide("Bonjour, voici mon permis.", known([wonUber()], { threadOptions: attachments }))
    expect(first).toMatchObject({ action: "GO", primaryIntent: "TRANSMET_DOCUMENTS", method: "rule_transmet_documents", overriddenBy: "first_document_submission_in_doc" })
    const later = decide("Bonjour, voici mon permis.", known([wonUber({ Date_Dossier_re_u: "2026-01-20", Evalbox: "Dossier crée" })], { threadOptions: attachments }))
    expect(later).toMatchObject({ action: "ROUTE", targetDepartment: "Refus CMA", method: "rule_transmet_documents", confidence: 1 })
  })

  it("credentials sent on a blocked dossier → GO with ENVOIE_IDENTIFIANTS, keeping a date intent as primary", () => {
    const synced = [wonUber({ Evalbox: "Dossier Synchronisé" })]
    const message = "Identifiant : karim.benali75@gmail.com mot de passe : Karim2024"
    expect(decide(message, known(synced))).toMatchObject({ action: "GO", method: "rule_credentials_override", primaryIntent: "ENVOIE_IDENTIFIANTS" })
    const llm = { action: "GO", target_department: "DOC", reason: "report", confidence: 0.9, primary_intent: "REPORT_DATE", secondary_intents: [], intent_context: {} }
    const withReport = decide(message, known(synced, { llmTriage: llm }))
    expect(withReport).toMatchObject({ primaryIntent: "REPORT_DATE", secondaryIntents: ["ENVOIE_IDENTIFIANTS"], classificationMethod: "ai" })
  })

  it("attestation for France Travail → Comptabilité", () => {
    expect(decide("Bonjour, il me faut une attestation de formation pour France Travail.", known([wonUber()])))
      .toMatchObject({ action: "ROUTE", targetDepartment: "Comptabilité", primaryIntent: "DEMANDE_CERTIFICAT_FORMATION" })
  })

  it("RGPD erasure request → Contact with a note for the RGPD referent", () => {
    const decision = decide("Bonjour, supprimez toutes mes données personnelles.", known([wonUber()]))
    expect(decision).toMatchObject({ action: "ROUTE", targetDepartment: "Contact", method: "rgpd_routing" })
    expect(decision.notes[0]?.text).toContain("RGPD")
  })

  it("a 20 € candidate mentioning taxi stays in DOC (R23)", () => {
    expect(decide("Bonjour, je voudrais une formation pratique taxi.", known([wonUber()]))).toMatchObject({ action: "GO", overriddenBy: "uber_candidate_mentions_taxi" })
  })
})

describe("LLM result consumption", () => {
  const llm = (action: string, extra: Record<string, unknown> = {}) => ({
    action, target_department: "Contact", reason: "x", confidence: 0.92, primary_intent: "STATUT_DOSSIER", secondary_intents: [], intent_context: { session_preference: "soir" }, ...extra
  })
  it("uses a valid LLM result (method ai) but never its ROUTE or SPAM", () => {
    for (const action of ["ROUTE", "SPAM", "GO", "WHATEVER"]) {
      const decision = decide("Bonjour, où en est mon dossier ?", known([wonUber()], { llmTriage: llm(action) }))
      expect(decision).toMatchObject({ action: "GO", targetDepartment: "DOC", classificationMethod: "ai", primaryIntent: "STATUT_DOSSIER" })
      expect(decision.context.session_preference).toBe("soir")
    }
  })
  it("falls back to the offline classifier on an invalid LLM result", () => {
    const decision = decide("Bonjour, où en est mon dossier ?", known([wonUber()], { llmTriage: llm("GO", { confidence: 7 }) }))
    expect(decision).toMatchObject({ classificationMethod: "offline_rules", primaryIntent: "STATUT_DOSSIER" })
  })
  it("completes an LLM result without requested month from the text (§1.2 row 1.a)", () => {
    const decision = decide("Je voudrais reporter mon examen fin mai", known([wonUber()], { llmTriage: llm("GO", { primary_intent: "REPORT_DATE" }) }))
    expect(decision.context.requested_month).toBe(5)
  })
})

describe("clarification loop (§3.6)", () => {
  it("a pending duplicate answered with the old e-mail → DUPLICATE_RECOVERABLE on that deal, intent restored", () => {
    const oldId = "1456177001500000001"
    const note = `Doublon possible\nE-mail du dossier : k.benali@yahoo.fr\nTéléphone du dossier : 06 99 88 77 66\nIntention d'origine : STATUT_DOSSIER\nType : RECOVERABLE_PAID\n[DUPLICATE_PENDING:${oldId}]`
    const comments = [{ content: note, commentedTime: "2026-03-05T10:00:00Z", isPublic: false }]
    const decision = decide("Bonjour, j'utilisais k.benali@yahoo.fr à l'époque.", known([wonUber()], { comments }))
    expect(decision).toMatchObject({ action: "DUPLICATE_RECOVERABLE", selectedDealId: oldId, primaryIntent: "STATUT_DOSSIER" })
    expect(decision.notes.map((n) => n.text).join("\n")).toContain("[DUPLICATE_RESOLVED:VERIFIED]")
    const failed = decide("Bonjour, mon e-mail était autre.chose@gmail.com", known([wonUber()], { comments }))
    expect(failed.action).toBe("GO")
    expect(failed.notes.map((n) => n.text).join("\n")).toContain("[DUPLICATE_VERIFICATION_FAILED]")
  })
})

describe("property: no ROUTE without a deterministic rule", () => {
  const messages = fc.constantFrom(
    "Bonjour, où en est mon dossier ?", "Je voudrais reporter mon examen en mai", "Merci beaucoup",
    "ci-joint mon permis", "je veux louer un véhicule", "Bonjour, quelle est la date ?", "Mon CPF peut-il payer ?",
    "il me faut une attestation de formation pour pôle emploi", "supprimez mes données", "Je voudrais une formation taxi"
  )
  const dealShape = fc.record({
    Amount: fc.constantFrom(20, 1299, "20"),
    Stage: fc.constantFrom("GAGNÉ", "EN ATTENTE", "PERDU"),
    Evalbox: fc.constantFrom(null, "Dossier Synchronisé", "Refusé CMA", "VALIDE CMA", "Dossier crée"),
    Date_Dossier_re_u: fc.constantFrom(null, "2026-01-20"),
    Resultat: fc.constantFrom(null, "ADMISSIBLE", "NON ADMIS")
  })
  const llmAction = fc.constantFrom("GO", "ROUTE", "SPAM")
  const department = fc.constantFrom("DOC", "Contact", "Refus CMA", "Comptabilité")
  const intent = fc.constantFrom("STATUT_DOSSIER", "REPORT_DATE", "QUESTION_EXAMEN_PRATIQUE", "TRANSMET_DOCUMENTS")

  it("any ROUTE names a routing rule, and the classifier's action never changes the outcome", () => {
    fc.assert(
      fc.property(messages, fc.array(dealShape, { maxLength: 3 }), fc.boolean(), llmAction, department, intent,
        (message, shapes, withAttachment, action, target, primary) => {
          const deals = shapes.map((shape) => wonUber(shape))
          const options = known(deals, withAttachment ? { threadOptions: { attachments: [{ name: "piece.pdf", size: 400_000 }] } } : {})
          const llm = (a: string) => ({ action: a, target_department: target, reason: "r", confidence: 0.9, primary_intent: primary, secondary_intents: [], intent_context: {} })
          const routed = decide(message, { ...options, llmTriage: llm(action) })
          const calm = decide(message, { ...options, llmTriage: llm("GO") })
          if (routed.action === "ROUTE") expect(routingRuleMethods.has(routed.method)).toBe(true)
          expect({ action: routed.action, target: routed.targetDepartment, method: routed.method })
            .toEqual({ action: calm.action, target: calm.targetDepartment, method: calm.method })
        }),
      { numRuns: 200 }
    )
  })
})
