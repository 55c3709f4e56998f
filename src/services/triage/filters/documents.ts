/** Document submissions and the attachment rule (§2.3 rule 16, §2.4, R24, R25). */
import type { ThreadAttachment, TriageThread } from "../message/thread.ts"
import { attachmentName, attachmentSize, isDraft, isIncoming, newestFirst } from "../message/thread.ts"
import { containsAny, fold } from "../text/normalize.ts"
import {
  attachmentDocumentKeywords, attachmentNoiseNames, documentSubmissionPhrases, invoiceRequestWords, questionIndicators
} from "./keywords.ts"

/**
 * The candidate is sending documents, not asking about them: a submission phrase and no question
 * (no "?" nor question indicator). A subject "Facture" counts as a submission unless an invoice
 * is explicitly requested.
 */
export const isDocumentSubmission = (text: string): boolean => {
  const folded = fold(text)
  if (folded.includes("?") || containsAny(folded, questionIndicators)) return false
  if (/^\s*(re|tr|fw|fwd)?\s*:?\s*factures?\b/.test(folded) && !containsAny(folded, invoiceRequestWords)) return true
  return containsAny(folded, documentSubmissionPhrases)
}

const imageExtensions = /\.(png|jpe?g|gif|bmp)$/i
const SMALL_IMAGE_BYTES = 50 * 1024

/** Logos, signatures and small inline images are not documents (R24). */
export const isRealAttachment = (attachment: ThreadAttachment): boolean => {
  const name = fold(attachmentName(attachment))
  if (attachmentNoiseNames.some((noise) => name.includes(noise))) return false
  const size = attachmentSize(attachment)
  if (imageExtensions.test(name) && size !== undefined && size < SMALL_IMAGE_BYTES) return false
  return true
}

/** Real attachments of the newest inbound thread that has any. */
export const latestRealAttachments = (threads: ReadonlyArray<TriageThread>): ReadonlyArray<ThreadAttachment> => {
  const withAttachments = newestFirst(threads).find(
    (thread) => !isDraft(thread) && isIncoming(thread) && (thread.attachments?.length ?? 0) > 0
  )
  return (withAttachments?.attachments ?? []).filter(isRealAttachment)
}

/** Rule 16: a real attachment plus a document word in the subject or message. */
export const attachmentRuleFires = (threads: ReadonlyArray<TriageThread>, subject: string, message: string): boolean =>
  latestRealAttachments(threads).length > 0 && containsAny(`${subject}\n${message}`, attachmentDocumentKeywords)
