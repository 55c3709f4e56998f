import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import { healthList, healthProjection } from "../../src/pipeline/projections/health.ts"
import { checkTicket, readableText, unbalancedTags, type HealthInput } from "../../src/pipeline/projections/healthChecks.ts"
import { renderHealth, summarizeHealth } from "../../src/pipeline/projections/healthReport.ts"
import { decodeCheckpoint, encodeCheckpoint, foldAll, start } from "../../src/pipeline/projections/projection.ts"
import { given, stored } from "./given.ts"
import { healthRun, SESSION_REPLY, SESSION_VARS, wrapDraft } from "./healthFixtures.ts"

const KEY = "1:t-new:CreateDraft:1"

const input = (over: Partial<HealthInput> = {}): HealthInput => ({
  stage: "COMPLETED",
  triageAction: "GO",
  primaryIntent: "DEMANDE_CHANGEMENT_SESSION",
  secondaryIntents: [],
  uberCase: null,
  templateVars: SESSION_VARS,
  reply: { html: SESSION_REPLY, validationOk: true, validationErrors: [] },
  humanizer: null,
  draftHtml: wrapDraft(KEY, SESSION_REPLY),
  draftCreated: true,
  dealUpdates: [],
  candidateMessage: "Bonjour, je voudrais changer de session.",
  today: "2026-03-02",
  ...over
})

const checks = (over: Partial<HealthInput> = {}) => checkTicket(input(over)).map((f) => f.check)

/** The session reply with one paragraph replaced. */
const withLine = (line: string) => SESSION_REPLY.replace("<p>Indiquez-nous celle qui vous convient et nous mettrons votre inscription à jour.</p>", `<p>${line}</p>`)
const drafted = (html: string): Partial<HealthInput> => ({ draftHtml: wrapDraft(KEY, html) })

describe("health checks (pure, on rendered replies)", () => {
  it("a good session-change reply, drafted, is healthy", () => {
    expect(checkTicket(input())).toEqual([])
  })

  it("the marker and the wrapper are not part of what the candidate reads", () => {
    const text = readableText(wrapDraft(KEY, SESSION_REPLY))
    expect(text.startsWith("Bonjour Sarah,")).toBe(true)
    expect(text).not.toContain("docflow")
    expect(text).toContain("du lundi 6 avril 2026 au vendredi 17 avril 2026")
  })

  it("C1: a draft with almost no text", () => {
    expect(checks(drafted("<p>Bonjour,</p><p><br></p>"))).toContain("C1_EMPTY_DRAFT")
  })

  it("C2: COMPLETED without a draft", () => {
    expect(checks({ draftHtml: null, draftCreated: false })).toEqual(["C2_NO_DELIVERY"])
  })

  it("C3: an unresolved placeholder", () => {
    expect(checks(drafted(withLine("Votre identifiant est {{identifiant_examt3p}}.")))).toContain("C3_UNRESOLVED_PLACEHOLDERS")
  })

  it("E1: the 20 € price outside a cancellation request, allowed in one", () => {
    const html = withLine("Votre offre Uber à 20 € comprend la formation.")
    expect(checks(drafted(html))).toContain("E1_AMOUNT_LEAK")
    expect(checks(drafted(withLine("Les frais de vingt euros restent acquis.")))).toContain("E1_AMOUNT_LEAK")
    expect(checks({ ...drafted(html), secondaryIntents: ["DEMANDE_ANNULATION"] })).not.toContain("E1_AMOUNT_LEAK")
    expect(checks(drafted(withLine("Les frais CMA de 241 € sont réglés.")))).not.toContain("E1_AMOUNT_LEAK")
  })

  it("E2: back-office words, whole words only", () => {
    const found = checkTicket(input(drafted(withLine("Votre statut Evalbox a été mis à jour dans le CRM."))))
    const e2 = found.find((f) => f.check === "E2_INTERNAL_TERM")
    expect(e2?.detail).toContain("Evalbox")
    expect(e2?.detail).toContain("CRM")
    expect(checks(drafted(withLine("Ces modules idéalistes ne posent aucun problème.")))).not.toContain("E2_INTERNAL_TERM")
  })

  it("E3: exam dates offered on a finished dossier, except for a re-registration", () => {
    const vars = { ...SESSION_VARS, resultat_admis: true, next_dates: [{ date_examen: "2026-05-19", date_cloture: "2026-04-20", departement: "75", is_first_of_dept: true }] }
    const html = withLine("Prochaine date d'examen : le 19/05/2026 (clôture le 20/04/2026).")
    expect(checks({ templateVars: vars, ...drafted(html) })).toContain("E3_DOSSIER_TERMINE_DATES")
    expect(checks({ templateVars: vars, ...drafted(html), primaryIntent: "DEMANDE_REINSCRIPTION" })).not.toContain("E3_DOSSIER_TERMINE_DATES")
    expect(checks({ templateVars: { ...vars, resultat_admis: false }, ...drafted(html) })).not.toContain("E3_DOSSIER_TERMINE_DATES")
  })

  it("E4: a blocked report confirmed in the text", () => {
    const vars = { ...SESSION_VARS, report_bloque: true }
    expect(checks({ templateVars: vars, ...drafted(withLine("Le report de votre examen a bien été effectué.")) })).toContain("E4_BLOCKED_CONFIRMATION")
    expect(checks({ templateVars: vars, ...drafted(withLine("Nous avons modifié votre date d'examen.")) })).toContain("E4_BLOCKED_CONFIRMATION")
    expect(checks({ templateVars: vars, ...drafted(withLine("Le report de votre examen n'a pas pu être effectué.")) })).not.toContain("E4_BLOCKED_CONFIRMATION")
    expect(checks({ templateVars: vars })).not.toContain("E4_BLOCKED_CONFIRMATION")
  })

  it("E5: a date before the day the case was gathered", () => {
    const found = checkTicket(input({ today: "2026-04-10" }))
    expect(found.find((f) => f.check === "E5_PAST_DATE")?.detail).toBe("date(s) passée(s) au 2026-04-10 : 2026-04-06")
  })

  it("E6 and W5: a used rewrite that confirms a proposal and drops a date", () => {
    const rewrite = SESSION_REPLY.replace("Indiquez-nous celle qui vous convient", "Votre session est confirmée, indiquez-nous celle qui vous convient")
      .replace("&nbsp;&nbsp;→ Cours du jour (8h30–16h30, sur une semaine) : du lundi 13 avril 2026 au vendredi 17 avril 2026<br>\n", "")
    const found = checks({ humanizer: { status: "used", html: rewrite, failure: null }, ...drafted(rewrite) })
    expect(found).toContain("E6_PROPOSAL_TO_CONFIRMATION")
    expect(found).toContain("W5_HUMANIZER_LOST_DATES")
    expect(checks({ humanizer: { status: "used", html: SESSION_REPLY, failure: null } })).toEqual([])
  })

  it("E7: an internal session code", () => {
    expect(checks(drafted(withLine("Session retenue : cds-avril-2026.")))).toContain("E7_SESSION_CODE_LEAK")
  })

  it("E8: registration steps on a dossier the CMA validated", () => {
    const html = withLine("Pour finaliser votre inscription, créez votre compte sur ExamT3P.")
    expect(checks({ templateVars: { ...SESSION_VARS, evalbox_valide_cma: true }, ...drafted(html) })).toContain("E8_VALIDATED_INSCRIPTION")
    expect(checks(drafted(html))).not.toContain("E8_VALIDATED_INSCRIPTION")
  })

  it("W1: a date found neither in the decision's data nor in the candidate's message", () => {
    const html = withLine("Une autre session commence le 4 mai 2026.")
    expect(checkTicket(input(drafted(html))).find((f) => f.check === "W1_DATE_HALLUCINATION")?.detail).toContain("2026-05-04")
    expect(checks({ ...drafted(html), candidateMessage: "Je préfère la session du 04/05/2026." })).not.toContain("W1_DATE_HALLUCINATION")
  })

  it("W2: dates shown to an Uber D/E candidate", () => {
    expect(checks({ uberCase: "D" })).toContain("W2_UBER_BLOCKED_DATES")
    expect(checks({ uberCase: "A" })).not.toContain("W2_UBER_BLOCKED_DATES")
  })

  it("W3 and W4: read in the candidate's message", () => {
    expect(checks({ stage: "DUPLICATE_UBER_OFFER", candidateMessage: "Je veux financer ma formation taxi avec mon CPF" })).toContain("W3_DOUBLON_NON_UBER")
    expect(checks({ stage: "DUPLICATE_UBER_OFFER" })).not.toContain("W3_DOUBLON_NON_UBER")
    const chat = "Visitor name: Karim\nPage URL: https://cab-formations.fr/vtc\nBonjour, une question."
    expect(checks({ stage: "STOPPED_AT_TRIAGE", triageAction: "ROUTE", reply: null, draftHtml: null, draftCreated: false, candidateMessage: chat })).toEqual(["W4_SALESIQ_CONTAMINATION"])
  })

  it("W6: the exam date written to the CRM when it could not change", () => {
    const vars = { ...SESSION_VARS, can_modify_exam_date: false }
    expect(checks({ templateVars: vars, dealUpdates: [{ Date_examen_VTC: "5555" }] })).toContain("W6_BLOCKED_DATE_CRM_UPDATE")
    expect(checks({ dealUpdates: [{ Date_examen_VTC: "5555" }] })).not.toContain("W6_BLOCKED_DATE_CRM_UPDATE")
  })

  it("W7 and W8: validator refusal, humanizer failure", () => {
    expect(checks({ stage: "STOPPED_REPLY_INVALID", reply: { html: SESSION_REPLY, validationOk: false, validationErrors: ["internal_term : CRM"] }, draftHtml: null, draftCreated: false })).toEqual(["W7_VALIDATION_FAILED"])
    expect(checks({ humanizer: { status: "failed", html: null, failure: "no answer within 30s" } })).toEqual(["W8_HUMANIZER_FAILED"])
  })

  it("W9: a session change answered with one option", () => {
    expect(checks({ templateVars: { ...SESSION_VARS, sessions_proposees: SESSION_VARS.sessions_proposees.slice(0, 1) } })).toContain("W9_SINGLE_SESSION_OPTION")
  })

  it("W10: broken HTML", () => {
    expect(unbalancedTags(SESSION_REPLY)).toEqual([])
    expect(unbalancedTags("<p>Bonjour <b>Sarah</p>")).toEqual(["<b> 1 ouverte(s), 0 fermée(s)"])
    expect(checks(drafted(SESSION_REPLY.replace("</b>", "")))).toContain("W10_BROKEN_HTML")
  })

  it("skipped tickets are not checked", () => {
    expect(checks({ stage: "SKIPPED_DRAFT_EXISTS", draftHtml: null, draftCreated: false })).toEqual([])
  })
})

describe("health projection", () => {
  it("keeps the findings of each ticket's latest finished live run", () => {
    const bad = healthRun({ ticketId: "1", draftHtml: wrapDraft(KEY, withLine("Votre statut Evalbox est à jour.")) })
    const fixed = healthRun({ ticketId: "1", runId: "r2", firstSeq: bad.length, now: "2026-03-03T09:00:00.000Z" })
    const g1 = given(bad)
    expect(healthList(g1.view(healthProjection)).map((t) => [t.id, t.findings.map((f) => f.check)])).toEqual([["1", ["E2_INTERNAL_TERM"]]])
    const g2 = given(bad, fixed)
    expect(healthList(g2.view(healthProjection))).toEqual([
      expect.objectContaining({ id: "1", runId: "r2", stage: "COMPLETED", intent: "DEMANDE_CHANGEMENT_SESSION", dealId: "D1", validationOk: true, findings: [] })
    ])
  })

  it("dry runs and runs that failed leave no result; the run in progress is checkpointed", () => {
    const view = given(
      healthRun({ ticketId: "2", mode: "dry-run" }),
      healthRun({ ticketId: "3", end: "failed" }),
      healthRun({ ticketId: "4", end: "none" })
    ).view(healthProjection)
    expect(healthList(view)).toEqual([])
    expect([...view.runs.keys()]).toEqual(["4"])
  })

  it("reads today from the case file: a date past on that day is E5", () => {
    const view = given(healthRun({ ticketId: "5", now: "2026-04-09T23:30:00.000Z" })).view(healthProjection)
    // 23:30 UTC on the 9th is the 10th in Paris: the session starting on the 6th is past.
    expect(healthList(view)[0]?.findings.map((f) => f.check)).toEqual(["E5_PAST_DATE"])
  })

  it("reads the humanizer note from the decision", () => {
    const view = given(
      healthRun({ ticketId: "6", humanizer: { status: "failed", attempts: 1, html: null, rejections: [], failure: "timeout", modelId: "m", promptVersion: "p" } })
    ).view(healthProjection)
    expect(healthList(view)[0]).toMatchObject({ humanizer: "failed", findings: [{ check: "W8_HUMANIZER_FAILED", detail: "humanizer en échec : timeout" }] })
  })

  it("a checkpoint taken mid-run resumes to the same view", () => {
    const events = stored([...healthRun({ ticketId: "7", draftHtml: wrapDraft(KEY, withLine("Session cdj-avril.")) }), ...healthRun({ ticketId: "8" })])
    const whole = healthProjection.encode(foldAll(healthProjection, start(healthProjection), events).view)
    for (let cut = 0; cut <= events.length; cut++) {
      const first = foldAll(healthProjection, start(healthProjection), events.slice(0, cut))
      const json = JSON.parse(JSON.stringify(encodeCheckpoint(healthProjection, first))) as { position: number; state: unknown }
      const restored = decodeCheckpoint(healthProjection, json)
      if (Either.isLeft(restored)) throw restored.left
      // Redelivering the first part again changes nothing.
      const resumed = foldAll(healthProjection, restored.right, events)
      expect(healthProjection.encode(resumed.view)).toEqual(whole)
    }
  })
})

describe("health summary", () => {
  const view = () =>
    given(
      healthRun({ ticketId: "10" }),
      healthRun({ ticketId: "11", draftHtml: wrapDraft(KEY, withLine("Offre à 20 € : statut Evalbox à jour.")) }),
      healthRun({ ticketId: "12", stage: "STOPPED_REPLY_INVALID", validationErrors: [{ code: "internal_term", message: "CRM" }] }),
      healthRun({ ticketId: "13", stage: "SKIPPED_DRAFT_EXISTS", replyHtml: null, primaryIntent: null }),
      healthRun({ ticketId: "14", dealId: "D10", vars: { ...SESSION_VARS, resultat_admis: true } }),
      healthRun({ ticketId: "10b", dealId: "D10" })
    ).view(healthProjection)

  it("counts per check and severity, batch indicators, offenders worst first", () => {
    const s = summarizeHealth(view())
    expect({ tickets: s.tickets, checked: s.checked, skipped: s.skipped, healthy: s.healthy }).toEqual({ tickets: 6, checked: 5, skipped: 1, healthy: 2 })
    expect(s.byCheck).toEqual([
      { check: "E1_AMOUNT_LEAK", severity: "ERROR", tickets: 1 },
      { check: "E2_INTERNAL_TERM", severity: "ERROR", tickets: 1 },
      { check: "E3_DOSSIER_TERMINE_DATES", severity: "ERROR", tickets: 1 },
      { check: "W7_VALIDATION_FAILED", severity: "WARNING", tickets: 1 }
    ])
    // The finished dossier (14) was still offered its session dates: E3.
    expect(s.offenders.map((t) => t.id)).toEqual(["11", "14", "12"])
    expect(s.info.map((i) => i.check)).toEqual(["I2_INTENT_VALIDATION_RATE", "I4_CONTRADICTORY_RESPONSES"])
    expect(s.info[0]?.detail).toBe("DEMANDE_CHANGEMENT_SESSION 80,0 % (4/5)")
    expect(s.info[1]?.detail).toBe("deal D10 : dossier terminé selon 14, en cours selon 10, 10b")
  })

  it("renders the summary and the offending tickets with a reason", () => {
    const text = renderHealth(summarizeHealth(view()))
    expect(text).toContain("Tickets : 6 (5 contrôlés, 1 ignorés), 2 sans anomalie.")
    expect(text).toContain("| E1_AMOUNT_LEAK | ERROR | 1 |")
    expect(text).toContain("| 11 | COMPLETED | ERROR | E2_INTERNAL_TERM | terme interne : Evalbox (« Evalbox ») |")
    expect(text).toContain("Verdict : 3 ticket(s) en anomalie, dont des critiques ou erreurs")
  })

  it("I1: a high share of tickets skipped because a draft existed", () => {
    const s = summarizeHealth(
      given(
        healthRun({ ticketId: "20", stage: "SKIPPED_DRAFT_EXISTS", replyHtml: null }),
        healthRun({ ticketId: "21", stage: "SKIPPED_DRAFT_EXISTS", replyHtml: null }),
        healthRun({ ticketId: "22" })
      ).view(healthProjection)
    )
    expect(s.info).toEqual([{ check: "I1_HIGH_SKIP_RATE", detail: "66,7 % des tickets ignorés car un brouillon existait (seuil 30,0 %)" }])
  })

  it("an empty log says so", () => {
    expect(renderHealth(summarizeHealth(healthProjection.initial()))).toContain("Verdict : aucune anomalie.")
  })
})
