/**
 * The analysis stage (§1.3) for a linked deal: ExamT3P → CRM sync, Uber eligibility, the
 * helper's exam-date case with its guarded automatic change (§5.2–§5.4), all applied to an
 * in-memory copy of the deal — the original reloads the deal after writing, so the states and
 * template variables see the new values. CAS 8 rescheduling is a STEP 5 update (not applied).
 */
import type { CaseFile } from "../../schemas/caseFile.ts"
import type { CrmWriteValue, StoredDeal } from "../../schemas/crm.ts"
import type { Examt3pStatus } from "../../schemas/examt3p.ts"
import { Evalbox, Modules, PAID_STATUSES, READY_TO_PAY } from "../../services/rules/constants.ts"
import { inMemoryReader, type CrmReader } from "../../services/rules/crmQuery.ts"
import { parseDateFlexible } from "../../services/rules/dates.ts"
import { analyzeExamDateSituation, type ExamDateAnalysis } from "../../services/rules/examDateCase.ts"
import { planExamDateChange, type ExamDatePlan } from "../../services/rules/examDatePlan.ts"
import { enrichDealLookups, type EnrichedLookups } from "../../services/rules/lookups.ts"
import { isRecord, pyStr, truthy, type CrmRecord } from "../../services/rules/pyValues.ts"
import { sessionPreferenceFromDeal } from "../../services/rules/sessions.ts"
import { analyzeTrainingConsistency, NO_CONSISTENCY_ISSUE, type TrainingConsistency } from "../../services/rules/trainingConsistency.ts"
import { analyzeUberEligibility, type UberEligibility } from "../../services/rules/uber.ts"
import { planExamt3pSync, type BlockedChange, type FieldChange } from "./examt3pSync.ts"
import type { ImplicitRepositioning } from "./implicitRepositioning.ts"

/** The ExamT3P flags the rules read, from the gathered portal outcome. */
export const examt3pFlagsOf = (status: Examt3pStatus | null): CrmRecord => {
  if (status === null) return {}
  switch (status._tag) {
    case "Ok": {
      // a portal page without an exam table gives `examens: null`; the rules read it as a Python dict
      const { examens, ...data } = status.data
      return {
        ...data, ...(examens === null || examens === undefined ? {} : { examens }),
        compte_existe: status.data.compte_existe ?? true, connection_test_success: status.data.connection_test_success ?? true
      }
    }
    case "NoAccount":
      return { compte_existe: false, should_respond_to_candidate: true, credentials_request_sent: status.credentialsRequestSent }
    case "LoginFailed":
      return { compte_existe: true, connection_test_success: false, credentials_login_failed: true, should_respond_to_candidate: true }
    case "PortalDown":
      return { extraction_failed: true, error_type: "technical" }
  }
}

/** Threads as the rules read them: Desk sends `plainText: null` for HTML-only threads; the rules then use `content`. */
const rulesThreads = (caseFile: CaseFile): ReadonlyArray<CrmRecord> =>
  caseFile.threads.map(({ plainText, ...thread }) => (plainText === null || plainText === undefined ? thread : { ...thread, plainText }))

export type SkipReason = "uber_case_a_or_b" | "dossier_not_received" | "credentials_invalid" | null

export interface AnalysisResult {
  readonly dealBefore: StoredDeal
  /** the deal after the analysis-stage writes */
  readonly deal: CrmRecord
  readonly crm: CrmReader
  readonly examt3p: CrmRecord
  readonly enriched: EnrichedLookups
  readonly uber: UberEligibility
  readonly dateAnalysis: ExamDateAnalysis | null
  readonly datePlan: ExamDatePlan
  readonly skipReason: SkipReason
  /** analysis-stage writes, in order, grouped by purpose */
  readonly writes: ReadonlyArray<{ readonly purpose: string; readonly changes: ReadonlyArray<FieldChange> }>
  /** STEP 5 updates decided here (CAS 8 rescheduling) */
  readonly step5: Readonly<Record<string, CrmWriteValue>>
  readonly blocked: ReadonlyArray<BlockedChange>
  /** §5.6 implicit repositioning, set by `decide` once the triage is known (./dateReply.ts `withRepositioning`) */
  readonly repositioning?: ImplicitRepositioning | null
  /** §1.3 step 15: missed training while the exam is close (none when the date analysis is skipped) */
  readonly consistency: TrainingConsistency
}

const lookupValue = (record: CrmRecord | undefined, id: string): CrmRecord => ({ id, name: record?.Name ?? null })

const applyChanges = (deal: CrmRecord, changes: ReadonlyArray<FieldChange>, records: ReadonlyArray<CrmRecord>): CrmRecord => {
  const next: Record<string, unknown> = { ...deal }
  for (const c of changes) {
    next[c.field] = c.field === "Date_examen_VTC" || c.field === "Session"
      ? lookupValue(records.find((r) => pyStr(r.id) === c.to), c.to)
      : c.to
  }
  return next
}

const dossierNotReceived = (deal: CrmRecord, uber: UberEligibility): boolean =>
  uber.is_uber_20_deal && !truthy(deal.Date_Dossier_re_u) &&
  !(typeof deal.Evalbox === "string" && (PAID_STATUSES.has(deal.Evalbox) || READY_TO_PAY.has(deal.Evalbox)))

/** §1.3 step 13: credentials must be asked and no account exists (unless Uber-eligible or dated). */
const credentialsMissing = (deal: CrmRecord, uber: UberEligibility, examt3p: CrmRecord): boolean =>
  truthy(examt3p.should_respond_to_candidate) && examt3p.compte_existe === false && uber.uber_case !== "ELIGIBLE" &&
  !truthy(deal.Date_examen_VTC)

export const analyse = (caseFile: CaseFile, dealBefore: StoredDeal, today: string, triagePreference: unknown): AnalysisResult => {
  const examRecords: ReadonlyArray<CrmRecord> = caseFile.examDates
  const sessionRecords: ReadonlyArray<CrmRecord> = caseFile.trainingSessions
  const crm = inMemoryReader({ [Modules.examDates]: examRecords, [Modules.sessions]: sessionRecords })
  const examt3p = examt3pFlagsOf(caseFile.examt3p)
  const writes: Array<{ purpose: string; changes: ReadonlyArray<FieldChange> }> = []
  const blocked: Array<BlockedChange> = []
  let deal: CrmRecord = { ...dealBefore }
  let enriched = enrichDealLookups(crm, deal)

  if (caseFile.examt3p?._tag === "Ok") {
    const sync = planExamt3pSync({
      deal, data: caseFile.examt3p.data, examt3pRecord: examt3p, examDates: examRecords, currentExam: enriched.date_examen_record, today
    })
    blocked.push(...sync.blocked)
    if (sync.changes.length > 0) {
      writes.push({ purpose: "examt3p_sync", changes: sync.changes })
      deal = applyChanges(deal, sync.changes, examRecords)
      enriched = enrichDealLookups(crm, deal)
    }
  }

  const uber = analyzeUberEligibility(deal, today)
  const skipReason: SkipReason = uber.is_uber_20_deal && (uber.uber_case === "A" || uber.uber_case === "B")
    ? "uber_case_a_or_b"
    : dossierNotReceived(deal, uber) ? "dossier_not_received"
    : credentialsMissing(deal, uber, examt3p) ? "credentials_invalid" : null
  if (skipReason !== null) {
    return { dealBefore, deal, crm, examt3p, enriched, uber, dateAnalysis: null, datePlan: { _tag: "NoChange" }, skipReason, writes, step5: {}, blocked, consistency: NO_CONSISTENCY_ISSUE }
  }

  const dateAnalysis = analyzeExamDateSituation(crm, {
    deal,
    threads: rulesThreads(caseFile),
    examt3p: caseFile.examt3p?._tag === "Ok" ? examt3p : null,
    sessionPreference: sessionPreferenceFromDeal(deal, enriched) ?? triagePreference ?? null,
    enriched,
    timeline: caseFile.dealTimeline,
    today
  })
  const datePlan = planExamDateChange({ analysis: dateAnalysis, deal, examt3p, currentCloture: enriched.date_cloture, today })
  let step5: Record<string, CrmWriteValue> = {}
  if (datePlan._tag === "Blocked") {
    blocked.push({ field: "Date_examen_VTC", reason: `${datePlan.origin} bloqué (${datePlan.reason})` })
  } else if (datePlan._tag === "Write" && datePlan.origin === "deadline_reschedule") {
    step5 = { Date_examen_VTC: datePlan.recordId }
  } else if (datePlan._tag === "Write") {
    const changes: Array<FieldChange> = [{ field: "Date_examen_VTC", from: isRecord(deal.Date_examen_VTC) ? deal.Date_examen_VTC.id : null, to: datePlan.recordId }]
    if (datePlan.origin === "auto_assignment") {
      const session = dateAnalysis.crm_updates.Session
      if (truthy(session) && !truthy(deal.Session)) changes.push({ field: "Session", from: null, to: pyStr(session) })
      const pref = dateAnalysis.crm_updates.Preference_horaire
      if (truthy(pref)) changes.push({ field: "Preference_horaire", from: deal.Preference_horaire ?? null, to: pyStr(pref) })
    }
    writes.push({ purpose: datePlan.origin, changes })
    deal = applyChanges(deal, changes, [...examRecords, ...sessionRecords])
    enriched = enrichDealLookups(crm, deal)
  }
  const consistency = analyzeTrainingConsistency({
    threads: rulesThreads(caseFile), examDate: parseDateFlexible(enriched.date_examen), sessionEnd: parseDateFlexible(enriched.session_date_fin), today
  })
  return { dealBefore, deal, crm, examt3p, enriched, uber, dateAnalysis, datePlan, skipReason, writes, step5, blocked, consistency }
}

/** Exam date of a record / the deal's current exam, as `YYYY-MM-DD` or "". */
export const isoOf = (value: unknown): string => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : "")

export const isValidated = (evalbox: unknown): boolean => evalbox === Evalbox.ValideCma || evalbox === Evalbox.ConvocCmaRecue
