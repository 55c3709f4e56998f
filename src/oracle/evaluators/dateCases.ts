/** Evaluator of `date_cases.jsonl`: the helper's analysis, enrichment, B1, engagement, detector case. */
import { Modules } from "../../services/rules/constants.ts"
import { inMemoryReader } from "../../services/rules/crmQuery.ts"
import { canModifyExamDate, classifyEngagementLevel } from "../../services/rules/engagement.ts"
import { analyzeExamDateSituation, type ExamDateAnalysis } from "../../services/rules/examDateCase.ts"
import { DOCFLOW_PROPOSAL_POLICY, type ProposalPolicy } from "../../services/rules/examDates.ts"
import { enrichDealLookups, type EnrichedLookups } from "../../services/rules/lookups.ts"
import { isRecord, type CrmRecord } from "../../services/rules/pyValues.ts"
import { stateDateContext } from "../../services/rules/stateContext.ts"
import { requestLines } from "./queries.ts"
import { asRecords, compareKeys, compared, ids, notCompared, reduceSession, todayOf, type Comparison, type Evaluator } from "./types.ts"

/** The helper's result in the oracle's shape (records reduced to ids). */
export const analysisAsOracle = (a: ExamDateAnalysis): Record<string, unknown> => {
  const out: Record<string, unknown> = {
    case: a.case,
    should_include_in_response: a.should_include_in_response,
    evalbox_status: a.evalbox_status,
    current_departement: a.current_departement,
    can_choose_other_department: a.can_choose_other_department,
    date_examen_vtc: a.date_examen_vtc,
    date_cloture: a.date_cloture,
    auto_assigned: a.auto_assigned,
    auto_assigned_exam_date: a.auto_assigned_exam_date,
    auto_assigned_exam_session_id: a.auto_assigned_exam_session_id,
    crm_updates: a.crm_updates,
    next_dates: ids(a.next_dates),
    alternative_department_dates: ids(a.alternative_department_dates),
    pieces_refusees: a.pieces_refusees,
    auto_assigned_session: reduceSession(a.auto_assigned_session)
  }
  for (const [k, v] of Object.entries(a.extra)) {
    if (k === "new_exam_session" || k === "no_date_after_session") continue
    out[k] = v
  }
  return out
}

const enrichedAsOracle = (e: EnrichedLookups): Record<string, unknown> => ({
  date_examen: e.date_examen,
  date_cloture: e.date_cloture,
  departement: e.departement,
  session_name: e.session_name,
  session_type: e.session_type,
  session_date_debut: e.session_date_debut,
  session_date_fin: e.session_date_fin
})

const STATE_KEYS_COMPARED = [
  "date_examen", "date_cloture", "departement", "days_until_exam", "cloture_passed", "date_examen_passed",
  "date_examen_future", "exam_within_7_days", "exam_within_10_days", "examen_pas_encore_passe", "examen_imminent",
  "is_uber_20_deal", "is_uber_prospect", "uber_case", "can_modify_exam_date", "date_case", "convocation_anormale",
  "session_assigned", "session_assignment_error"
]

export const evaluateDateCaseWith = (policy: ProposalPolicy): Evaluator => (line) => {
  const today = todayOf(line)
  const deal: CrmRecord = isRecord(line.deal) ? line.deal : {}
  const examRecords = [...(isRecord(line.exam_session) ? [line.exam_session] : []), ...asRecords(line.next_exam_sessions)]
  const modules = { [Modules.examDates]: examRecords, [Modules.sessions]: asRecords(line.training_sessions) }
  const enriched = enrichDealLookups(inMemoryReader(modules), deal)
  const crm = inMemoryReader(modules)
  const analysis = analyzeExamDateSituation(crm, {
    deal,
    threads: line.threads ?? null,
    examt3p: line.examt3p_data ?? null,
    sessionPreference: line.session_preference ?? null,
    enriched,
    timeline: line.deal_timeline ?? null,
    today,
    policy
  })
  const expectedAnalysis = isRecord(line.expected.date_analysis) ? line.expected.date_analysis : {}
  const { case_description: _ignored, ...comparedAnalysis } = expectedAnalysis
  const se = isRecord(line.expected.state_engine) ? line.expected.state_engine : {}
  const context = stateDateContext(deal, enriched, today)
  const out: Array<Comparison> = [
    compared("date_case", line.expected.date_case, analysis.case),
    compared("date_analysis", comparedAnalysis, analysisAsOracle(analysis)),
    notCompared("date_analysis.case_description", "French wording is docflow's own"),
    compared("enriched_lookups", line.expected.enriched_lookups, enrichedAsOracle(enriched)),
    compared("can_modify_exam_date", line.expected.can_modify_exam_date,
      canModifyExamDate(deal.Evalbox ?? null, enriched.date_cloture, today).canModify),
    compared("engagement", line.expected.engagement,
      classifyEngagementLevel(deal.Evalbox ?? null, enriched.date_cloture, line.examt3p_data ?? null, today)),
    ...compareKeys(se, { ...context }, STATE_KEYS_COMPARED, "state_engine."),
    ...Object.keys(se).filter((k) => !STATE_KEYS_COMPARED.includes(k)).map((k) =>
      notCompared(`state_engine.${k}`, "state detection belongs to the triage/states issue"))
  ]
  if ("crm_requests" in line) out.push(compared("crm_requests", line.crm_requests, requestLines(crm.requests, false)))
  return out
}

export const evaluateDateCase: Evaluator = evaluateDateCaseWith(DOCFLOW_PROPOSAL_POLICY)
