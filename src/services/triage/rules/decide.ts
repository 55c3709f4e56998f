/**
 * The whole triage decision: deterministic rules, then the chosen classification (LLM or
 * offline), then the post-classifier overrides (§2.4). A classifier never routes or stops a
 * ticket: its ROUTE/SPAM answers become GO, and only the named rules below may ROUTE.
 */
import { amountOf, examDateOf, type LinkingDeal } from "../../rules/linking/records.ts"
import type { Intent } from "../classifier/intents.ts"
import type { IntentContext } from "../contract.ts"
import type { Department, PlannedNote, RuleVerdict, TriageAction } from "../filters/verdict.ts"
import type { ChosenClassification } from "../source.ts"
import { containsAny } from "../text/normalize.ts"
import type { TriageRuleInput } from "./input.ts"
import { routingNote } from "./notes.ts"
import { preClassifierRules, type ContinueFacts } from "./preClassifier.ts"

export interface TriageDecision {
  readonly action: TriageAction
  readonly targetDepartment: Department | null
  /** The deterministic rule that decided, or `classifier` when none did. */
  readonly method: string
  readonly reason: string
  readonly primaryIntent: Intent | null
  readonly secondaryIntents: ReadonlyArray<Intent>
  readonly context: IntentContext
  readonly confidence: number
  readonly classificationMethod: ChosenClassification["method"]
  readonly needsHuman: boolean
  readonly cmaType: RuleVerdict["cmaType"]
  readonly notes: ReadonlyArray<PlannedNote>
  readonly selectedDealId: string | undefined
  readonly oldPaidDealId: string | undefined
  readonly overriddenBy: string | undefined
}

/** The methods allowed to produce ROUTE (§2.3–§2.5 rules, plus the RGPD rule on the intent). */
export const routingRuleMethods: ReadonlySet<string> = new Set([
  "non_uber_registration_routing", "non_uber_prospect_routing", "duplicate_with_other_service",
  "duplicate_already_communicated_upsell", "info_request_routing", "out_of_scope_routing", "business_rules_routing",
  "rule_transmet_documents", "rule_evalbox_with_documents", "rule_attestation_france_travail", "rgpd_routing"
])

const stayingIntents: ReadonlyArray<Intent> = [
  "CONFIRMATION_DATE_EXAMEN", "CONFIRMATION_SESSION", "REPORT_DATE", "DEMANDE_CHANGEMENT_SESSION", "DEMANDE_ANNULATION",
  "DEMANDE_REINSCRIPTION", "FORCE_MAJEURE_REPORT", "DEMANDE_DATE_PLUS_TOT"
]

/** §2.4: credentials sent while the dossier is blocked — ENVOIE_IDENTIFIANTS joins the intents. */
const withCredentials = (primary: Intent | null, secondary: ReadonlyArray<Intent>): { primary: Intent; secondary: ReadonlyArray<Intent> } => {
  if (primary !== null && stayingIntents.includes(primary)) {
    return { primary, secondary: [...secondary.filter((i) => i !== "ENVOIE_IDENTIFIANTS"), "ENVOIE_IDENTIFIANTS"] }
  }
  const moved = primary === null || primary === "ENVOIE_IDENTIFIANTS" ? [] : [primary]
  return { primary: "ENVOIE_IDENTIFIANTS", secondary: [...moved, ...secondary.filter((i) => i !== "ENVOIE_IDENTIFIANTS" && i !== primary)] }
}

const dealById = (input: TriageRuleInput, id: string | undefined): LinkingDeal | undefined =>
  id === undefined ? undefined : input.linking.allDeals.find((deal) => deal.id === id)

/** Workflow-level overrides that bring a rule's ROUTE back to GO (§2.4, R23, R24). */
const overrideOf = (decision: TriageDecision, input: TriageRuleInput, deal: LinkingDeal | undefined): string | undefined => {
  if (decision.action !== "ROUTE") return undefined
  const exam = deal === undefined ? undefined : examDateOf(deal, input.examDates)
  if (decision.primaryIntent === "QUESTION_EXAMEN_PRATIQUE" && exam !== undefined && exam >= input.today) {
    return "active_dossier_stays_in_doc"
  }
  if (decision.targetDepartment === "Refus CMA" && decision.primaryIntent === "TRANSMET_DOCUMENTS" && (deal?.Date_Dossier_re_u ?? "").trim() === "") {
    return "first_document_submission_in_doc"
  }
  if (decision.targetDepartment === "Contact" && deal !== undefined && amountOf(deal) === 20
    && containsAny(`${input.subject}\n${input.customerMessage}`, ["taxi"])) {
    return "uber_candidate_mentions_taxi"
  }
  return undefined
}

export const decideTriage = (input: TriageRuleInput, classification: ChosenClassification): TriageDecision => {
  const contract = classification.contract
  const pre = preClassifierRules(input, contract.primary_intent)
  const facts: ContinueFacts = pre._tag === "Continue" ? pre.facts : {}
  const selectedDealId = facts.verifiedDealId ?? input.linking.selectedDeal?.id
  const base = {
    secondaryIntents: contract.secondary_intents,
    context: contract.intent_context,
    classificationMethod: classification.method,
    needsHuman: classification.needsHuman,
    cmaType: undefined,
    selectedDealId,
    oldPaidDealId: facts.oldPaidDeal?.id,
    overriddenBy: undefined
  }
  let decision: TriageDecision
  if (pre._tag === "Decided") {
    const verdict = pre.verdict
    decision = {
      ...base,
      action: verdict.action,
      targetDepartment: verdict.targetDepartment,
      method: verdict.method,
      reason: verdict.reason,
      primaryIntent: verdict.primaryIntent ?? contract.primary_intent,
      confidence: verdict.confidence ?? 1,
      needsHuman: verdict.action === "ROUTE" || verdict.action === "GO" ? classification.needsHuman : false,
      cmaType: verdict.cmaType,
      notes: verdict.notes ?? []
    }
  } else {
    const intents = facts.credentialsOverride === true
      ? withCredentials(contract.primary_intent, contract.secondary_intents)
      : { primary: contract.primary_intent, secondary: contract.secondary_intents }
    const rgpd = intents.primary === "DEMANDE_SUPPRESSION_DONNEES"
    const reason = rgpd ? "demande de suppression des données (RGPD)" : contract.reason
    decision = {
      ...base,
      action: rgpd ? "ROUTE" : "GO",
      targetDepartment: rgpd ? "Contact" : "DOC",
      method: rgpd ? "rgpd_routing" : facts.method ?? classification.method,
      reason,
      primaryIntent: intents.primary,
      secondaryIntents: intents.secondary,
      confidence: contract.confidence,
      notes: rgpd
        ? [routingNote("BUSINESS_RULES_GENERIC", "Contact", `${reason} : transmettre au référent RGPD`, input)]
        : []
    }
  }
  const override = overrideOf(decision, input, dealById(input, selectedDealId) ?? input.linking.selectedDeal)
  return override === undefined
    ? decision
    : { ...decision, action: "GO", targetDepartment: "DOC", overriddenBy: override, notes: [] }
}
