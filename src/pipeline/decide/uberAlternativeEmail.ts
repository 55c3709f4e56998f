/**
 * Uber CAS D follow-up (§1.4 step 4, §7.3, §11.3): we already told the candidate his e-mail is
 * not linked to an active Uber Driver account, and he now writes from / gives another address.
 * The reply acknowledges that address instead of repeating CAS D, and a private note asks a
 * person to check it with Uber (and then update the contact and tick `Compte_Uber`). Pure.
 */

/** Phrases of our CAS D block (§1.4 step 3). */
const CAS_D_SENT = ["compte uber driver", "uber chauffeur actif"]
const EMAIL = /[A-Z0-9._%+'-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi

export interface AlternativeEmailInput {
  /** the state engine raised UBER_ACCOUNT_NOT_VERIFIED (Uber CAS D) */
  readonly uberCaseD: boolean
  /** our earlier sent replies, lower-cased */
  readonly previousReplies: string
  /** the triage's `provided_contact_info.email` */
  readonly providedEmail: string | null
  /** the candidate's newest message */
  readonly message: string
  /** addresses we already know for him (deal, contacts, ticket) and our own */
  readonly knownEmails: ReadonlyArray<string>
}

const normalise = (email: string): string => email.trim().toLowerCase().replace(/[.,;:]+$/, "")

/** The new address to check with Uber, or null. */
export const uberAlternativeEmail = (input: AlternativeEmailInput): string | null => {
  if (!input.uberCaseD || !CAS_D_SENT.some((p) => input.previousReplies.includes(p))) return null
  const known = new Set(input.knownEmails.map(normalise))
  const candidates = [input.providedEmail ?? "", ...(input.message.match(EMAIL) ?? [])].map(normalise).filter((e) => e !== "")
  return candidates.find((e) => !known.has(e) && !e.endsWith("@cab-formations.fr")) ?? null
}

export const alternativeEmailNote = (email: string): string => [
  `UBER CAS D — le candidat indique une autre adresse e-mail pour son compte Uber Driver : ${email}.`,
  "Action : vérifier auprès d'Uber que cette adresse correspond à un compte chauffeur actif ; si oui, mettre à jour l'e-mail du contact dans le CRM et cocher Compte_Uber."
].join("\n")
