/**
 * Bridges the shared case file and decision schemas to triage: builds the `TriageCase` from a
 * `CaseFile`, and writes the `DecisionTriage` block of the decision.
 */
import type { CaseFile } from "../../schemas/caseFile.ts"
import { caseFileToday } from "../../schemas/caseFile.ts"
import type { DecisionTriage } from "../../schemas/decision.ts"
import { Schema } from "effect"
import { TriageMethod } from "../../schemas/triage.ts"
import type { TriageDecision } from "./rules/decide.ts"
import type { TriageCase } from "./Triage.ts"

const asText = (value: string | number | boolean | null | undefined): string | null | undefined =>
  value === null || value === undefined ? value : String(value)

export const triageCaseOf = (caseFile: CaseFile): TriageCase => {
  const cf = Object.fromEntries(Object.entries(caseFile.ticket.cf ?? {}).map(([key, value]) => [key, asText(value)]))
  const contact = caseFile.ticket.contact
  return {
    today: caseFileToday(caseFile),
    ticket: {
      subject: caseFile.ticket.subject ?? null,
      email: caseFile.ticket.email ?? contact?.email ?? null,
      phone: caseFile.ticket.phone ?? contact?.mobile ?? contact?.phone ?? null,
      contactName: [contact?.firstName, contact?.lastName].filter(Boolean).join(" ") || null,
      cf
    },
    threads: caseFile.threads,
    comments: caseFile.comments.map((comment) => ({
      content: comment.content ?? "", commentedTime: comment.commentedTime, isPublic: comment.isPublic
    })),
    contacts: caseFile.contacts,
    deals: caseFile.deals,
    // CrmDealNote carries no parent deal id in the shared schema: notes are only used when the
    // gatherer tags them (see TriageCase.dealNotes), so rule 9 cannot fire from a bare case file.
    dealNotes: [],
    examDates: caseFile.examDates,
    llmTriage: caseFile.llmTriage
  }
}

const sharedMethod = (method: string): TriageMethod => (Schema.is(TriageMethod)(method) ? method : "default")

export const toDecisionTriage = (decision: TriageDecision): DecisionTriage => ({
  action: decision.action,
  targetDepartment: decision.targetDepartment,
  primaryIntent: decision.primaryIntent,
  secondaryIntents: decision.secondaryIntents,
  context: decision.context,
  method: sharedMethod(decision.method),
  confidence: decision.confidence,
  reason: decision.method === sharedMethod(decision.method) ? decision.reason : `${decision.reason} [${decision.method}]`
})
