/**
 * Builds "what the candidate wrote since our last reply" from the ticket threads (§2.2).
 */
import { containsAny, emailAddressOf } from "../text/normalize.ts"
import { extractForwarded, isInternalAddress } from "./forward.ts"
import { stripQuotedHistory } from "./quoted.ts"
import { isDraft, isIncoming, newestFirst, rawBody, senderOf, type TriageThread } from "./thread.ts"

/** Messages that only point elsewhere or are rating feedback carry no request of their own. */
export const skipPatterns: ReadonlyArray<string> = [
  "a évalué la réponse", "lisez mon mail", "lire mon mail", "voir mon message", "mon précédent mail"
]

export const MIN_KEPT_LENGTH = 80
export const MAX_MESSAGES = 3
export const MESSAGE_SEPARATOR = "\n---\n"

export interface CustomerMessagePart {
  readonly threadId: string
  readonly text: string
  /** Address of the candidate when the message is a staff forward. */
  readonly forwardedFrom: string | undefined
  readonly quotedContentFallback: boolean
}

export interface CustomerMessage {
  /** Up to three recent messages, newest first, joined with `---`. */
  readonly text: string
  readonly parts: ReadonlyArray<CustomerMessagePart>
  readonly quotedContentFallback: boolean
  /** Inbound, non-draft threads since the last outgoing CAB message. */
  readonly incomingSinceLastReply: ReadonlyArray<TriageThread>
  readonly latestIncomingThreadId: string | undefined
}

const readOne = (thread: TriageThread): CustomerMessagePart => {
  const body = rawBody(thread)
  const sender = emailAddressOf(senderOf(thread))
  if (isInternalAddress(sender)) {
    const forwarded = extractForwarded(body)
    if (forwarded !== undefined) {
      return { threadId: thread.id, text: forwarded.text, forwardedFrom: forwarded.sender, quotedContentFallback: false }
    }
  }
  const stripped = stripQuotedHistory(body)
  return { threadId: thread.id, text: stripped.text, forwardedFrom: undefined, quotedContentFallback: stripped.quotedContentFallback }
}

export const extractCustomerMessage = (threads: ReadonlyArray<TriageThread>): CustomerMessage => {
  const incoming: Array<TriageThread> = []
  for (const thread of newestFirst(threads)) {
    if (isDraft(thread)) continue
    if (!isIncoming(thread)) break
    incoming.push(thread)
  }
  const parts: Array<CustomerMessagePart> = []
  for (const thread of incoming) {
    if (parts.length >= MAX_MESSAGES) break
    const part = readOne(thread)
    if (part.text === "" || containsAny(part.text, skipPatterns)) continue
    if (parts.length > 0 && part.text.length < MIN_KEPT_LENGTH) continue
    parts.push(part)
  }
  return {
    text: parts.map((part) => part.text).join(MESSAGE_SEPARATOR),
    parts,
    quotedContentFallback: parts.some((part) => part.quotedContentFallback),
    incomingSinceLastReply: incoming,
    latestIncomingThreadId: incoming[0]?.id
  }
}
