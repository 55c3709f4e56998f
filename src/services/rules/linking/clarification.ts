/**
 * The identity-proof loop (§3.6): markers in private comments, the pending note, and resolving
 * the candidate's answer on the next run of the same ticket.
 */
import { mobilesInText, normalizeFrenchPhone } from "./phone.ts"
import { evalboxIs, isWonUber20, mostRecentFirst, type LinkingContact, type LinkingDeal } from "./records.ts"

export const Markers = {
  identityPending: "[IDENTITY_PENDING]",
  duplicatePending: (dealId: string) => `[DUPLICATE_PENDING:${dealId}]`,
  duplicateVerified: "[DUPLICATE_RESOLVED:VERIFIED]",
  verificationFailed: "[DUPLICATE_VERIFICATION_FAILED]",
  identitySearchCompleted: "[IDENTITY_SEARCH_COMPLETED]",
  agentHintUsed: "[AGENT_HINT_USED]"
} as const

export interface TicketComment {
  readonly content: string
  readonly commentedTime?: string | null
  readonly isPublic?: boolean | null
}

export type PendingClarification =
  | { readonly kind: "duplicate"; readonly dealId: string; readonly stored: StoredDuplicate }
  | { readonly kind: "identity" }

export interface StoredDuplicate {
  readonly email: string | undefined
  readonly phone: string | undefined
  readonly originalIntent: string | undefined
  readonly duplicateType: string | undefined
}

const closingMarkers = [Markers.duplicateVerified, Markers.verificationFailed, Markers.identitySearchCompleted]

/** The newest pending marker not already followed (newer) by a resolution marker. */
export const pendingClarification = (comments: ReadonlyArray<TicketComment>): PendingClarification | undefined => {
  const newest = [...comments].sort((a, b) => ((a.commentedTime ?? "") < (b.commentedTime ?? "") ? 1 : -1))
  for (const comment of newest) {
    if (closingMarkers.some((marker) => comment.content.includes(marker))) return undefined
    const duplicate = /\[DUPLICATE_PENDING:(\d+)\]/.exec(comment.content)
    if (duplicate?.[1] !== undefined) return { kind: "duplicate", dealId: duplicate[1], stored: parseStoredDuplicate(comment.content) }
    if (comment.content.includes(Markers.identityPending)) return { kind: "identity" }
  }
  return undefined
}

const field = (text: string, label: string): string | undefined => {
  const value = new RegExp(`${label}\\s*:\\s*([^\\n<]+)`, "i").exec(text)?.[1]?.trim()
  return value === undefined || value === "" || value === "-" ? undefined : value
}

export const parseStoredDuplicate = (note: string): StoredDuplicate => ({
  email: field(note, "E-mail du dossier")?.toLowerCase(),
  phone: normalizeFrenchPhone(field(note, "Téléphone du dossier")),
  originalIntent: field(note, "Intention d'origine"),
  duplicateType: field(note, "Type")
})

export interface DuplicatePendingFacts {
  readonly dealId: string
  readonly dealName: string | undefined
  readonly duplicateType: string | undefined
  readonly email: string | undefined
  readonly phone: string | undefined
  readonly originalIntent: string | undefined
}

/** Private note written with a DUPLICATE_CLARIFICATION reply; `parseStoredDuplicate` reads it back. */
export const duplicatePendingNote = (facts: DuplicatePendingFacts): string =>
  [
    "Doublon possible : vérification d'identité demandée au candidat.",
    `Dossier : ${facts.dealId} (${facts.dealName ?? "sans nom"})`,
    `Type : ${facts.duplicateType ?? "-"}`,
    `E-mail du dossier : ${facts.email ?? "-"}`,
    `Téléphone du dossier : ${facts.phone ?? "-"}`,
    `Intention d'origine : ${facts.originalIntent ?? "-"}`,
    Markers.duplicatePending(facts.dealId)
  ].join("\n")

export type ClarificationResolution =
  | {
    readonly action: "DUPLICATE_RECOVERABLE"
    readonly dealId: string
    readonly duplicateType: "RECOVERABLE_PAID" | "RECOVERABLE_NOT_PAID" | string
    readonly restoredIntent: string | undefined
    readonly ticketNote: string
    readonly dealNote: string | undefined
  }
  | { readonly action: "GO"; readonly ticketNote: string }

const emailsIn = (text: string): ReadonlyArray<string> =>
  [...text.matchAll(/[A-Z0-9._%+'-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi)].map((m) => m[0].toLowerCase())

/** The candidate's answer proves he is the person of the earlier dossier (e-mail or mobile). */
export const answerMatches = (answer: string, stored: StoredDuplicate): boolean => {
  const email = stored.email?.toLowerCase()
  if (email !== undefined && emailsIn(answer).includes(email)) return true
  return stored.phone !== undefined && mobilesInText(answer).includes(stored.phone)
}

export const resolveDuplicateClarification = (
  pending: Extract<PendingClarification, { kind: "duplicate" }>,
  answer: string
): ClarificationResolution =>
  answerMatches(answer, pending.stored)
    ? {
      action: "DUPLICATE_RECOVERABLE",
      dealId: pending.dealId,
      duplicateType: pending.stored.duplicateType ?? "RECOVERABLE_NOT_PAID",
      restoredIntent: pending.stored.originalIntent,
      ticketNote: `Identité confirmée par le candidat : reprise du dossier ${pending.dealId}. ${Markers.duplicateVerified}`,
      dealNote: `Doublon vérifié avec le candidat (coordonnées identiques). ${Markers.duplicateVerified}`
    }
    : {
      action: "GO",
      ticketNote: `Les coordonnées données ne correspondent pas au dossier ${pending.dealId} : traité comme un nouveau candidat. ${Markers.verificationFailed}`
    }

/** Identity variant: search the given e-mail/phone among the case file's contacts and their deals. */
export const resolveIdentityClarification = (
  answer: string,
  contacts: ReadonlyArray<LinkingContact>,
  deals: ReadonlyArray<LinkingDeal>
): ClarificationResolution => {
  const emails = emailsIn(answer)
  const phones = mobilesInText(answer)
  const matching = contacts.filter((contact) =>
    emails.includes((contact.Email ?? "").toLowerCase())
    || [contact.Phone, contact.Mobile].some((value) => {
      const phone = normalizeFrenchPhone(value)
      return phone !== undefined && phones.includes(phone)
    })
  )
  const ids = new Set(matching.map((contact) => contact.id))
  const won = mostRecentFirst(deals.filter((deal) => ids.has(deal.Contact_Name?.id ?? "") && isWonUber20(deal)))[0]
  if (won === undefined) {
    return { action: "GO", ticketNote: `Aucun dossier Uber trouvé avec les coordonnées données. ${Markers.identitySearchCompleted}` }
  }
  const paid = evalboxIs(won, ["Dossier Synchronisé", "Refusé CMA", "VALIDE CMA", "Convoc CMA reçue"])
  return {
    action: "DUPLICATE_RECOVERABLE",
    dealId: won.id,
    duplicateType: paid ? "RECOVERABLE_PAID" : "RECOVERABLE_NOT_PAID",
    restoredIntent: undefined,
    ticketNote: `Ancien dossier retrouvé grâce aux coordonnées du candidat : ${won.id}. ${Markers.duplicateVerified}`,
    dealNote: `Dossier retrouvé et vérifié avec le candidat. ${Markers.duplicateVerified}`
  }
}

/** Rule 9 input: the deal already carries a verified-duplicate note. */
export const isVerifiedDuplicate = (dealId: string, notes: ReadonlyArray<{ readonly dealId: string; readonly content: string }>): boolean =>
  notes.some((note) => note.dealId === dealId && note.content.includes(Markers.duplicateVerified))
