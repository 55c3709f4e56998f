/** What every stage of `decide` shares: the case file, today, the options, and action builders. */
import type { CaseFile } from "../../schemas/caseFile.ts"
import { caseFileToday } from "../../schemas/caseFile.ts"
import {
  makeIdempotencyKey, type ActionKind, type DecisionAction, type DecisionMode
} from "../../schemas/decision.ts"
import type { DeskCommentRequest, DeskDraftReplyRequest, DeskTicketUpdate } from "../../schemas/desk.ts"
import type { CrmWriteValue } from "../../schemas/crm.ts"
import type { TargetDepartment } from "../../schemas/triage.ts"

export interface DecideOptions {
  /** Recorded in the decision; `decide` plans the same actions in both modes. */
  readonly mode?: DecisionMode
  /** Ids of drafts docflow created itself (they do not stop the ticket, §1.2 row 0). */
  readonly docflowDraftIds?: ReadonlyArray<string>
  /** Sender of DOC replies. */
  readonly fromEmailAddress?: string
  /** Desk agent who receives escalated tickets (cancellation insistence). */
  readonly escalationAgentId?: string
}

/** Every draft docflow writes carries this attribute, so a later run recognises its own drafts. */
export const DOCFLOW_DRAFT_MARKER = "data-docflow-draft"

export const DEFAULT_FROM = "doc@cab-formations.fr"

export interface DecideContext {
  readonly caseFile: CaseFile
  readonly today: string
  readonly ticketId: string
  readonly inboundThreadId: string | null
  readonly options: DecideOptions
}

const instant = (value: string): number => {
  const t = Date.parse(value)
  return Number.isNaN(t) ? 0 : t
}

/** Newest inbound (candidate) thread: a new message gives new idempotency keys. */
export const newestInboundThreadId = (caseFile: CaseFile): string | null => {
  const inbound = caseFile.threads.filter((t) => t.direction === "in")
  const newest = [...inbound].sort((a, b) => instant(String(b.createdTime)) - instant(String(a.createdTime)))[0]
  return newest?.id ?? null
}

export const decideContext = (caseFile: CaseFile, options: DecideOptions): DecideContext => ({
  caseFile,
  today: caseFileToday(caseFile),
  ticketId: caseFile.ticket.id,
  inboundThreadId: newestInboundThreadId(caseFile),
  options
})

/** `purpose` separates several actions of one kind on one target (two notes on a ticket). */
const keyOf = (ctx: DecideContext, kind: ActionKind, target: string, purpose?: string): string =>
  makeIdempotencyKey({
    ticketId: ctx.ticketId,
    inboundThreadId: ctx.inboundThreadId,
    kind,
    target: purpose === undefined ? target : `${target}:${purpose}`
  })

export const actions = {
  draft: (ctx: DecideContext, html: string, to: string | undefined): DecisionAction => {
    const key = keyOf(ctx, "CreateDraft", ctx.ticketId)
    const payload: DeskDraftReplyRequest = {
      channel: "EMAIL",
      contentType: "html",
      fromEmailAddress: ctx.options.fromEmailAddress ?? DEFAULT_FROM,
      content: `<div ${DOCFLOW_DRAFT_MARKER}="${key}">${html}</div>`,
      ...(to === undefined ? {} : { to })
    }
    return { _tag: "CreateDraft", idempotencyKey: key, target: ctx.ticketId, payload }
  },
  privateComment: (ctx: DecideContext, purpose: string, content: string): DecisionAction => {
    const payload: DeskCommentRequest = { content, isPublic: false, contentType: "plainText" }
    return { _tag: "AddTicketComment", idempotencyKey: keyOf(ctx, "AddTicketComment", ctx.ticketId, purpose), target: ctx.ticketId, payload }
  },
  ticketFields: (ctx: DecideContext, purpose: string, payload: DeskTicketUpdate): DecisionAction => ({
    _tag: "UpdateTicketFields", idempotencyKey: keyOf(ctx, "UpdateTicketFields", ctx.ticketId, purpose), target: ctx.ticketId, payload
  }),
  close: (ctx: DecideContext): DecisionAction => actions.ticketFields(ctx, "close", { status: "Closed" }),
  markDraft: (ctx: DecideContext): DecisionAction => actions.ticketFields(ctx, "brouillon_auto", { cf: { cf_brouillon_auto: true } }),
  move: (ctx: DecideContext, departmentName: TargetDepartment): DecisionAction => ({
    _tag: "MoveTicket", idempotencyKey: keyOf(ctx, "MoveTicket", ctx.ticketId), target: ctx.ticketId, payload: { departmentName }
  }),
  updateDeal: (
    ctx: DecideContext, dealId: string, purpose: string, payload: Readonly<Record<string, CrmWriteValue>>
  ): DecisionAction => ({
    _tag: "UpdateDeal", idempotencyKey: keyOf(ctx, "UpdateDeal", dealId, purpose), target: dealId, payload
  }),
  dealNote: (ctx: DecideContext, dealId: string, purpose: string, title: string, content: string): DecisionAction => ({
    _tag: "AddDealNote", idempotencyKey: keyOf(ctx, "AddDealNote", dealId, purpose), target: dealId,
    payload: { Note_Title: title, Note_Content: content }
  })
}
