/**
 * A small, honest `decide` for workflow tests (the real one lives in src/pipeline/decide): it
 * applies the two gates the workflow depends on (a foreign draft, a closed ticket) and plans one
 * action of each creating kind, with keys derived as the schema prescribes.
 */
import { makeIdempotencyKey, type ActionKind, type Decision, type DecisionAction } from "../../../src/schemas/decision.ts"
import type { CaseFile } from "../../../src/schemas/caseFile.ts"
import { emptyIntentContext } from "../../../src/schemas/triage.ts"
import type { DecideOptions } from "../../../src/pipeline/workflow/Decider.ts"

export const SANDBOX_FROM = "doc@cab-formations.example"

const newestInbound = (caseFile: CaseFile): string | null =>
  [...caseFile.threads].filter((t) => t.direction === "in").sort((a, b) => b.createdTime.localeCompare(a.createdTime))[0]?.id ?? null

export const simpleDecide = (caseFile: CaseFile, options: DecideOptions): Decision => {
  const ticketId = caseFile.ticket.id
  const inbound = newestInbound(caseFile)
  const key = (kind: ActionKind, target: string, purpose?: string) =>
    makeIdempotencyKey({ ticketId, inboundThreadId: inbound, kind, target: purpose === undefined ? target : `${target}:${purpose}` })
  const foreignDrafts = caseFile.drafts.filter((d) => !options.docflowDraftIds.includes(d.id))
  const closed = (caseFile.ticket.status ?? "").toLowerCase() === "closed"
  const stage = foreignDrafts.length > 0 ? "SKIPPED_DRAFT_EXISTS" : closed ? "SKIPPED_TICKET_CLOSED" : "COMPLETED"
  const deal = caseFile.deals[0]
  const name = caseFile.contacts[0]?.First_Name ?? "Madame, Monsieur"
  const actions: Array<DecisionAction> =
    stage !== "COMPLETED"
      ? []
      : [
          {
            _tag: "CreateDraft",
            idempotencyKey: key("CreateDraft", ticketId),
            target: ticketId,
            payload: {
              channel: "EMAIL",
              contentType: "html",
              fromEmailAddress: SANDBOX_FROM,
              content: `<p>Bonjour ${name},</p><p>Nous avons bien reçu votre message (${inbound ?? "?"}).</p>`
            }
          },
          {
            _tag: "UpdateTicketFields",
            idempotencyKey: key("UpdateTicketFields", ticketId, "brouillon_auto"),
            target: ticketId,
            payload: { cf: { cf_brouillon_auto: true } }
          },
          {
            _tag: "AddTicketComment",
            idempotencyKey: key("AddTicketComment", ticketId, "suivi"),
            target: ticketId,
            payload: { content: "docflow : brouillon proposé.", isPublic: false, contentType: "plainText" }
          },
          ...(deal === undefined
            ? []
            : [{
                _tag: "AddDealNote" as const,
                idempotencyKey: key("AddDealNote", deal.id, "meta"),
                target: deal.id,
                payload: { Note_Title: "Note automatique - Ticket DOC", Note_Content: `[META] ticket=${ticketId}` }
              }])
        ]
  return {
    mode: options.mode,
    stage,
    triage: {
      action: "GO",
      targetDepartment: null,
      primaryIntent: "DEMANDE_DATE_EXAMEN",
      secondaryIntents: [],
      context: emptyIntentContext(),
      method: "default",
      confidence: 0.9,
      reason: stage === "COMPLETED" ? "" : stage
    },
    deal: deal === undefined ? null : { id: deal.id, name: deal.Deal_Name ?? null, linkedBy: "email", duplicateDealIds: [], duplicateType: null },
    uberCase: null,
    dateCase: { helper: null, stateEngine: null },
    sessions: { preference: null, proposals: [] },
    state: stage === "COMPLETED" ? { id: "T-1", name: "TEST_STATE" } : null,
    templateVars: { primary_intent: "DEMANDE_DATE_EXAMEN" },
    reply: null,
    actions
  }
}
