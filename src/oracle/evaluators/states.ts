/**
 * Evaluator of the candidate-state engine: `state_cases.jsonl` (every expected key) and the
 * `state_engine.states` column of `date_cases.jsonl`.
 */
import { Modules } from "../../services/rules/constants.ts"
import { inMemoryReader } from "../../services/rules/crmQuery.ts"
import { enrichDealLookups } from "../../services/rules/lookups.ts"
import { isRecord, type CrmRecord } from "../../services/rules/pyValues.ts"
import { detectStates, type DetectedStates } from "../../services/rules/states/detect.ts"
import type { StateInput } from "../../services/rules/states/facts.ts"
import type { OracleLine } from "../format.ts"
import { asRecords, compared, todayOf, type Comparison, type Evaluator } from "./types.ts"

const recordOr = (v: unknown): CrmRecord => (isRecord(v) ? v : {})

export const stateInputOfLine = (line: OracleLine): StateInput => {
  const deal = recordOr(line.deal)
  const examRecords = [...(isRecord(line.exam_session) ? [line.exam_session] : []), ...asRecords(line.next_exam_sessions)]
  const modules = { [Modules.examDates]: examRecords, [Modules.sessions]: asRecords(line.training_sessions) }
  return {
    today: todayOf(line),
    deal,
    enriched: enrichDealLookups(inMemoryReader(modules), deal),
    examt3p: recordOr(line.examt3p_data),
    triage: recordOr(line.triage),
    linking: recordOr(line.linking),
    sessionData: isRecord(line.session_data) ? line.session_data : null,
    consistency: isRecord(line.training_exam_consistency_data) ? line.training_exam_consistency_data : null
  }
}

const names = (states: DetectedStates["all"]) => states.map((s) => s.name)

/** The detection in the oracle's shape. */
export const statesAsOracle = (d: DetectedStates): Record<string, unknown> => ({
  primary: d.primary.name,
  primary_id: d.primary.id,
  blocking: d.blocking?.name ?? null,
  warnings: names(d.warnings),
  infos: names(d.infos),
  all: names(d.all),
  alerts: [...d.alerts],
  context: {
    uber_case: d.facts.uberCase,
    can_modify_exam_date: d.facts.canModifyExamDate,
    cloture_passed: d.facts.date.cloture_passed,
    session_assignment_error: d.facts.sessionAssignmentError,
    mentions_force_majeure: d.facts.mentionsForceMajeure,
    examt3p_access_lost: d.blocking?.name === "EXAMT3P_ACCESS_LOST" ? true : null
  }
})

export const evaluateStateCase: Evaluator = (line) => {
  const actual = statesAsOracle(detectStates(stateInputOfLine(line)))
  return Object.keys(line.expected).map((k): Comparison => compared(k, line.expected[k], actual[k]))
}

/** `date_cases.jsonl`: the state-engine column `state_engine.states`. */
export const evaluateDateCaseStates = (line: OracleLine): ReadonlyArray<Comparison> => {
  const se = recordOr(line.expected.state_engine)
  if (!("states" in se)) return []
  const actual = statesAsOracle(detectStates(stateInputOfLine(line)))
  const expected = recordOr(se.states)
  const reduced = Object.fromEntries(Object.keys(expected).map((k) => [k, actual[k]]))
  return [compared("state_engine.states", expected, reduced)]
}

/** Wraps the date-case evaluator so its `state_engine.states` column is compared here. */
export const withStateColumns = (evaluateDate: Evaluator): Evaluator => (line) => [
  ...evaluateDate(line).filter((c) => c.key !== "state_engine.states"),
  ...evaluateDateCaseStates(line)
]
