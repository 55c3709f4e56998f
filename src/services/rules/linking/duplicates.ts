/**
 * Duplicate Uber 20 € offer detection (§3.5): the offer can be used once per person.
 */
import { normalizedFullName, samePhone } from "./phone.ts"
import {
  amountOf, evalboxIs, isWon, isWonUber20, mostRecentFirst, recencyKey, resultatIs,
  type LinkingContact, type LinkingDeal
} from "./records.ts"

export type DuplicateType = "TRUE_DUPLICATE" | "RECOVERABLE_PAID" | "RECOVERABLE_REFUS_CMA" | "RECOVERABLE_NOT_PAID"
export type DuplicateConfidence = "HIGH_CONFIDENCE" | "NEEDS_CONFIRMATION"

export interface DuplicateContactInfo {
  readonly duplicateDealId: string
  readonly duplicateDealName: string | undefined
  readonly duplicateEmail: string | undefined
  readonly duplicatePhone: string | undefined
}

export interface DuplicateFindings {
  readonly hasDuplicateUberOffer: boolean
  readonly offerAlreadyUsed: boolean
  readonly needsDuplicateConfirmation: boolean
  readonly duplicateConfidence: DuplicateConfidence | undefined
  readonly duplicateType: DuplicateType | undefined
  readonly duplicateDeals: ReadonlyArray<LinkingDeal>
  readonly duplicateContactInfo: DuplicateContactInfo | undefined
  readonly dealToWorkOn: LinkingDeal | undefined
  readonly dealToDisable: LinkingDeal | undefined
  readonly alreadyPaidToCma: boolean
  readonly paidFormationDeal: LinkingDeal | undefined
}

const examResults = ["ADMISSIBLE", "NON ADMISSIBLE", "NON ADMIS"] as const

/** §3.5 type of the oldest duplicate deal. */
export const duplicateTypeOf = (oldest: LinkingDeal): DuplicateType => {
  const resultat = (oldest.Resultat ?? "").trim().toUpperCase()
  if (resultatIs(oldest, examResults) || resultat.startsWith("ABSENT") || evalboxIs(oldest, ["VALIDE CMA", "Convoc CMA reçue"])) {
    return "TRUE_DUPLICATE"
  }
  if (evalboxIs(oldest, ["Dossier Synchronisé"])) return "RECOVERABLE_PAID"
  if (evalboxIs(oldest, ["Refusé CMA"])) return "RECOVERABLE_REFUS_CMA"
  return "RECOVERABLE_NOT_PAID"
}

const oldestOf = (deals: ReadonlyArray<LinkingDeal>): LinkingDeal | undefined => mostRecentFirst(deals).at(-1)

const hasExamT3PAccount = (deal: LinkingDeal): boolean =>
  evalboxIs(deal, ["Dossier Synchronisé", "Refusé CMA"]) || (deal.NUM_DOSSIER_EVALBOX ?? "").trim() !== ""

const licence = (deal: LinkingDeal): string => (deal.Numero_Permis ?? "").replace(/\s/g, "").toUpperCase()

/** Strips the "BFS NP" / "BFS ONLINE" product prefix of a deal name. */
export const personNameOfDeal = (deal: LinkingDeal): string =>
  deal.Contact_Name?.name ?? (deal.Deal_Name ?? "").replace(/^\s*BFS\s+(NP|ONLINE)\s+/i, "")

interface IdentityMatch {
  readonly deal: LinkingDeal
  readonly byLicence: boolean
}

/** Name + identity search over deals outside the candidate's own set (§3.5, R21). */
const nameIdentityMatches = (
  selected: LinkingDeal,
  candidateName: string,
  otherDeals: ReadonlyArray<LinkingDeal>,
  knownIds: ReadonlySet<string>
): ReadonlyArray<IdentityMatch> => {
  const fullName = normalizedFullName(candidateName)
  const lastName = fullName.split(" ").at(-1) ?? ""
  if (fullName === "" || lastName === "") return []
  const matches: Array<IdentityMatch> = []
  for (const deal of otherDeals) {
    if (knownIds.has(deal.id) || !isWonUber20(deal)) continue
    const otherName = normalizedFullName(personNameOfDeal(deal))
    if (!otherName.split(" ").includes(lastName)) continue
    if (!(otherName.includes(fullName) || fullName.includes(otherName))) continue
    const bothLicences = licence(selected) !== "" && licence(deal) !== ""
    if (bothLicences) {
      if (licence(selected) === licence(deal)) matches.push({ deal, byLicence: true })
      continue
    }
    const cma = (selected.CMA_de_depot ?? "").trim()
    if (cma !== "" && cma === (deal.CMA_de_depot ?? "").trim()) matches.push({ deal, byLicence: false })
  }
  return matches
}

export interface DuplicateInput {
  /** All deals of the contacts sharing the candidate's e-mail (plus phone-found contacts). */
  readonly candidateDeals: ReadonlyArray<LinkingDeal>
  readonly selected: LinkingDeal | undefined
  readonly candidate: LinkingContact | undefined
  /** Other deals of the case file (the CRM word search on the last name). */
  readonly otherDeals: ReadonlyArray<LinkingDeal>
  readonly contactsById: ReadonlyMap<string, LinkingContact>
}

const none: DuplicateFindings = {
  hasDuplicateUberOffer: false, offerAlreadyUsed: false, needsDuplicateConfirmation: false,
  duplicateConfidence: undefined, duplicateType: undefined, duplicateDeals: [], duplicateContactInfo: undefined,
  dealToWorkOn: undefined, dealToDisable: undefined, alreadyPaidToCma: false, paidFormationDeal: undefined
}

export const detectDuplicates = (input: DuplicateInput): DuplicateFindings => {
  const wonUber = mostRecentFirst(input.candidateDeals.filter(isWonUber20))
  const knownIds = new Set(input.candidateDeals.map((deal) => deal.id))
  const selected = input.selected
  const candidateName = input.candidate?.Full_Name
    ?? [input.candidate?.First_Name, input.candidate?.Last_Name].filter(Boolean).join(" ")
  const canSearchIdentity = selected !== undefined && wonUber.length <= 1 && (selected.Contact_Name?.name ?? "") !== ""
    && ((selected.Numero_Permis ?? "") !== "" || (selected.CMA_de_depot ?? "") !== "")
  const matches = canSearchIdentity
    ? nameIdentityMatches(selected, candidateName !== "" ? candidateName : selected.Contact_Name?.name ?? "", input.otherDeals, knownIds)
    : []

  let duplicates: ReadonlyArray<LinkingDeal> = []
  let confidence: DuplicateConfidence | undefined
  let offerAlreadyUsed = false
  let needsConfirmation = false
  let contactInfo: DuplicateContactInfo | undefined

  if (matches.length > 0) {
    const verified = matches.filter((match) => {
      if (match.byLicence) return true
      const other = input.contactsById.get(match.deal.Contact_Name?.id ?? "")
      const sameEmail = other?.Email != null && input.candidate?.Email != null
        && other.Email.toLowerCase() === input.candidate.Email.toLowerCase()
      const samePhones = [other?.Phone, other?.Mobile].some((a) => [input.candidate?.Phone, input.candidate?.Mobile].some((b) => samePhone(a, b)))
      return sameEmail || samePhones
    })
    if (verified.length > 0) {
      confidence = "HIGH_CONFIDENCE"
      if (selected !== undefined && amountOf(selected) === 20) duplicates = [...wonUber, ...verified.map((m) => m.deal)]
    } else {
      confidence = "NEEDS_CONFIRMATION"
      needsConfirmation = true
      const first = matches[0]?.deal
      if (first !== undefined) {
        const other = input.contactsById.get(first.Contact_Name?.id ?? "")
        contactInfo = {
          duplicateDealId: first.id, duplicateDealName: first.Deal_Name ?? undefined,
          duplicateEmail: other?.Email ?? first.Email ?? undefined, duplicatePhone: other?.Mobile ?? other?.Phone ?? undefined
        }
      }
    }
  }
  if (duplicates.length === 0 && wonUber.length > 1) duplicates = wonUber
  const onlyWon = wonUber[0]
  if (duplicates.length === 0 && wonUber.length === 1 && onlyWon !== undefined && resultatIs(onlyWon, examResults)) {
    duplicates = wonUber
    offerAlreadyUsed = true
  }

  // A paid training bought after the latest Uber offer supersedes the duplicate question.
  const latestUber = wonUber[0]
  const paidAfter = latestUber === undefined ? undefined : mostRecentFirst(input.candidateDeals).find(
    (deal) => isWon(deal) && amountOf(deal) > 25 && recencyKey(deal) > recencyKey(latestUber)
  )
  if (paidAfter !== undefined) return { ...none, paidFormationDeal: paidAfter }
  if (duplicates.length === 0) return { ...none, needsDuplicateConfirmation: needsConfirmation, duplicateConfidence: confidence, duplicateContactInfo: contactInfo }

  const oldest = oldestOf(duplicates)
  const type = oldest === undefined ? undefined : duplicateTypeOf(oldest)
  let dealToWorkOn: LinkingDeal | undefined
  let dealToDisable: LinkingDeal | undefined
  if (type !== undefined && type !== "TRUE_DUPLICATE" && wonUber.length >= 2) {
    const newer = wonUber[0]
    const older = wonUber.at(-1)
    if (newer !== undefined && older !== undefined) {
      ;[dealToWorkOn, dealToDisable] = hasExamT3PAccount(older) ? [older, newer] : [newer, older]
    }
  }
  return {
    ...none,
    hasDuplicateUberOffer: true,
    offerAlreadyUsed,
    duplicateConfidence: confidence ?? "HIGH_CONFIDENCE",
    duplicateType: type,
    duplicateDeals: duplicates,
    dealToWorkOn,
    dealToDisable,
    alreadyPaidToCma: dealToWorkOn !== undefined && evalboxIs(dealToWorkOn, ["Dossier Synchronisé", "Refusé CMA"])
  }
}
