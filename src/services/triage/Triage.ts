/**
 * Public entry of triage: from the case file's slice (ticket, threads, comments, contacts, deals,
 * recorded LLM triage) to the triage decision and the linking outcome. Pure: `today` is an input.
 */
import type { CrmDealNote, CrmExamDate } from "../../schemas/crm.ts"
import {
  pendingClarification, resolveDuplicateClarification, resolveIdentityClarification, type TicketComment
} from "../rules/linking/clarification.ts"
import { linkDeal, type LinkingOutcome, type LinkingTicket } from "../rules/linking/linkDeal.ts"
import { examDateOf, type LinkingContact, type LinkingDeal } from "../rules/linking/records.ts"
import { classifyOffline } from "./classifier/classify.ts"
import { isIntent } from "./classifier/intents.ts"
import { extractCustomerMessage, type CustomerMessage } from "./message/customerMessage.ts"
import type { TriageThread } from "./message/thread.ts"
import { decideTriage, type TriageDecision } from "./rules/decide.ts"
import { chooseClassification } from "./source.ts"
import { readMonths } from "./text/frenchDates.ts"
import { confirmedExamDate } from "./classifier/context.ts"

export interface TriageCase {
  readonly today: string
  readonly ticket: LinkingTicket & { readonly subject?: string | null }
  readonly threads: ReadonlyArray<TriageThread>
  readonly comments?: ReadonlyArray<TicketComment>
  readonly contacts: ReadonlyArray<LinkingContact>
  readonly deals: ReadonlyArray<LinkingDeal>
  /** Notes of the deals, with the deal they belong to. */
  readonly dealNotes?: ReadonlyArray<{ readonly dealId: string; readonly note: CrmDealNote }>
  readonly examDates?: ReadonlyArray<CrmExamDate>
  readonly llmTriage?: unknown
}

export interface TriageResult {
  readonly decision: TriageDecision
  readonly linking: LinkingOutcome
  readonly customerMessage: CustomerMessage
}

const examDateMap = (records: ReadonlyArray<CrmExamDate> | undefined): ReadonlyMap<string, string> =>
  new Map((records ?? []).flatMap((record) => (record.Date_Examen == null ? [] : [[record.id, record.Date_Examen] as const])))

/** §1.2 row 1.a: an LLM result without `requested_month` is completed by the French date reader. */
const enrichDates = (decision: TriageDecision, text: string, today: string): TriageDecision => {
  if (decision.classificationMethod !== "ai" || decision.context.requested_month !== null) return decision
  const months = readMonths(text, today)
  return {
    ...decision,
    context: {
      ...decision.context,
      requested_month: months.requestedMonth,
      mentioned_month: decision.context.mentioned_month ?? months.mentionedMonth,
      confirmed_new_exam_date: decision.context.confirmed_new_exam_date ?? confirmedExamDate(text, today)
    }
  }
}

const terminalActions: ReadonlySet<string> = new Set(["SPAM", "BOUNCE", "CMA_NOTIFICATION", "CMA_OTHER", "NOREPLY_NOTIFICATION"])

/** §1.2 row 1.d: the candidate answers an identity question asked on this ticket. */
const resolvePending = (decision: TriageDecision, input: TriageCase, message: string): TriageDecision => {
  const pending = pendingClarification(input.comments ?? [])
  if (pending === undefined || terminalActions.has(decision.action)) return decision
  const resolution = pending.kind === "duplicate"
    ? resolveDuplicateClarification(pending, message)
    : resolveIdentityClarification(message, input.contacts, input.deals)
  if (resolution.action === "GO") {
    return { ...decision, notes: [...decision.notes, { kind: "clarification_result", text: resolution.ticketNote }] }
  }
  const restored = resolution.restoredIntent
  return {
    ...decision,
    action: "DUPLICATE_RECOVERABLE",
    targetDepartment: null,
    method: "clarification_resolution",
    reason: "identité confirmée : reprise de l'ancien dossier",
    selectedDealId: resolution.dealId,
    primaryIntent: restored !== undefined && isIntent(restored) ? restored : decision.primaryIntent,
    notes: [
      ...decision.notes,
      { kind: "clarification_result", text: resolution.ticketNote },
      ...(resolution.dealNote === undefined ? [] : [{ kind: "deal_note_duplicate_verified", text: resolution.dealNote }])
    ]
  }
}

/** The deal linker on a triage case, with the candidate's newest message (gather runs it too, to know which deals to read). */
export const linkCase = (
  input: TriageCase,
  customerMessage: string,
  examDates: ReadonlyMap<string, string> = examDateMap(input.examDates)
): ReturnType<typeof linkDeal> =>
  linkDeal({
    ticket: input.ticket, subject: input.ticket.subject ?? "", lastInboundMessage: customerMessage, threads: input.threads,
    contacts: input.contacts, deals: input.deals, today: input.today, examDates
  })

export const runTriage = (input: TriageCase): TriageResult => {
  const customerMessage = extractCustomerMessage(input.threads)
  const subject = input.ticket.subject ?? ""
  const examDates = examDateMap(input.examDates)
  const linking = linkCase(input, customerMessage.text, examDates)
  const assigned = linking.selectedDeal === undefined ? undefined : examDateOf(linking.selectedDeal, examDates)
  const offline = classifyOffline({ subject, message: customerMessage.text, today: input.today, assignedExamDate: assigned })
  const chosen = chooseClassification(input.llmTriage, offline)
  const verified = new Set(
    (input.dealNotes ?? []).filter(({ note }) => (note.Note_Content ?? "").includes("[DUPLICATE_RESOLVED:VERIFIED]")).map(({ dealId }) => dealId)
  )
  const decided = decideTriage({
    today: input.today, subject, customerMessage: customerMessage.text, threads: input.threads, linking,
    verifiedDuplicateDealIds: verified, examDates
  }, chosen)
  const decision = resolvePending(enrichDates(decided, `${subject}\n${customerMessage.text}`, input.today), input, customerMessage.text)
  return { decision, linking, customerMessage }
}

// The rest of triage's public surface; everything else in this folder is detail.
export { classifyOffline, CONFIDENCE_THRESHOLD, type OfflineClassification } from "./classifier/classify.ts"
export { chooseClassification, decodeLlmTriage, type ChosenClassification } from "./source.ts"
export { extractCustomerMessage, type CustomerMessage } from "./message/customerMessage.ts"
export { routingRuleMethods, type TriageDecision } from "./rules/decide.ts"
export { triageCaseOf, toDecisionTriage } from "./caseFile.ts"
export { findDates, readMonths } from "./text/frenchDates.ts"
