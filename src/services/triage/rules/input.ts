/** What the triage rules read: extracted message, linking outcome, the chosen classification. */
import type { LinkingOutcome } from "../../rules/linking/linkDeal.ts"
import type { TriageThread } from "../message/thread.ts"

export interface TriageRuleInput {
  readonly today: string
  readonly subject: string
  /** §2.2 customer message (quoted history removed). */
  readonly customerMessage: string
  readonly threads: ReadonlyArray<TriageThread>
  readonly linking: LinkingOutcome
  /** Deals whose CRM notes carry `[DUPLICATE_RESOLVED:VERIFIED]` (rule 9). */
  readonly verifiedDuplicateDealIds: ReadonlySet<string>
  /** Exam-date record id → `Date_Examen`, when resolved. */
  readonly examDates?: ReadonlyMap<string, string>
}
