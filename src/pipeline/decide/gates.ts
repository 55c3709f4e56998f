/** §1.2 rows 0–0.1: tickets `decide` leaves alone before any analysis. */
import type { DecisionAction, WorkflowStage } from "../../schemas/decision.ts"
import { actions, DOCFLOW_DRAFT_MARKER, type DecideContext } from "./context.ts"

export interface GateStop {
  readonly stage: WorkflowStage
  readonly reason: string
  readonly actions: ReadonlyArray<DecisionAction>
}

/** A draft docflow wrote (marker in its content, or an id the caller lists) does not stop the ticket. */
const isDocflowDraft = (ctx: DecideContext, draft: { readonly id: string; readonly content?: string | null | undefined }): boolean =>
  (ctx.options.docflowDraftIds ?? []).includes(draft.id) || (draft.content ?? "").includes(DOCFLOW_DRAFT_MARKER)

const isClosed = (value: string | null | undefined): boolean => (value ?? "").toLowerCase() === "closed"

export const checkGates = (ctx: DecideContext): GateStop | null => {
  const { ticket, drafts } = ctx.caseFile
  const foreign = drafts.filter((d) => !isDocflowDraft(ctx, d))
  if (foreign.length > 0) {
    return { stage: "SKIPPED_DRAFT_EXISTS", reason: `brouillon existant non créé par docflow (${foreign.map((d) => d.id).join(", ")})`, actions: [] }
  }
  if (isClosed(ticket.status) || isClosed(ticket.statusType)) {
    return { stage: "SKIPPED_TICKET_CLOSED", reason: "ticket fermé", actions: [] }
  }
  if ((ticket.source?.type ?? "").toUpperCase() === "INSTANT_MESSAGE") {
    return { stage: "SKIPPED_INSTANT_MESSAGE", reason: "ticket de messagerie instantanée : fermé sans réponse", actions: [actions.close(ctx)] }
  }
  return null
}
