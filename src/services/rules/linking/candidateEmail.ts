/**
 * The candidate's e-mail address from the ticket threads (§3.2 step 2): newest inbound sender,
 * system addresses skipped, internal forwards unwrapped to the first external address.
 */
import { extractForwarded, isInternalAddress } from "../../triage/message/forward.ts"
import { isDraft, isIncoming, newestFirst, rawBody, type TriageThread } from "../../triage/message/thread.ts"
import { emailAddressOf, htmlToText, looksLikeHtml } from "../../triage/text/normalize.ts"

export const systemAddresses: ReadonlyArray<string> = [
  "contact@evalbox.com", "noreply@evalbox.com", "doc@cab-formations.fr", "contact@cab-formations.fr", "admin@cab-formations.fr"
]

const isSystem = (address: string): boolean =>
  systemAddresses.includes(address) || /^(doc|contact)@/.test(address) && isInternalAddress(address)

/** Every address in "De:/From:/mailto:" lines of a forwarded body, in order. */
const headerAddresses = (body: string): ReadonlyArray<string> => {
  const text = looksLikeHtml(body) ? htmlToText(body) : body
  const found: Array<string> = []
  for (const line of text.split("\n")) {
    if (!/^[ \t>*]*(De|From)\s*:|mailto:/i.test(line)) continue
    for (const m of line.matchAll(/[A-Z0-9._%+'-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi)) found.push(m[0].toLowerCase())
  }
  return found
}

export interface CandidateEmail {
  readonly email: string | undefined
  readonly viaForward: boolean
}

export const candidateEmailFromThreads = (
  threads: ReadonlyArray<TriageThread>,
  ticketEmail: string | null | undefined
): CandidateEmail => {
  for (const thread of newestFirst(threads)) {
    if (isDraft(thread) || !isIncoming(thread)) continue
    const senders = [thread.fromEmailAddress, thread.author?.email]
      .map((raw) => emailAddressOf(raw))
      .filter((address): address is string => address !== undefined)
    for (const sender of senders) {
      if (isSystem(sender)) continue
      if (!isInternalAddress(sender)) return { email: sender, viaForward: false }
      const body = rawBody(thread)
      const forwarded = extractForwarded(body)
      const external = [forwarded?.sender, ...headerAddresses(body)].find(
        (address): address is string => address !== undefined && !isInternalAddress(address) && !isSystem(address)
      )
      if (external !== undefined) return { email: external, viaForward: true }
    }
  }
  const fallback = emailAddressOf(ticketEmail)
  return { email: fallback !== undefined && !isSystem(fallback) ? fallback : undefined, viaForward: false }
}
