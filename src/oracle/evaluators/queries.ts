/** Evaluators of the exam-date query and training-session files. */
import { Modules } from "../../services/rules/constants.ts"
import { describeRequest, inMemoryReader, type CrmRequest } from "../../services/rules/crmQuery.ts"
import {
  DOCFLOW_PROPOSAL_POLICY, earlierDatesOtherDepartments, findExamSessionByDateAndDept, nextExamDates,
  nextExamDatesAnyDepartment, type ProposalPolicy
} from "../../services/rules/examDates.ts"
import { enrichDealLookups } from "../../services/rules/lookups.ts"
import { isRecord, pyStr, type CrmRecord } from "../../services/rules/pyValues.ts"
import { analyzeSessionSituation, sessionsForExamDate } from "../../services/rules/sessions.ts"
import type { OracleLine } from "../format.ts"
import { asRecords, compareKeys, compared, ids, notCompared, reduceSession, todayOf, type Evaluator } from "./types.ts"

/** Requests in the oracle's notation; a failing CRM is noted `-> RuntimeError`. */
export const requestLines = (requests: ReadonlyArray<CrmRequest>, failing: boolean): ReadonlyArray<string> =>
  requests.map((r) =>
    failing ? `GET ${r.module}/${r._tag === "Search" ? "search" : r.id} -> RuntimeError` : (r._tag === "GetRecord" && r.via === "client" ? `get_record ${r.module}/${r.id}` : describeRequest(r)))

const arg = (line: OracleLine, name: string, fallback: unknown = null): unknown => {
  const args = isRecord(line.args) ? line.args : {}
  return name in args ? args[name] : fallback
}

export const evaluateExamDatesQueryWith = (policy: ProposalPolicy): Evaluator => (line) => {
  const today = todayOf(line)
  const failing = line.crm_error === true
  const crm = inMemoryReader({ [Modules.examDates]: asRecords(line.next_exam_sessions) }, { failing })
  const limit = (v: unknown, dflt: number) => (typeof v === "number" ? v : dflt)
  let result: ReadonlyArray<CrmRecord>
  switch (line.fn) {
    case "get_next_exam_dates":
      result = nextExamDates(crm, arg(line, "departement"), today, limit(arg(line, "limit"), 2), policy)
      break
    case "get_next_exam_dates_any_department":
      result = nextExamDatesAnyDepartment(crm, today, limit(arg(line, "limit"), 2), policy)
      break
    case "get_earlier_dates_other_departments":
      result = earlierDatesOtherDepartments(crm, arg(line, "current_departement"), arg(line, "reference_date"), today,
        limit(arg(line, "limit"), 3), policy)
      break
    case "find_exam_session_by_date_and_dept": {
      const found = findExamSessionByDateAndDept(crm, arg(line, "exam_date"), arg(line, "departement"))
      result = found ? [found] : []
      break
    }
    default:
      throw new Error(`unknown exam-date function ${line.fn}`)
  }
  return [
    compared("ids", line.expected.ids, ids(result)),
    ...("crm_requests" in line ? [compared("crm_requests", line.crm_requests, requestLines(crm.requests, failing))] : [])
  ]
}

export const evaluateExamDatesQuery: Evaluator = evaluateExamDatesQueryWith(DOCFLOW_PROPOSAL_POLICY)

const examRecordsById = (line: OracleLine): Map<string, CrmRecord> =>
  new Map(asRecords(line.next_exam_sessions).map((r) => [pyStr(r.id), r]))

export const evaluateSession: Evaluator = (line) => {
  const today = todayOf(line)
  const crm = inMemoryReader({
    [Modules.sessions]: asRecords(line.training_sessions),
    [Modules.examDates]: asRecords(line.next_exam_sessions)
  })
  const requestsKey = () =>
    "crm_requests" in line ? [compared("crm_requests", line.crm_requests, requestLines(crm.requests, false))] : []
  if (line.fn === "get_sessions_for_exam_date") {
    const limit = arg(line, "limit", 2)
    const sessions = sessionsForExamDate(crm, arg(line, "exam_date"), arg(line, "session_type"), today,
      typeof limit === "number" ? limit : 2)
    return [compared("sessions", line.expected.sessions, sessions.map(reduceSession)), ...requestsKey()]
  }
  if (line.fn !== "analyze_session_situation") throw new Error(`unknown session function ${line.fn}`)
  const deal = isRecord(line.deal) ? line.deal : {}
  const byId = examRecordsById(line)
  const wanted = Array.isArray(arg(line, "exam_date_ids", [])) ? (arg(line, "exam_date_ids", []) as ReadonlyArray<unknown>) : []
  const exams = wanted.map((id) => byId.get(pyStr(id))).filter((r): r is CrmRecord => r !== undefined)
  const examDates = arg(line, "duplicate_first") === true && exams.length > 0 ? [exams[0] as CrmRecord, ...exams] : exams
  const enriched = enrichDealLookups(crm, deal)
  const situation = analyzeSessionSituation(crm, {
    deal,
    examDates,
    threads: line.threads ?? null,
    triagePreference: arg(line, "triage_session_preference"),
    allowChange: arg(line, "allow_change") === true,
    isExplicitSessionChange: arg(line, "is_explicit_session_change") === true,
    enriched,
    today
  })
  const actual: Record<string, unknown> = {
    session_preference: situation.session_preference,
    current_session: situation.current_session,
    current_session_is_past: situation.current_session_is_past,
    refresh_session_available: situation.refresh_session_available,
    refresh_session: situation.refresh_session
      ? { session: reduceSession(situation.refresh_session.session), exam: situation.refresh_session.exam.id ?? null }
      : null,
    proposed_options: situation.proposed_options.map((o) => ({ exam: o.exam.id ?? null, sessions: o.sessions.map(reduceSession) })),
    current_session_valid_for_new_date: situation.current_session_valid_for_new_date
  }
  return [
    ...compareKeys(line.expected, actual, [
      "session_preference", "current_session", "current_session_is_past", "refresh_session_available", "refresh_session",
      "proposed_options", "current_session_valid_for_new_date"
    ]),
    notCompared("message", "French wording is docflow's own"),
    ...requestsKey()
  ]
}
