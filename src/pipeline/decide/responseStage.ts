/**
 * The response stage (§1.4) for a linked deal: states, matrix row, template variables with the
 * visibility rules and the conversation memory, the rendered and validated reply, and the
 * STEP 5–7 plan (deal updates, CRM note with META line, draft).
 */
import { Either } from "effect"
import type { CrmWriteValue } from "../../schemas/crm.ts"
import type { DecisionAction, DecisionSessions, WorkflowStage } from "../../schemas/decision.ts"
import { renderReply, type CompiledTemplates, type Reply } from "../../services/render/index.ts"
import { parseDateFlexible } from "../../services/rules/dates.ts"
import { extractDepartementFromCma } from "../../services/rules/departement.ts"
import { classifyEngagementLevel } from "../../services/rules/engagement.ts"
import { resultatInfo } from "../../services/rules/evalbox.ts"
import { pyStr, truthy, type CrmRecord } from "../../services/rules/pyValues.ts"
import type { ProposedSession } from "../../services/rules/sessions.ts"
import { detectStates, type DetectedStates } from "../../services/rules/states/detect.ts"
import { matrixRowFor, type MatrixRow } from "../../services/rules/states/matrix.ts"
import { lastMetaOf, memoryVerdict, sectionsOfReply, type MemoryVerdict } from "../../services/rules/states/memory.ts"
import type { TriageResult } from "../../services/triage/Triage.ts"
import type { AnalysisResult } from "./analysis.ts"
import { actions, type DecideContext } from "./context.ts"
import { guardDealUpdates, type B1Facts } from "./crmGuards.ts"
import { CRM_NOTE_TITLE, crmNoteContent, parisTimestamp, type NoteUpdate } from "./crmNote.ts"
import { deliverReply } from "./delivery.ts"
import { chosenProposedDate, confirmedDateRecord } from "./dateChoice.ts"
import { applyResponseMode, conversationEffects } from "./conversation.ts"
import { dateOfferOf, dateOverrides, departementOf, primaryIntentOf, withDateOffer } from "./dateReply.ts"
import { repositioningNote } from "./implicitRepositioning.ts"
import { alternativeEmailNote, uberAlternativeEmail } from "./uberAlternativeEmail.ts"
import { buildVars, type Vars } from "./templateVars.ts"
import { recipientOf } from "./triageStage.ts"
import { cascadeVars, sessionCascadeOf, sessionChoiceVars, sessionStepOf } from "./sessionStep.ts"
import { proposalVars, sessionProposalFor, showNewDateSessions, targetInputOf } from "./sessionProposal.ts"
import { sessionTargetsOf } from "./sessionTargets.ts"
import { applyVisibility } from "./visibility.ts"

/** Blocking states the original answers with no reply: a person takes over (§8.1 A2, A3). */
const MANUAL_STATES: Readonly<Record<string, (ctx: DecideContext, dealId: string) => ReadonlyArray<DecisionAction>>> = {
  DOUBLE_ACCOUNT_PAID: (ctx, dealId) => [
    actions.dealNote(ctx, dealId, "double_account", "🚨 ALERTE: DOUBLE COMPTE EXAMT3P PAYÉ", [
      "Deux comptes ExamT3P semblent payés pour ce candidat.",
      "1. Vérifier les deux comptes sur ExamT3P.", "2. Identifier celui que CAB a payé.",
      "3. Demander le remboursement en cas de double paiement.", "4. Corriger les identifiants dans le CRM.",
      "Risque : double paiement des frais CMA."
    ].join("\n")),
    actions.privateComment(ctx, "manual_state", "docflow : double compte ExamT3P payé — aucune réponse automatique, à traiter manuellement.")
  ],
  EXAMT3P_DOWN: (ctx) => [
    actions.privateComment(ctx, "manual_state", "docflow : ExamT3P injoignable, la situation du dossier n'a pas pu être vérifiée — aucune réponse automatique.")
  ]
}

export interface ResponseOutcome {
  readonly stage: WorkflowStage
  readonly states: DetectedStates
  readonly row: MatrixRow
  readonly vars: Vars
  readonly memory: MemoryVerdict
  readonly reply: Reply | null
  readonly sessions: DecisionSessions
  readonly actions: ReadonlyArray<DecisionAction>
}

const preferenceOf = (analysis: AnalysisResult, triage: TriageResult): "jour" | "soir" | null => {
  const fromDeal = pyStr(analysis.deal.Preference_horaire ?? "").toLowerCase()
  if (fromDeal === "jour" || fromDeal === "soir") return fromDeal
  const fromTriage = triage.decision.context.session_preference
  return fromTriage === "jour" || fromTriage === "soir" ? fromTriage : null
}

const previousRepliesOf = (ctx: DecideContext): string =>
  ctx.caseFile.threads.filter((t) => t.direction === "out" && t.status !== "DRAFT").map((t) => t.plainText ?? t.content ?? "").join("\n").toLowerCase()

interface DateChoice {
  readonly chosenRecord: CrmRecord | null
  readonly confirmedRecord: CrmRecord | null
  readonly confirmedUnavailable: boolean
}

/** `extract_date_choice` (no date yet, one of our proposals named) and a confirmed date (§5.7). */
const dateChoiceOf = (input: ResponseInput, row: MatrixRow, proposedDates: string, intents: ReadonlyArray<string>): DateChoice => {
  const { analysis, ctx, triage } = input
  const examDates: ReadonlyArray<CrmRecord> = ctx.caseFile.examDates
  let chosenRecord: CrmRecord | null = null
  if (row.crmUpdate === "extract_date_choice" && !truthy(analysis.deal.Date_examen_VTC)) {
    const listed = new Set(proposedDates.split(",").map((d) => d.trim()).filter((d) => d !== ""))
    const proposed = [...examDates.filter((r) => listed.has(parseDateFlexible(r.Date_Examen) ?? "")), ...(analysis.dateAnalysis?.next_dates ?? [])]
    chosenRecord = chosenProposedDate(triage.customerMessage.text, proposed, ctx.today)
  }
  const confirmed = triage.decision.context.confirmed_new_exam_date
  if (confirmed === null || !intents.some((i) => i === "CONFIRMATION_DATE_EXAMEN" || i === "REPORT_DATE")) {
    return { chosenRecord, confirmedRecord: null, confirmedUnavailable: false }
  }
  const departement = extractDepartementFromCma(analysis.deal.CMA_de_depot ?? null) ??
    (analysis.enriched.departement === null ? null : pyStr(analysis.enriched.departement))
  const record = confirmedDateRecord(confirmed, departement, examDates, ctx.today)
  const current = parseDateFlexible(analysis.enriched.date_examen)
  return { chosenRecord, confirmedRecord: record !== null && parseDateFlexible(record.Date_Examen) !== current ? record : null, confirmedUnavailable: record === null }
}

const sessionEntry = (s: ProposedSession) => ({
  id: pyStr(s.id), name: pyStr(s.Name ?? ""), type: s.session_type,
  start: typeof s.Date_d_but === "string" ? s.Date_d_but : null, end: typeof s.Date_fin === "string" ? s.Date_fin : null
})

export interface ResponseInput {
  readonly ctx: DecideContext
  readonly triage: TriageResult
  readonly analysis: AnalysisResult
  readonly templates: CompiledTemplates
  readonly firstName: string
  readonly lastName: string
  /** rule B1 as read from the CRM before any change */
  readonly b1: B1Facts
}

export const responseStage = (input: ResponseInput): ResponseOutcome => {
  const { ctx, triage, analysis } = input
  const d = triage.decision
  const dealId = analysis.dealBefore.id
  // §5.7: a "report" to a month before the current exam is a request for an earlier date
  const primaryIntent = primaryIntentOf(analysis, d.primaryIntent, d.context, ctx.today)
  const intents = [primaryIntent, ...d.secondaryIntents].filter((i): i is NonNullable<typeof i> => i !== null)
  const states = detectStates({
    today: ctx.today,
    deal: analysis.deal,
    enriched: analysis.enriched,
    examt3p: analysis.examt3p,
    triage: { action: d.action, primary_intent: primaryIntent, secondary_intents: d.secondaryIntents, intent_context: d.context },
    linking: { deal_id: dealId, has_duplicate_uber_offer: triage.linking.duplicates.hasDuplicateUberOffer },
    sessionData: null,
    consistency: analysis.consistency.has_consistency_issue ? { ...analysis.consistency } : null,
    messageText: triage.customerMessage.text
  })
  const row = matrixRowFor(states.primary.name, primaryIntent)
  const preference = preferenceOf(analysis, triage)
  const computed = buildVars({
    analysis, states, primaryIntent, previousReplies: previousRepliesOf(ctx), secondaryIntents: d.secondaryIntents, firstName: input.firstName,
    lastName: input.lastName, email: recipientOf(ctx, triage) ?? "", today: ctx.today, sessionPreference: preference
  })
  const last = lastMetaOf(ctx.caseFile.dealNotes, dealId)
  const memory = memoryVerdict({
    last, timeline: ctx.caseFile.dealTimeline, intents, evalbox: pyStr(analysis.deal.Evalbox ?? ""), examDate: computed.date_examen ?? ""
  })
  const repositioning = analysis.repositioning ?? null
  const offer = dateOfferOf(analysis, intents, d.context, ctx.today)
  // V3 (§8.6): a date the candidate chose among our proposals, the response mode
  const v3 = conversationEffects({
    conversation: ctx.caseFile.conversation,
    previousProposedDates: last?.record.proposed_dates ?? "",
    engagement: classifyEngagementLevel(analysis.deal.Evalbox ?? null, analysis.enriched.date_cloture, analysis.examt3p, ctx.today),
    departement: departementOf(analysis),
    examDates: ctx.caseFile.examDates,
    today: ctx.today,
    currentExam: parseDateFlexible(analysis.enriched.date_examen) ?? ""
  })
  const vars = dateOverrides({
    vars: applyVisibility({
      vars: withDateOffer(computed, offer, analysis, repositioning, ctx.today), row, intents, helperCase: analysis.dateAnalysis?.case ?? null,
      dossierTermine: resultatInfo(analysis.deal.Resultat).dossierTermine, mentionsForceMajeure: states.facts.mentionsForceMajeure, memory
    }),
    offer, repositioning, intents, row, mentionsForceMajeure: states.facts.mentionsForceMajeure, dateAlreadyChosen: v3.dateChoice !== null
  })
  const alternativeEmail = uberAlternativeEmail({
    uberCaseD: states.warnings.some((w) => w.name === "UBER_ACCOUNT_NOT_VERIFIED"),
    previousReplies: previousRepliesOf(ctx),
    providedEmail: d.context.provided_contact_info?.email ?? null,
    message: triage.customerMessage.text,
    knownEmails: [
      analysis.deal.Email, ctx.caseFile.ticket.email, ...ctx.caseFile.contacts.flatMap((c) => [c.Email, c.Secondary_Email])
    ].filter((e): e is string => typeof e === "string")
  })
  if (alternativeEmail !== null) {
    vars.uber_cas_d_email_received = true
    vars.uber_alternative_email = alternativeEmail
  }
  const choice = dateChoiceOf(input, row, last?.record.proposed_dates ?? "", intents)
  if (choice.confirmedRecord !== null) vars.confirmed_exam_date = parseDateFlexible(choice.confirmedRecord.Date_Examen) ?? ""
  if (choice.confirmedUnavailable) vars.confirmed_exam_date_unavailable = true
  const v3Confirmed = choice.confirmedRecord === null && choice.chosenRecord === null ? v3.fallbackRecord : null
  if (v3Confirmed !== null) {
    // §5.7 V3 fallback: same as a confirmed date; no other date is proposed again
    vars.confirmed_exam_date = parseDateFlexible(v3Confirmed.Date_Examen) ?? ""
    vars.intention_confirmation_date = true
  }
  // §6.4 which exam dates get courses, §6.5 keep the current course while it is still the closest
  const proposal = sessionProposalFor(analysis, sessionTargetsOf(targetInputOf({
    analysis, b1: input.b1, today: ctx.today, intents, assignmentError: states.facts.sessionAssignmentError,
    shownNextDates: vars.show_dates_section === true ? (vars.next_dates ?? []).map((n) => n.date_examen) : [],
    v3DateChoice: v3.dateChoice, confirmedRecord: choice.confirmedRecord, confirmedUnavailable: choice.confirmedUnavailable
  })), preference, ctx.today)
  // §6.7 change cascade: its courses replace the usual proposal
  const cascade = sessionCascadeOf({ analysis, context: d.context, intents, b1: input.b1, today: ctx.today })
  if (cascade !== null) Object.assign(vars, cascadeVars(cascade, ctx.today))
  else Object.assign(vars, proposalVars(proposal, ctx.today), showNewDateSessions(vars, proposal, row, resultatInfo(analysis.deal.Resultat).dossierTermine, ctx.today))
  const sessions: DecisionSessions = {
    preference,
    proposals: (cascade !== null ? cascade.options : proposal.options)
      .map((o) => ({ examDateId: pyStr(o.exam.id), sessions: o.sessions.map(sessionEntry) }))
  }

  // STEP 5: analysis writes, CAS 8 rescheduling, matrix CRM update
  const step5: Record<string, CrmWriteValue> = { ...analysis.step5 }
  const chosen = choice.chosenRecord ?? choice.confirmedRecord ?? v3Confirmed
  if (chosen !== null && step5.Date_examen_VTC === undefined) step5.Date_examen_VTC = pyStr(chosen.id)
  if (repositioning?._tag === "Repositioned" && repositioning.automatic && step5.Date_examen_VTC === undefined) {
    step5.Date_examen_VTC = pyStr(repositioning.record.id)
  }
  if (row.crmUpdate === "preference_from_session" && preference !== null && analysis.deal.Preference_horaire !== preference) {
    step5.Preference_horaire = preference
  }
  // §6.7 / §10.2: the candidate's course choice, never past the exam day (Rule 16)
  const sessionChoice = sessionStepOf({
    analysis, context: d.context, message: triage.customerMessage.text, intents, preference, offered: proposal.options.flatMap((o) => o.sessions),
    sessions: ctx.caseFile.trainingSessions, examDates: ctx.caseFile.examDates, step5, b1: input.b1, today: ctx.today
  })
  Object.assign(step5, sessionChoice.updates)
  Object.assign(vars, sessionChoiceVars(sessionChoice, ctx.today))
  Object.assign(vars, applyResponseMode(vars, v3.responseMode, row, intents))
  if (resultatInfo(analysis.deal.Resultat).dossierTermine) {
    // §10.2: a finished dossier (admitted, abandoned…) keeps its date, session and preference
    delete step5.Date_examen_VTC
    delete step5.Session
    delete step5.Preference_horaire
  }
  const guardedPlan = guardDealUpdates([
    ...analysis.writes.map((w) => actions.updateDeal(ctx, dealId, w.purpose, Object.fromEntries(w.changes.map((c) => [c.field, c.to])))),
    ...(Object.keys(step5).length === 0 ? [] : [actions.updateDeal(ctx, dealId, "step5", step5)])
  ], dealId, input.b1)
  const planned = guardedPlan.actions
  const dropped = new Set(guardedPlan.dropped.map((d) => d.field))

  const rendered = renderReply(input.templates, vars, { today: ctx.today, template: "master" })
  const reply = Either.isRight(rendered) ? rendered.right : null
  const updates: Array<NoteUpdate> = [
    ...analysis.writes.flatMap((w) => w.changes.map((c) => ({ field: c.field, from: c.from, to: c.to }))),
    ...Object.entries(step5).map(([field, to]) => ({ field, to }))
  ].filter((u) => !dropped.has(u.field))
  const helperCase = analysis.dateAnalysis?.case
  const note = actions.dealNote(ctx, dealId, "crm_note", CRM_NOTE_TITLE, crmNoteContent({
    meta: {
      ticket: ctx.ticketId,
      ts: parisTimestamp(ctx.caseFile.now),
      state: states.primary.name,
      intent: primaryIntent ?? "N/A",
      intents_sec: d.secondaryIntents.join(","),
      evalbox: pyStr(analysis.deal.Evalbox ?? ""),
      date_exam: vars.date_examen ?? "",
      date_case: helperCase === undefined ? "" : String(helperCase),
      session: vars.session_assigned && vars.session_date_debut ? `${pyStr(analysis.deal.Preference_horaire ?? "")} ${vars.session_date_debut}/${vars.session_date_fin}`.trim() : "",
      sections: reply === null ? "" : sectionsOfReply(reply.sections).join(","),
      proposed_dates: (vars.show_dates_section ? vars.next_dates ?? [] : []).map((n) => n.date_examen).join(","),
      target_date: v3.targetDate !== "" ? v3.targetDate
        : repositioning?._tag === "Repositioned" ? repositioning.date : vars.confirmed_exam_date ?? "",
      response_mode: v3.responseMode ?? ""
    },
    ticketId: ctx.ticketId,
    updates,
    summary: [
      `Réponse préparée : état ${states.primary.name}, intention ${primaryIntent ?? "inconnue"}${reply === null ? " (rendu impossible)" : ""}.`,
      ...(sessionChoice.repositionedTo === null || dropped.has("Date_examen_VTC") ? [] : [
        `Examen déplacé au ${pyStr(sessionChoice.repositionedTo.Date_Examen)} pour suivre la session choisie, qui se termine après la date actuelle (règle 16).`
      ]),
      ...(vars.deadline_passed_reschedule ? [`Date d'examen déplacée au ${vars.new_exam_date} (clôture de la date initiale dépassée).`] : [])
    ],
    alerts: [...[...analysis.blocked, ...guardedPlan.dropped].map((b) => `${b.field} : ${b.reason}`), ...sessionChoice.alerts]
  }))

  const manual = states.blocking === null ? undefined : MANUAL_STATES[states.blocking.name]
  if (manual !== undefined) {
    return {
      stage: "STOPPED_AT_SCENARIO", states, row, vars, memory, reply: null, sessions,
      actions: [...planned, note, ...manual(ctx, dealId)]
    }
  }
  if (reply === null) {
    const message = Either.isLeft(rendered) ? rendered.left.message : "rendu impossible"
    return {
      stage: "TEMPLATE_RENDERING_FAILED", states, row, vars, memory, reply: null, sessions,
      actions: [...planned, note, actions.privateComment(ctx, "render_failed", `docflow : la réponse n'a pas pu être générée (${message}). À traiter manuellement.`)]
    }
  }
  const delivery = deliverReply(ctx, reply, recipientOf(ctx, triage))
  const repositionText = repositioning === null || !delivery.drafted ? null : repositioningNote(repositioning, vars.date_examen ?? "")
  const afterDelivery = [
    ...(repositionText === null ? [] : [actions.privateComment(ctx, "implicit_repositioning", repositionText)]),
    ...(alternativeEmail === null ? [] : [actions.privateComment(ctx, "uber_cas_d_email", alternativeEmailNote(alternativeEmail))])
  ]
  const amount = typeof analysis.dealBefore.Amount === "number" ? analysis.dealBefore.Amount : Number(analysis.dealBefore.Amount ?? 0)
  const horsPartenariat = delivery.drafted && Number.isFinite(amount) && amount !== 0 && amount !== 20 ? [actions.move(ctx, "DOCS CAB")] : []
  return {
    stage: delivery.drafted ? "COMPLETED" : "STOPPED_REPLY_INVALID",
    states, row, vars, memory, reply, sessions,
    actions: [...planned, note, ...delivery.actions, ...afterDelivery, ...horsPartenariat]
  }
}
