/**
 * `decide(caseFile, templates, options)` (DESIGN.md §1, §3): the whole decision for one gathered
 * ticket — gates, triage, analysis, states, reply and the planned side effects — with no I/O,
 * no clock (today comes from `caseFile.now`) and no file system (templates arrive compiled).
 */
import type { CaseFile } from "../../schemas/caseFile.ts"
import type { StoredDeal } from "../../schemas/crm.ts"
import type { Decision, DecisionAction, DecisionDeal, WorkflowStage } from "../../schemas/decision.ts"
import type { CompiledTemplates, Reply } from "../../services/render/index.ts"
import { lastMetaOf } from "../../services/rules/states/memory.ts"
import { isUber20Deal } from "../../services/rules/uber.ts"
import { toDecisionTriage, triageCaseOf } from "../../services/triage/caseFile.ts"
import { runTriage, type TriageResult } from "../../services/triage/Triage.ts"
import { analyse } from "./analysis.ts"
import { withRepositioning } from "./dateReply.ts"
import { actions, decideContext, type DecideContext, type DecideOptions } from "./context.ts"
import { guardDealUpdates } from "./crmGuards.ts"
import { deliverReply } from "./delivery.ts"
import { cancellationInsistence, escalationActions } from "./escalation.ts"
import { fixedReply } from "./fixedReplies.ts"
import { checkGates } from "./gates.ts"
import { contactOfDeal, firstNameOf } from "./names.ts"
import { responseStage } from "./responseStage.ts"
import { recipientOf, triageNoteActions, triageStage } from "./triageStage.ts"

const decisionDeal = (triage: TriageResult, deal: StoredDeal | undefined): DecisionDeal | null =>
  deal === undefined ? null : {
    id: deal.id,
    name: deal.Deal_Name ?? null,
    linkedBy: triage.linking.linkSource ?? triage.linking.selectionPriority ?? "triage",
    duplicateDealIds: triage.linking.duplicates.duplicateDeals.map((d) => d.id).filter((id) => id !== deal.id),
    duplicateType: triage.linking.duplicates.duplicateType ?? null
  }

interface Outcome {
  readonly stage: WorkflowStage
  readonly reply: Reply | null
  readonly actions: ReadonlyArray<DecisionAction>
}

const base = (ctx: DecideContext, triage: TriageResult, deal: StoredDeal | undefined, outcome: Outcome): Decision => ({
  mode: ctx.options.mode ?? "dry-run",
  stage: outcome.stage,
  triage: toDecisionTriage(triage.decision),
  deal: decisionDeal(triage, deal),
  uberCase: null,
  dateCase: { helper: null, stateEngine: null },
  sessions: { preference: null, proposals: [] },
  state: null,
  templateVars: {},
  reply: outcome.reply,
  actions: outcome.actions
})

/** §1.2 rows 2.a–2.b': no won deal, or a won deal outside the Uber offer. */
export const dealStops = (ctx: DecideContext, triage: TriageResult, deal: StoredDeal | undefined): Outcome | null => {
  const notes = triageNoteActions(ctx, triage)
  if (deal === undefined) {
    const already = ctx.caseFile.comments.some((c) => (c.content ?? "").includes("WORKFLOW STOPP"))
    const listed = ctx.caseFile.deals.slice(0, 5).map((d) => `- ${d.Deal_Name ?? d.id} | ${d.Amount ?? "?"} € | ${d.Stage ?? "?"}`)
    const note = already ? [] : [actions.privateComment(ctx, "no_deal",
      ["WORKFLOW STOPPÉ — aucune opportunité gagnée trouvée pour ce candidat.",
        "Prospect Uber possible à vérifier ; sinon, transférer le ticket au service Contact.", ...listed].join("\n"))]
    return { stage: "STOPPED_NO_DEAL", reply: null, actions: [...notes, ...note] }
  }
  const won = (deal.Stage ?? "").toUpperCase().includes("GAGN")
  if (isUber20Deal({ ...deal }) || !won) return null
  if (triage.decision.primaryIntent === "TRANSMET_DOCUMENTS") {
    const reply = fixedReply("documents_acknowledgement", firstNameOf(contactOfDeal(ctx.caseFile.contacts, deal), deal), ctx.today, triage.decision.primaryIntent)
    const delivery = deliverReply(ctx, reply, recipientOf(ctx, triage))
    return { stage: delivery.drafted ? "STOPPED_DOCS_CAB" : "STOPPED_REPLY_INVALID", reply, actions: [...notes, ...delivery.actions, actions.move(ctx, "DOCS CAB")] }
  }
  // D3: the original went on building a reply after moving the ticket; docflow stops here.
  return { stage: "STOPPED_CONTACT", reply: null, actions: [...notes, actions.move(ctx, "Contact")] }
}

export const decide = (caseFile: CaseFile, templates: CompiledTemplates, options: DecideOptions = {}): Decision => {
  const ctx = decideContext(caseFile, options)
  const triage = runTriage(triageCaseOf(caseFile))
  const dealId = triage.decision.selectedDealId ?? triage.linking.selectedDeal?.id
  const deal = dealId === undefined ? undefined : caseFile.deals.find((d) => d.id === dealId)

  const gate = checkGates(ctx)
  if (gate !== null) return base(ctx, triage, deal, { stage: gate.stage, reply: null, actions: gate.actions })
  const terminal = triageStage(ctx, triage)
  if (terminal !== null) return base(ctx, triage, deal, terminal)
  const stop = dealStops(ctx, triage, deal)
  if (stop !== null || deal === undefined) return base(ctx, triage, deal, stop ?? { stage: "STOPPED_NO_DEAL", reply: null, actions: [] })

  const intents = [triage.decision.primaryIntent, ...triage.decision.secondaryIntents].filter((i): i is NonNullable<typeof i> => i !== null)
  const escalation = cancellationInsistence(ctx, intents, triage.customerMessage.text, lastMetaOf(caseFile.dealNotes, deal.id)?.record ?? null)
  if (escalation !== null) {
    return base(ctx, triage, deal, {
      stage: "ESCALATED_ANNULATION_INSISTENCE", reply: null, actions: [...triageNoteActions(ctx, triage), ...escalationActions(ctx, escalation)]
    })
  }

  try {
    return analyseAndRespond(ctx, triage, deal, templates)
  } catch (error) {
    // The rules reproduce the original's exceptions on odd data (§1.1: the run keeps the stage it
    // reached and a person takes over); decide itself never throws.
    const reason = error instanceof Error ? error.message : String(error)
    return base(ctx, triage, deal, {
      stage: "ANALYSIS", reply: null,
      actions: [actions.privateComment(ctx, "decide_failed", `docflow : l'analyse du dossier a échoué (${reason}). À traiter manuellement.`)]
    })
  }
}

const analyseAndRespond = (ctx: DecideContext, triage: TriageResult, deal: StoredDeal, templates: CompiledTemplates): Decision => {
  const { caseFile, options } = ctx
  const analysis = withRepositioning(analyse(caseFile, deal, ctx.today, triage.decision.context.session_preference), triage.decision, ctx.today)
  const contact = contactOfDeal(caseFile.contacts, deal)
  const b1 = { evalbox: deal.Evalbox ?? null, cloture: caseFileCloture(caseFile, deal), today: ctx.today }
  const response = responseStage({
    ctx, triage, analysis, templates, firstName: firstNameOf(contact, deal), lastName: contact?.Last_Name ?? "", b1
  })
  const oldPaid = triage.decision.oldPaidDealId === undefined ? [] : [actions.privateComment(ctx, "old_paid_deal",
    `ANCIEN DOSSIER CMA DÉJÀ PAYÉ (opportunité ${triage.decision.oldPaidDealId}) : payer la CMA par chèque en rappelant l'ancien numéro de dossier ; ne jamais repayer en ligne.`)]
  // second pass over everything planned: nothing reaches the CRM past the guard
  const guarded = guardDealUpdates([...triageNoteActions(ctx, triage), ...oldPaid, ...response.actions], deal.id, b1)
  return {
    mode: options.mode ?? "dry-run",
    stage: response.stage,
    triage: toDecisionTriage(triage.decision),
    deal: decisionDeal(triage, deal),
    uberCase: analysis.uber.uber_case,
    dateCase: { helper: analysis.dateAnalysis?.case ?? null, stateEngine: response.states.facts.detectorCase },
    sessions: response.sessions,
    state: { id: response.states.primary.id, name: response.states.primary.name },
    templateVars: { ...response.vars, matrix_row: response.row.key, matrix_template: response.row.template, memory_suppressed: [...response.memory.suppressed] },
    reply: response.reply,
    actions: guarded.actions
  }
}

/** Clôture of the deal's exam record as the CRM holds it before any change (rule B1 reads this one). */
const caseFileCloture = (caseFile: CaseFile, deal: StoredDeal): string | null => {
  const lookup = deal.Date_examen_VTC
  const id = typeof lookup === "object" && lookup !== null ? lookup.id : null
  return caseFile.examDates.find((r) => r.id === id)?.Date_Cloture_Inscription ?? null
}
