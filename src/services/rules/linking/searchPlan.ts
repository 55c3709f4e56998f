/**
 * What the gatherer must fetch so that `linkDeal` can decide without I/O (§3.2): the CRM searches
 * the original linker ran, derived from the same inputs. Pure; the gatherer runs the searches and
 * puts every contact and deal found into the case file.
 */
import type { TriageThread } from "../../triage/message/thread.ts"
import { candidateEmailFromThreads } from "./candidateEmail.ts"
import { alternativeEmails, ticketPhones, type LinkingTicket } from "./linkDeal.ts"
import { phoneSearchVariants } from "./phone.ts"
import type { LinkingContact, LinkingDeal } from "./records.ts"

export interface CrmSearchPlan {
  /** `Contacts/search (Email:equals:x)`, in order: the candidate's address, then the ones he wrote. */
  readonly contactEmails: ReadonlyArray<string>
  /** `Contacts/search` on `Phone` and on `Mobile`, each spelling (only needed without a won 20 € deal). */
  readonly phoneVariants: ReadonlyArray<string>
  /** `Deals/search?word=<lastname>` for the name + identity duplicate search (§3.5). */
  readonly dealWord: string | undefined
}

/** First plan, before any contact is known. */
export const initialSearchPlan = (threads: ReadonlyArray<TriageThread>, ticket: LinkingTicket): CrmSearchPlan => {
  const email = candidateEmailFromThreads(threads, ticket.email).email
  const contactEmails = email === undefined ? [] : [email, ...alternativeEmails(threads, email)]
  return { contactEmails, phoneVariants: [], dealWord: undefined }
}

/** Follow-up searches once the contacts and deals of the candidate's e-mail are known. */
export const followUpSearchPlan = (
  threads: ReadonlyArray<TriageThread>,
  ticket: LinkingTicket,
  contacts: ReadonlyArray<LinkingContact>,
  selected: LinkingDeal | undefined
): CrmSearchPlan => {
  const phones = ticketPhones({ ticket, threads }, contacts)
  const lastName = contacts[0]?.Last_Name ?? selected?.Contact_Name?.name?.split(/\s+/).at(-1)
  const identityKnown = (selected?.Numero_Permis ?? "") !== "" || (selected?.CMA_de_depot ?? "") !== ""
  return {
    contactEmails: [],
    phoneVariants: phones.flatMap(phoneSearchVariants),
    dealWord: identityKnown && lastName !== undefined && lastName.trim() !== "" ? lastName.trim() : undefined
  }
}
