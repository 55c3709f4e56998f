/**
 * The facts the candidate-state table reads, built like the original's detection context
 * (`StateDetector._build_context`): deal + enriched lookups + ExamT3P flags + triage + linking +
 * session and training/exam consistency data. Values arrive as the original passes them.
 */
import type { IsoDate } from "../dates.ts"
import type { EnrichedLookups } from "../lookups.ts"
import { isRecord, truthy, type CrmRecord } from "../pyValues.ts"
import { stateDateContext, type StateDateContext } from "../stateContext.ts"

export interface StateInput {
  readonly today: IsoDate
  readonly deal: CrmRecord
  readonly enriched: EnrichedLookups | null
  /** ExamT3P flags and data (`compte_existe`, `credentials_login_failed`, …); `{}` when unknown. */
  readonly examt3p: CrmRecord
  readonly triage: CrmRecord
  readonly linking: CrmRecord
  readonly sessionData: CrmRecord | null
  readonly consistency: CrmRecord | null
  /** Message text scanned for force-majeure words when the triage did not flag any. */
  readonly messageText?: string
}

export interface StateFacts {
  readonly triageAction: unknown
  readonly hasDuplicateUberOffer: boolean
  readonly needsClarification: boolean
  readonly intents: ReadonlyArray<string>
  readonly evalbox: unknown
  readonly credentialsLoginFailed: boolean
  readonly credentialsInvalid: boolean
  readonly examt3pDown: boolean
  readonly duplicatePaymentAlert: boolean
  readonly personalAccountWarning: boolean
  readonly sessionAssignmentError: boolean
  readonly uberCase: string
  readonly missedTrainingForceMajeure: boolean
  readonly detectorCase: number
  readonly trainingMissedExamImminent: boolean
  readonly refreshSessionAvailable: boolean
  readonly canModifyExamDate: boolean
  readonly mentionsForceMajeure: boolean
  readonly date: StateDateContext
}

const FORCE_MAJEURE_WORDS = [
  "certificat médical", "certificat medical", "hospitalis", "opération", "operation chirurgicale", "accident",
  "arrêt de travail", "arret de travail", "problème de santé", "probleme de sante", "décès", "deces", "deuil",
  "enterrement", "convocation judiciaire", "force majeure", "catastrophe"
]

export const mentionsForceMajeureIn = (text: string): boolean => {
  const lower = text.toLowerCase()
  return FORCE_MAJEURE_WORDS.some((w) => lower.includes(w))
}

const intentsOf = (triage: CrmRecord): ReadonlyArray<string> => {
  const primary = triage.primary_intent ?? triage.detected_intent
  const secondary = Array.isArray(triage.secondary_intents) ? triage.secondary_intents : []
  return [primary, ...secondary].filter((i): i is string => typeof i === "string")
}

export const stateFactsOf = (input: StateInput): StateFacts => {
  const { deal, examt3p, triage, linking } = input
  const date = stateDateContext(deal, input.enriched, input.today)
  const context = isRecord(triage.intent_context) ? triage.intent_context : {}
  const consistency = input.consistency ?? {}
  const mentionsForceMajeure = context.mentions_force_majeure === true || consistency.force_majeure_detected === true ||
    mentionsForceMajeureIn(input.messageText ?? "")
  const uberVerified = date.is_uber_20_deal && truthy(deal.Compte_Uber) && truthy(deal.ELIGIBLE)
  const noAccountOrFailed = !truthy(examt3p.compte_existe) || examt3p.connection_test_success === false
  return {
    triageAction: triage.action ?? null,
    hasDuplicateUberOffer: truthy(linking.has_duplicate_uber_offer),
    needsClarification: truthy(linking.needs_clarification),
    intents: intentsOf(triage),
    evalbox: deal.Evalbox ?? null,
    credentialsLoginFailed: truthy(examt3p.credentials_login_failed),
    credentialsInvalid: !uberVerified && !truthy(date.date_examen) && truthy(examt3p.should_respond_to_candidate) && noAccountOrFailed,
    examt3pDown: truthy(examt3p.extraction_failed) && examt3p.error_type === "technical",
    duplicatePaymentAlert: truthy(examt3p.duplicate_payment_alert),
    personalAccountWarning: examt3p.personal_account_warning === true,
    sessionAssignmentError: date.session_assignment_error,
    uberCase: date.uber_case,
    missedTrainingForceMajeure: consistency.issue_type === "MISSED_TRAINING_IMMINENT_EXAM" && mentionsForceMajeure,
    detectorCase: date.date_case,
    trainingMissedExamImminent: truthy(consistency.training_missed_exam_imminent),
    refreshSessionAvailable: truthy(input.sessionData?.refresh_session_available),
    canModifyExamDate: date.can_modify_exam_date,
    mentionsForceMajeure,
    date
  }
}
