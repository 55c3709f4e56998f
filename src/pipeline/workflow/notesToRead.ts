/**
 * Which deals' notes a decision can read, so that gather reads those and no others. `decide`
 * reads the META notes of the deal it works on (§8.6: memory, escalation, conversation), and that
 * deal is the linker's selection (§3.2) unless the duplicate path moves it: the deal to work on,
 * the duplicate deal whose `[DUPLICATE_RESOLVED:VERIFIED]` note settles a homonym (§3.5), or the
 * deal the candidate's answer to a pending clarification names (§3.6). The linker and the
 * clarification rules are pure, so they are run here on the same inputs triage will see.
 */
import type { CaseFile } from "../../schemas/caseFile.ts"
import type { CrmExamDate } from "../../schemas/crm.ts"
import { linkDeal, pendingClarification, resolveIdentityClarification } from "../../services/rules/linking/index.ts"
import { extractCustomerMessage, triageCaseOf, type TriageCase } from "../../services/triage/Triage.ts"

/** Exam-date id → `Date_Examen`, as triage gives the linker. */
const examDateMap = (records: ReadonlyArray<CrmExamDate>): ReadonlyMap<string, string> =>
  new Map(records.flatMap((record) => (record.Date_Examen == null ? [] : [[record.id, record.Date_Examen] as const])))

/** The deal a pending clarification would switch to once the candidate answers. */
const answeredDealId = (input: TriageCase, message: string): string | undefined => {
  const pending = pendingClarification(input.comments ?? [])
  if (pending === undefined) return undefined
  if (pending.kind === "duplicate") return pending.dealId
  const resolution = resolveIdentityClarification(message, input.contacts, input.deals)
  return resolution.action === "GO" ? undefined : resolution.dealId
}

/**
 * The ids of the deals whose notes the decision may read, among the case file's deals, in the
 * case file's order. `alsoNeeded` adds deals gather itself reads notes for (the conversation
 * analysis reads the META of gather's preferred deal).
 */
export const dealsWhoseNotesMatter = (caseFile: CaseFile, alsoNeeded: ReadonlyArray<string | undefined> = []): ReadonlyArray<string> => {
  const input = triageCaseOf(caseFile)
  const message = extractCustomerMessage(input.threads).text
  const linking = linkDeal({
    ticket: input.ticket, subject: input.ticket.subject ?? "", lastInboundMessage: message, threads: input.threads,
    contacts: input.contacts, deals: input.deals, today: input.today, examDates: examDateMap(caseFile.examDates)
  })
  const wanted = new Set([
    linking.selectedDeal?.id,
    linking.duplicates.dealToWorkOn?.id,
    linking.duplicates.duplicateContactInfo?.duplicateDealId,
    answeredDealId(input, message),
    ...alsoNeeded
  ])
  return caseFile.deals.map((deal) => deal.id).filter((id) => wanted.has(id))
}
