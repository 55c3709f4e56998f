/** Evaluators of the small oracle files: Evalbox mapping, helpers, rule B1, Uber. */
import { parseDateFlexible, parseDatetimeFlexible, pyIsoFormat, isDateInPast } from "../../services/rules/dates.ts"
import { detectCandidateRegion, extractDepartementFromCma } from "../../services/rules/departement.ts"
import { canModifyExamDate, classifyEngagementLevel } from "../../services/rules/engagement.ts"
import { evalboxFromExamt3p } from "../../services/rules/evalbox.ts"
import { crmExamDate, examt3pExamDate } from "../../services/rules/examt3pDates.ts"
import { PythonError, isRecord, type CrmRecord } from "../../services/rules/pyValues.ts"
import { isUberVisioSession, sessionPreferenceFromDeal, sessionPreferenceFromThreads } from "../../services/rules/sessions.ts"
import { stateEngineCloturePassed, stateEngineCanModify } from "../../services/rules/stateEngineDates.ts"
import { threadsSuggestExamNotTaken } from "../../services/rules/threads.ts"
import { analyzeUberEligibility, isUber20DealValue, isUberProspect, stateEngineUber } from "../../services/rules/uber.ts"
import { compareKeys, compared, todayOf, type Evaluator } from "./types.ts"

const record = (v: unknown): CrmRecord => (isRecord(v) ? v : {})

export const evaluateEvalboxMapping: Evaluator = (line) => {
  const input = record(line.input)
  return [compared("evalbox", line.expected.evalbox, evalboxFromExamt3p(input.examt3p_data))]
}

type HelperFn = (arg: (i: number, name: string) => unknown, today: string | null) => unknown

const needToday = (today: string | null): string => {
  if (today === null) throw new Error("helper case needs `today`")
  return today
}

const HELPERS: Readonly<Record<string, HelperFn>> = {
  extract_departement_from_cma: (a) => extractDepartementFromCma(a(0, "cma_depot")),
  parse_date_flexible: (a) => parseDateFlexible(a(0, "date_input")),
  parse_datetime_flexible: (a) => {
    const dt = parseDatetimeFlexible(a(0, "datetime_input"))
    return dt === null ? null : pyIsoFormat(dt)
  },
  get_examt3p_exam_date: (a) => examt3pExamDate(record(a(0, "examt3p_data"))),
  get_crm_exam_date: (a) => {
    const enriched = a(1, "enriched_lookups")
    return crmExamDate(record(a(0, "deal_data")), isRecord(enriched) ? enriched : null)
  },
  check_threads_for_exam_not_passed: (a) => threadsSuggestExamNotTaken(a(0, "threads")),
  detect_session_preference_from_deal: (a) => {
    const enriched = a(1, "enriched_lookups")
    return sessionPreferenceFromDeal(record(a(0, "deal_data")), isRecord(enriched) ? enriched : null)
  },
  detect_session_preference_from_threads: (a) => sessionPreferenceFromThreads(a(0, "threads")),
  detect_candidate_region: (a) => detectCandidateRegion(a(0, "text"), a(1, "department")),
  is_date_in_past: (a, today) => isDateInPast(a(0, "date_str"), needToday(today)),
  "examt3p_crm_sync.is_date_past": (a, today) => isDateInPast(a(0, "date_str"), needToday(today)),
  is_uber_visio_session: (a) => isUberVisioSession(a(0, "lieu_name"))
}

export const evaluateHelpers: Evaluator = (line) => {
  const fn = line.fn ?? ""
  const impl = HELPERS[fn]
  if (!impl) throw new Error(`unknown helper function ${fn}`)
  const args = Array.isArray(line.args) ? line.args : []
  const kwargs = record(line.kwargs)
  const arg = (i: number, name: string): unknown => (i < args.length ? args[i] : kwargs[name] ?? null)
  const today = typeof line.today === "string" ? line.today : null
  let actual: Record<string, unknown>
  try {
    actual = { value: impl(arg, today) }
  } catch (e) {
    if (!(e instanceof PythonError)) throw e
    actual = { raises: e.pythonClass }
  }
  return [compared(`${fn}`, line.expected, actual)]
}

export const evaluateCanModify: Evaluator = (line) => {
  const today = todayOf(line)
  const { evalbox, date_cloture: cloture } = line
  const engagement = classifyEngagementLevel(evalbox, cloture, line.examt3p_data, today)
  const b1 = canModifyExamDate(evalbox, cloture, today).canModify
  const actual: Record<string, unknown> = {
    can_modify_exam_date: b1,
    engagement,
    crm_update_agent_can_modify: b1,
    // docflow's update guard always reads the clôture of the exam record (deviation DEV-1)
    crm_update_agent_can_modify_plain_lookup: b1
  }
  const se = record(line.expected.state_engine)
  return [
    ...compareKeys(line.expected, actual, ["can_modify_exam_date", "engagement", "crm_update_agent_can_modify", "crm_update_agent_can_modify_plain_lookup"]),
    ...compareKeys(se, {
      cloture_passed: stateEngineCloturePassed(cloture, today),
      can_modify_exam_date: stateEngineCanModify(evalbox, cloture, today)
    }, ["cloture_passed", "can_modify_exam_date"], "state_engine.")
  ]
}

export const evaluateUber: Evaluator = (line) => {
  const today = todayOf(line)
  const deal = record(line.deal)
  const helper = analyzeUberEligibility(deal, today)
  const actual: Record<string, unknown> = {
    ...helper,
    helper_is_uber_20_deal_fn: isUber20DealValue(deal),
    helper_is_uber_prospect_fn: isUberProspect(deal)
  }
  const engine = stateEngineUber(deal, today)
  const se = record(line.expected.state_engine)
  return [
    ...compareKeys(line.expected, actual, [
      "uber_case", "is_uber_20_deal", "is_uber_prospect", "should_include_in_response", "date_dossier_recu",
      "date_test_selection", "helper_is_uber_20_deal_fn", "helper_is_uber_prospect_fn"
    ]),
    ...compareKeys(se, { ...engine }, ["uber_case", "is_uber_20_deal", "is_uber_prospect"], "state_engine.")
  ]
}
