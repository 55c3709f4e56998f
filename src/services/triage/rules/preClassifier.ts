/**
 * Deterministic rules evaluated before the classifier, in the order of §2.3–§2.4. The first rule
 * that decides wins; `continueWith` carries facts for later stages (old paid deal, verified
 * duplicate, credentials override).
 */
import { isVerifiedDuplicateTarget, routingNote } from "./notes.ts"
import { duplicatePendingNote } from "../../rules/linking/clarification.ts"
import { evalboxIs, resultatCategory, type LinkingDeal } from "../../rules/linking/records.ts"
import { attachmentRuleFires, isDocumentSubmission } from "../filters/documents.ts"
import {
  attestationWords, franceTravailWords, infoRequestKeywords, nonUberRegistrationKeywords, outOfScopeKeywords,
  passwordWords, uberConvertedKeywords
} from "../filters/keywords.ts"
import { bounceFilter, cmaFilter, noReplyFilter, spamFilter } from "../filters/senderFilters.ts"
import type { Department, RuleVerdict } from "../filters/verdict.ts"
import { isDraft, isIncoming, newestFirst, rawBody, senderOf } from "../message/thread.ts"
import { containsAny, htmlToText, looksLikeHtml } from "../text/normalize.ts"
import type { TriageRuleInput } from "./input.ts"

export interface ContinueFacts {
  /** Rule 9: the ticket proceeds on this already-verified duplicate deal. */
  readonly verifiedDealId?: string
  /** §3.5 recoverable paid duplicate: the old dossier already paid to the CMA. */
  readonly oldPaidDeal?: LinkingDeal
  /** §2.4: credentials sent while the dossier is at a blocking Evalbox. */
  readonly credentialsOverride?: boolean
  /** Method of a rule that decided to let the ticket continue. */
  readonly method?: string
}

export type PreClassifierOutcome =
  | { readonly _tag: "Decided"; readonly verdict: RuleVerdict }
  | { readonly _tag: "Continue"; readonly facts: ContinueFacts }

const decided = (verdict: RuleVerdict): PreClassifierOutcome => ({ _tag: "Decided", verdict })

const route = (target: Department, method: string, reason: string, input: TriageRuleInput, classification: string, extra?: Partial<RuleVerdict>): PreClassifierOutcome =>
  decided({
    action: "ROUTE", targetDepartment: target, method, reason, confidence: 1,
    notes: [routingNote(classification, target, reason, input)], ...extra
  })

/** SalesIQ chat transcripts carry a visitor-information block that must not trigger keywords. */
const withoutVisitorBlock = (text: string): string => text.replace(/Informations sur le visiteur[\s\S]*$/i, "")

const duplicateMarkers = [
  "un seul passage", "ne pouvons pas proceder a une nouvelle inscription", "deja beneficie de l'offre", "offre uber a 20",
  "offre a 20€", "l'offre uber"
]

const outgoingTexts = (input: TriageRuleInput): ReadonlyArray<string> =>
  input.threads
    .filter((thread) => !isDraft(thread) && !isIncoming(thread))
    .map((thread) => {
      const body = rawBody(thread)
      return looksLikeHtml(body) ? htmlToText(body) : body
    })

const credentialEvalbox = ["Refusé CMA", "Documents manquants", "Documents refusés", "Dossier Synchronisé"]

/** `classifiedIntent` is only stored in the clarification note, to restore it once identity is proven. */
export const preClassifierRules = (input: TriageRuleInput, classifiedIntent?: string | null): PreClassifierOutcome => {
  const { subject, customerMessage: message, linking } = input
  const newestIncoming = newestFirst(input.threads).find((thread) => !isDraft(thread) && isIncoming(thread))
  const sender = newestIncoming === undefined ? undefined : senderOf(newestIncoming)

  const early = bounceFilter(subject, message) ?? spamFilter(subject, message)
    ?? cmaFilter(sender, newestIncoming === undefined ? "" : rawBody(newestIncoming)) ?? noReplyFilter(sender)
  if (early !== undefined) return decided(early)

  const duplicates = linking.duplicates
  const registrationText = withoutVisitorBlock(`${subject}\n${message}`)
  if (containsAny(registrationText, nonUberRegistrationKeywords)) {
    if (duplicates.hasDuplicateUberOffer || duplicates.needsDuplicateConfirmation) {
      return route("Contact", "non_uber_registration_routing", "demande de financement hors offre Uber d'un candidat déjà inscrit à l'offre Uber", input, "PROSPECT_FORMATION")
    }
    if (linking.allDeals.length === 0) {
      return route("Contact", "non_uber_prospect_routing", "prospect pour une formation hors offre Uber", input, "PROSPECT_FORMATION")
    }
  }

  let facts: ContinueFacts = {}
  const pendingDealId = duplicates.duplicateContactInfo?.duplicateDealId
  if (duplicates.needsDuplicateConfirmation && isVerifiedDuplicateTarget(pendingDealId, input.verifiedDuplicateDealIds)) {
    facts = { verifiedDealId: pendingDealId, method: "duplicate_previously_verified" }
  } else if (duplicates.needsDuplicateConfirmation && pendingDealId !== undefined) {
    const info = duplicates.duplicateContactInfo
    return decided({
      action: "DUPLICATE_CLARIFICATION", targetDepartment: null, method: "duplicate_name_postal_confirmation",
      reason: "homonyme possible : vérifier l'identité avant de continuer", confidence: 1,
      notes: [{
        kind: "duplicate_pending",
        text: duplicatePendingNote({
          dealId: pendingDealId, dealName: info?.duplicateDealName, duplicateType: duplicates.duplicateType,
          email: info?.duplicateEmail, phone: info?.duplicatePhone, originalIntent: classifiedIntent ?? undefined
        })
      }]
    })
  }

  if (duplicates.hasDuplicateUberOffer) {
    if (linking.recommendedDepartment === "Contact") {
      return route("Contact", "duplicate_with_other_service", "doublon Uber et demande d'un autre service", input, "DUPLICATE_OTHER_SERVICE")
    }
    const type = duplicates.duplicateType
    if (type === "RECOVERABLE_NOT_PAID") facts = { ...facts, method: "duplicate_not_paid_ignored" }
    else if (type === "RECOVERABLE_PAID" || type === "RECOVERABLE_REFUS_CMA") {
      const oldest = [...duplicates.duplicateDeals].sort((a, b) => ((a.Closing_Date ?? "") < (b.Closing_Date ?? "") ? -1 : 1))[0]
      facts = { ...facts, method: "duplicate_paid_continue", ...(oldest === undefined ? {} : { oldPaidDeal: oldest }) }
    } else if (type === "TRUE_DUPLICATE") {
      const selected = linking.selectedDeal
      if (selected !== undefined && resultatCategory(selected) !== "pre_exam") {
        facts = { ...facts, method: "duplicate_with_resultat_bypass" }
      } else if (outgoingTexts(input).some((text) => containsAny(text, duplicateMarkers))) {
        return route("Contact", "duplicate_already_communicated_upsell", "doublon déjà signalé : proposer une formation financée autrement", input, "UPSELL_OPPORTUNITY")
      } else {
        return decided({ action: "DUPLICATE_UBER", targetDepartment: null, method: "duplicate_detection", reason: "offre Uber 20 € déjà utilisée", confidence: 1 })
      }
    }
  }

  if (linking.needsClarification) {
    if (containsAny(`${subject}\n${message}`, uberConvertedKeywords)) {
      return decided({ action: "NEEDS_CLARIFICATION", targetDepartment: null, method: "uber_converted_different_email", reason: "parcours Uber évoqué mais candidat introuvable", confidence: 1 })
    }
    if (containsAny(registrationText, infoRequestKeywords)) {
      return route("Contact", "info_request_routing", "demande d'information d'un expéditeur inconnu", input, "PROSPECT_FORMATION")
    }
    if (containsAny(registrationText, outOfScopeKeywords)) {
      return route("Contact", "out_of_scope_routing", "demande hors du champ de la formation VTC", input, "OUT_OF_SCOPE")
    }
    return decided({ action: "NEEDS_CLARIFICATION", targetDepartment: null, method: "candidate_not_found", reason: linking.clarificationReason ?? "candidate_not_found", confidence: 1 })
  }

  const recommended = linking.recommendedDepartment
  if (recommended !== undefined && recommended !== "DOC") {
    const mentionsUber = containsAny(`${subject}\n${message}`, ["uber", "offre a 20"])
    return route(recommended, "business_rules_routing", linking.routingExplanation, input, mentionsUber ? "UPSELL_OPPORTUNITY" : "BUSINESS_RULES_GENERIC")
  }

  if (attachmentRuleFires(input.threads, subject, message)) {
    return route("Refus CMA", "rule_transmet_documents", "pièces jointes envoyées par le candidat", input, "BUSINESS_RULES_GENERIC", { primaryIntent: "TRANSMET_DOCUMENTS" })
  }

  const deal = linking.selectedDeal
  if (deal !== undefined && evalboxIs(deal, credentialEvalbox)) {
    if (containsAny(message, passwordWords) && message.includes("@")) {
      facts = { ...facts, credentialsOverride: true, method: "rule_credentials_override" }
    } else if (isDocumentSubmission(subject) || isDocumentSubmission(message)) {
      return route("Refus CMA", "rule_evalbox_with_documents", "envoi de pièces pour un dossier déjà à la CMA", input, "BUSINESS_RULES_GENERIC", { primaryIntent: "TRANSMET_DOCUMENTS" })
    }
  }
  if (containsAny(`${subject}\n${message}`, attestationWords) && containsAny(`${subject}\n${message}`, franceTravailWords)) {
    return route("Comptabilité", "rule_attestation_france_travail", "attestation de formation pour France Travail", input, "BUSINESS_RULES_GENERIC", { primaryIntent: "DEMANDE_CERTIFICAT_FORMATION" })
  }
  return { _tag: "Continue", facts }
}
