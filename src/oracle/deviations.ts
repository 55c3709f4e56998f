/**
 * Deliberate differences from the original, each documented in docs/DEVIATIONS.md. A deviation
 * excuses a disagreement only on its file and keys AND when its selector holds for the case's
 * input; any other disagreement on those keys still fails the run.
 */
import { BLOCKING_MODIFICATION } from "../services/rules/constants.ts"
import { isDateInPast } from "../services/rules/dates.ts"
import { isStaleButOpen, ORIGINAL_PROPOSAL_POLICY } from "../services/rules/examDates.ts"
import { isRecord, type CrmRecord } from "../services/rules/pyValues.ts"
import { evaluateDateCaseWith } from "./evaluators/dateCases.ts"
import { evaluateExamDatesQueryWith } from "./evaluators/queries.ts"
import { compared, type Evaluator } from "./evaluators/types.ts"
import type { FileKind, OracleLine } from "./format.ts"

export interface Deviation {
  readonly id: string
  readonly file: FileKind
  /** compared keys, as the runner names them */
  readonly keys: ReadonlyArray<string>
  readonly summary: string
  /** the cases this deviation may concern, decided on the input alone */
  readonly selector: (line: OracleLine) => boolean
  /**
   * docflow's rules run the original's way: an excused disagreement must vanish there, so the
   * deviation cannot hide an unrelated difference.
   */
  readonly original: Evaluator
}

const examRecordsOf = (line: OracleLine): ReadonlyArray<CrmRecord> => [
  ...(isRecord(line.exam_session) ? [line.exam_session] : []),
  ...(Array.isArray(line.next_exam_sessions) ? line.next_exam_sessions.filter(isRecord) : [])
]

/** The exam-date catalog holds a date still open for registration whose exam is not ahead. */
const catalogHasStaleOpenDate = (line: OracleLine): boolean =>
  typeof line.today === "string" && examRecordsOf(line).some((r) => isStaleButOpen(r, line.today as string))

export const DEVIATIONS: ReadonlyArray<Deviation> = [
  {
    id: "DEV-1",
    file: "can_modify",
    keys: ["crm_update_agent_can_modify_plain_lookup"],
    summary: "the CRM-update guard applies rule B1 with the exam record's clôture (the original's never blocks, D6)",
    selector: (line) =>
      typeof line.evalbox === "string" && BLOCKING_MODIFICATION.has(line.evalbox) && typeof line.today === "string" &&
      isDateInPast(line.date_cloture, line.today),
    // the original's guard never sees a clôture, so it always allows the change
    original: () => [compared("crm_update_agent_can_modify_plain_lookup", null, true)]
  },
  {
    id: "DEV-2",
    file: "date",
    keys: ["date_analysis", "crm_requests"],
    summary: "exam dates whose exam day is today, past or unreadable are never proposed, even with an open clôture",
    selector: catalogHasStaleOpenDate,
    original: evaluateDateCaseWith(ORIGINAL_PROPOSAL_POLICY)
  },
  {
    id: "DEV-2",
    file: "exam_dates_query",
    keys: ["ids", "crm_requests"],
    summary: "exam dates whose exam day is today, past or unreadable are never proposed, even with an open clôture",
    selector: catalogHasStaleOpenDate,
    original: evaluateExamDatesQueryWith(ORIGINAL_PROPOSAL_POLICY)
  }
]
