/**
 * §1.2 rows 1.b–1.j: what the triage decision alone settles. Terminal actions return the stage,
 * the actions and (for the duplicate/clarification rows) a fixed reply; GO returns null.
 */
import type { StoredDeal } from "../../schemas/crm.ts"
import type { DecisionAction, WorkflowStage } from "../../schemas/decision.ts"
import type { Reply } from "../../services/render/index.ts"
import { Markers } from "../../services/rules/linking/clarification.ts"
import type { TriageResult } from "../../services/triage/Triage.ts"
import { actions, type DecideContext } from "./context.ts"
import { deliverReply } from "./delivery.ts"
import { fixedReply, type FixedReplyKind } from "./fixedReplies.ts"
import { contactOfDeal, firstNameOf } from "./names.ts"

export interface StageOutcome {
  readonly stage: WorkflowStage
  readonly reply: Reply | null
  readonly actions: ReadonlyArray<DecisionAction>
}

/** Triage notes become private ticket comments, except the duplicate-verified marker (a CRM deal note). */
export const triageNoteActions = (ctx: DecideContext, triage: TriageResult): ReadonlyArray<DecisionAction> =>
  triage.decision.notes.map((note, i) => {
    const dealId = triage.decision.selectedDealId ?? triage.linking.selectedDeal?.id
    return note.kind === "deal_note_duplicate_verified" && dealId !== undefined
      ? actions.dealNote(ctx, dealId, "duplicate_verified", "Doublon vérifié", note.text)
      : actions.privateComment(ctx, `${note.kind}_${i}`, note.text)
  })

export const recipientOf = (ctx: DecideContext, triage: TriageResult): string | undefined =>
  triage.linking.email ?? ctx.caseFile.ticket.email ?? undefined

const dealById = (ctx: DecideContext, id: string | undefined): StoredDeal | undefined =>
  id === undefined ? undefined : ctx.caseFile.deals.find((d) => d.id === id)

const withReply = (
  ctx: DecideContext, triage: TriageResult, stage: WorkflowStage, kind: FixedReplyKind, before: ReadonlyArray<DecisionAction>,
  firstName: string
): StageOutcome => {
  const reply = fixedReply(kind, firstName, ctx.today, triage.decision.primaryIntent)
  const delivery = deliverReply(ctx, reply, recipientOf(ctx, triage))
  return { stage: delivery.drafted ? stage : "STOPPED_REPLY_INVALID", reply, actions: [...before, ...delivery.actions] }
}

/** The terminal triage actions; null when the ticket goes on to the analysis (GO). */
export const triageStage = (ctx: DecideContext, triage: TriageResult): StageOutcome | null => {
  const d = triage.decision
  const notes = triageNoteActions(ctx, triage)
  const selected = dealById(ctx, d.selectedDealId ?? triage.linking.selectedDeal?.id)
  const firstName = firstNameOf(contactOfDeal(ctx.caseFile.contacts, selected), selected)
  switch (d.action) {
    case "GO":
      return null
    case "SPAM":
      return { stage: "STOPPED_SPAM", reply: null, actions: [actions.close(ctx)] }
    case "BOUNCE":
      return { stage: "SKIPPED_BOUNCE", reply: null, actions: [] }
    case "CMA_OTHER":
      return { stage: "SKIPPED_CMA_OTHER", reply: null, actions: [] }
    case "NOREPLY_NOTIFICATION":
      return { stage: "CLOSED_NOREPLY_NOTIFICATION", reply: null, actions: [actions.close(ctx)] }
    case "CMA_NOTIFICATION": {
      const valid = d.cmaType === "DOSSIER_VALIDE"
      const note = actions.privateComment(ctx, "cma_notification",
        `E-mail de la CMA : ${valid ? "dossier validé" : "dossier incomplet"} — ticket fermé automatiquement.`)
      return { stage: valid ? "CLOSED_CMA_DOSSIER_VALIDE" : "CLOSED_CMA_DOSSIER_INCOMPLET", reply: null, actions: [note, actions.close(ctx)] }
    }
    case "ROUTE": {
      const target = d.targetDepartment ?? "Contact"
      if (target === "Refus CMA" && d.primaryIntent === "TRANSMET_DOCUMENTS") {
        const ackName = firstNameOf(undefined, selected)
        const outcome = withReply(ctx, triage, "STOPPED_AT_TRIAGE", "documents_acknowledgement", notes, ackName)
        return { ...outcome, actions: [...outcome.actions, actions.move(ctx, target)] }
      }
      return { stage: "STOPPED_AT_TRIAGE", reply: null, actions: [...notes, actions.move(ctx, target)] }
    }
    case "DUPLICATE_UBER": {
      const disable = selected === undefined ? [] : [actions.updateDeal(ctx, selected.id, "exam_inclus", { EXAM_INCLUS: "Non" })]
      const kind = triage.linking.duplicates.duplicateDeals.length >= 2 ? "duplicate_uber_old_and_recent" : "duplicate_uber_old_only"
      return withReply(ctx, triage, "DUPLICATE_UBER_OFFER", kind, [...notes, ...disable], firstName)
    }
    case "DUPLICATE_CLARIFICATION": {
      const pendingId = triage.linking.duplicates.duplicateContactInfo?.duplicateDealId
      const hasMarker = d.notes.some((n) => n.text.includes("[DUPLICATE_PENDING:"))
      const marker = hasMarker || pendingId === undefined ? [] : [actions.privateComment(ctx, "duplicate_pending",
        `${Markers.duplicatePending(pendingId)} Doublon possible : en attente de la réponse du candidat (e-mail et téléphone de la première inscription).`)]
      return withReply(ctx, triage, "DUPLICATE_CLARIFICATION", "duplicate_clarification", [...notes, ...marker], firstName)
    }
    case "DUPLICATE_RECOVERABLE": {
      const dup = triage.linking.duplicates
      const disable = dup.dealToDisable === undefined ? [] : [actions.updateDeal(ctx, dup.dealToDisable.id, "exam_inclus", { EXAM_INCLUS: "Non" })]
      const paid = dup.alreadyPaidToCma ? [actions.privateComment(ctx, "cma_already_paid",
        "ATTENTION – FRAIS CMA DÉJÀ PAYÉS : ne pas repayer les 241 € ; le dossier CMA existant peut être repris sans frais supplémentaires.")] : []
      return withReply(ctx, triage, "DUPLICATE_RECOVERABLE", "duplicate_recoverable", [...notes, ...disable, ...paid], firstName)
    }
    case "NEEDS_CLARIFICATION": {
      const pending = d.notes.some((n) => n.text.includes(Markers.identityPending)) ? [] : [actions.privateComment(ctx, "identity_pending",
        `${Markers.identityPending} Candidat non retrouvé : nom, e-mail d'inscription et téléphone demandés ; en attente de sa réponse.`)]
      return withReply(ctx, triage, "NEEDS_CLARIFICATION", "needs_clarification", [...notes, ...pending], firstName)
    }
  }
}
