/**
 * Deal linking over the case file's contacts and deals (§3.2–§3.4): pure, the gatherer has
 * already fetched every contact/deal the searches could return.
 */
import type { TriageThread } from "../../triage/message/thread.ts"
import { isDraft, isIncoming, rawBody } from "../../triage/message/thread.ts"
import { htmlToText, looksLikeHtml } from "../../triage/text/normalize.ts"
import { candidateEmailFromThreads, systemAddresses } from "./candidateEmail.ts"
import { dealIdFromOpportunite } from "./dealRef.ts"
import { recommendDepartment, type RecommendedDepartment } from "./department.ts"
import { detectDuplicates, type DuplicateFindings } from "./duplicates.ts"
import { isInternalAddress } from "../../triage/message/forward.ts"
import { mobilesInText, namesShareAWord, normalizeFrenchPhone } from "./phone.ts"
import { isWonUber20, type LinkingContact, type LinkingDeal } from "./records.ts"
import { selectDeal, type SelectionPriority } from "./selection.ts"

export interface LinkingTicket {
  readonly email?: string | null
  readonly phone?: string | null
  readonly contactName?: string | null
  readonly cf?: Readonly<Record<string, string | null | undefined>> | null
}

export interface LinkingInput {
  readonly ticket: LinkingTicket
  readonly subject: string
  readonly lastInboundMessage: string
  readonly threads: ReadonlyArray<TriageThread>
  readonly contacts: ReadonlyArray<LinkingContact>
  readonly deals: ReadonlyArray<LinkingDeal>
  readonly today: string
  /** Exam-date record id → `Date_Examen`, when the gatherer resolved the lookups. */
  readonly examDates?: ReadonlyMap<string, string>
}

export type ClarificationReason = "candidate_not_found" | "no_deal_for_contact"

export interface LinkingOutcome {
  readonly email: string | undefined
  readonly emailFound: boolean
  readonly contacts: ReadonlyArray<LinkingContact>
  readonly allDeals: ReadonlyArray<LinkingDeal>
  readonly selectedDeal: LinkingDeal | undefined
  readonly selectionPriority: SelectionPriority | "cf_opportunite" | undefined
  readonly linkSource: "cf_opportunite" | "email" | "alternative_email" | "phone" | undefined
  readonly recommendedDepartment: RecommendedDepartment | undefined
  readonly routingExplanation: string
  readonly duplicates: DuplicateFindings
  readonly needsClarification: boolean
  readonly clarificationReason: ClarificationReason | undefined
  readonly alternativeEmailUsed: string | undefined
  readonly phoneUsed: string | undefined
}

const sameEmail = (a: string | null | undefined, b: string): boolean => (a ?? "").trim().toLowerCase() === b

const contactsWithEmail = (contacts: ReadonlyArray<LinkingContact>, email: string): ReadonlyArray<LinkingContact> =>
  contacts.filter((contact) => sameEmail(contact.Email, email))

const dealsOfContacts = (deals: ReadonlyArray<LinkingDeal>, contacts: ReadonlyArray<LinkingContact>): ReadonlyArray<LinkingDeal> => {
  const ids = new Set(contacts.map((contact) => contact.id))
  return deals.filter((deal) => ids.has(deal.Contact_Name?.id ?? ""))
}

const inboundText = (threads: ReadonlyArray<TriageThread>): string =>
  threads
    .filter((thread) => !isDraft(thread) && isIncoming(thread))
    .map((thread) => {
      const body = rawBody(thread)
      return looksLikeHtml(body) ? htmlToText(body) : body
    })
    .join("\n")

/** Addresses the candidate wrote in his messages ("essayez avec …"), other than the searched one. */
export const alternativeEmails = (threads: ReadonlyArray<TriageThread>, searched: string): ReadonlyArray<string> => {
  const found: Array<string> = []
  for (const m of inboundText(threads).matchAll(/[A-Z0-9._%+'-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi)) {
    const address = m[0].toLowerCase()
    if (address !== searched && !isInternalAddress(address) && !systemAddresses.includes(address) && !found.includes(address)) {
      found.push(address)
    }
  }
  return found
}

const contactName = (contact: LinkingContact | undefined): string =>
  contact?.Full_Name ?? [contact?.First_Name, contact?.Last_Name].filter(Boolean).join(" ")

/** Phones to try: the contacts' own, else the ticket's fields, else mobiles written in messages. */
export const ticketPhones = (
  input: Pick<LinkingInput, "ticket" | "threads">,
  known: ReadonlyArray<LinkingContact>
): ReadonlyArray<string> => {
  const fromContacts = known.flatMap((contact) => [contact.Phone, contact.Mobile])
  const cf = input.ticket.cf ?? {}
  const fromTicket = [input.ticket.phone, cf["cf_telephone"], cf["cf_phone"], cf["cf_mobile"], cf["cf_tel"]]
  const normalized = [...fromContacts, ...fromTicket].map(normalizeFrenchPhone).filter((p): p is string => p !== undefined)
  const all = normalized.length > 0 ? normalized : mobilesInText(inboundText(input.threads))
  return [...new Set(all)]
}

/** §3.2 step 5: contacts found by phone, kept only when the names share a word (§3.3). */
const phoneFallback = (
  input: LinkingInput,
  known: ReadonlyArray<LinkingContact>
): { contacts: ReadonlyArray<LinkingContact>; phone: string | undefined } => {
  const candidateName = contactName(known[0]) || (input.ticket.contactName ?? "")
  const knownIds = new Set(known.map((contact) => contact.id))
  for (const phone of ticketPhones(input, known)) {
    const hits = input.contacts.filter((contact) =>
      !knownIds.has(contact.id)
      && [contact.Phone, contact.Mobile].some((value) => normalizeFrenchPhone(value) === phone)
      && namesShareAWord(contactName(contact), candidateName)
    )
    const withWonUber = hits.filter((contact) => dealsOfContacts(input.deals, [contact]).some(isWonUber20))
    if (withWonUber.length > 0) return { contacts: withWonUber, phone }
  }
  return { contacts: [], phone: undefined }
}

const finish = (
  input: LinkingInput,
  base: Pick<LinkingOutcome, "email" | "emailFound" | "linkSource" | "alternativeEmailUsed" | "phoneUsed">,
  contacts: ReadonlyArray<LinkingContact>,
  deals: ReadonlyArray<LinkingDeal>,
  forced: LinkingDeal | undefined
): LinkingOutcome => {
  const contactsById = new Map(input.contacts.map((contact) => [contact.id, contact]))
  const knownIds = new Set(deals.map((deal) => deal.id))
  const firstPass = selectDeal(deals, detectDuplicates({ candidateDeals: deals, selected: undefined, candidate: undefined, otherDeals: [], contactsById }), input.today, input.examDates)
  const provisional = forced ?? firstPass?.deal
  const candidate = contactsById.get(provisional?.Contact_Name?.id ?? "") ?? contacts[0]
  const duplicates = detectDuplicates({
    candidateDeals: deals,
    selected: provisional,
    candidate,
    otherDeals: input.deals.filter((deal) => !knownIds.has(deal.id)),
    contactsById
  })
  const selection = forced !== undefined && duplicates.dealToWorkOn === undefined && duplicates.paidFormationDeal === undefined
    ? { deal: forced, priority: "cf_opportunite" as const }
    : selectDeal(deals, duplicates, input.today, input.examDates)
  const department = recommendDepartment(deals, input.subject, input.lastInboundMessage, input.today, input.examDates)
  return {
    ...base,
    contacts,
    allDeals: deals,
    selectedDeal: selection?.deal,
    selectionPriority: selection?.priority,
    recommendedDepartment: department.department,
    routingExplanation: department.explanation,
    duplicates,
    needsClarification: false,
    clarificationReason: undefined
  }
}

const notFound = (
  base: Pick<LinkingOutcome, "email" | "emailFound" | "linkSource" | "alternativeEmailUsed" | "phoneUsed">,
  reason: ClarificationReason,
  contacts: ReadonlyArray<LinkingContact>
): LinkingOutcome => ({
  ...base, contacts, allDeals: [], selectedDeal: undefined, selectionPriority: undefined,
  recommendedDepartment: undefined, routingExplanation: "candidat introuvable",
  duplicates: detectDuplicates({ candidateDeals: [], selected: undefined, candidate: undefined, otherDeals: [], contactsById: new Map() }),
  needsClarification: true, clarificationReason: reason
})

export const linkDeal = (input: LinkingInput): LinkingOutcome => {
  const fromThreads = candidateEmailFromThreads(input.threads, input.ticket.email)
  const opportuniteId = dealIdFromOpportunite(input.ticket.cf?.["cf_opportunite"])
  const linked = opportuniteId === undefined ? undefined : input.deals.find((deal) => deal.id === opportuniteId)
  if (linked !== undefined) {
    const owner = input.contacts.find((contact) => contact.id === linked.Contact_Name?.id)
    const ownerEmail = (owner?.Email ?? "").trim().toLowerCase()
    const contacts = ownerEmail === "" ? (owner === undefined ? [] : [owner]) : contactsWithEmail(input.contacts, ownerEmail)
    const deals = dealsOfContacts(input.deals, contacts)
    const base = { email: fromThreads.email, emailFound: fromThreads.email !== undefined, linkSource: "cf_opportunite" as const, alternativeEmailUsed: undefined, phoneUsed: undefined }
    return finish(input, base, contacts, deals.some((deal) => deal.id === linked.id) ? deals : [linked, ...deals], linked)
  }
  const email = fromThreads.email
  const base = { email, emailFound: email !== undefined, linkSource: undefined, alternativeEmailUsed: undefined, phoneUsed: undefined }
  if (email === undefined) return notFound(base, "candidate_not_found", [])
  let contacts = contactsWithEmail(input.contacts, email)
  let alternative: string | undefined
  if (contacts.length === 0) {
    for (const other of alternativeEmails(input.threads, email)) {
      const found = contactsWithEmail(input.contacts, other)
      if (found.length > 0) {
        contacts = found
        alternative = other
        break
      }
    }
  }
  if (contacts.length === 0) return notFound(base, "candidate_not_found", [])
  let deals = dealsOfContacts(input.deals, contacts)
  let phoneUsed: string | undefined
  if (!deals.some(isWonUber20)) {
    const byPhone = phoneFallback(input, contacts)
    if (byPhone.contacts.length > 0) {
      contacts = [...contacts, ...byPhone.contacts]
      deals = [...deals, ...dealsOfContacts(input.deals, byPhone.contacts)]
      phoneUsed = byPhone.phone
    }
  }
  const source = phoneUsed !== undefined ? "phone" as const : alternative !== undefined ? "alternative_email" as const : "email" as const
  const found = { ...base, linkSource: source, alternativeEmailUsed: alternative, phoneUsed }
  if (deals.length === 0) return notFound(found, "no_deal_for_contact", contacts)
  return finish(input, found, contacts, deals, undefined)
}
