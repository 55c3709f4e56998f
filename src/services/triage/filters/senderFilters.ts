/** The first four deterministic filters (§2.3 rules 1–4): bounce, spam, CMA, no-reply. */
import { containsAny, emailAddressOf, fold } from "../text/normalize.ts"
import { htmlToText, looksLikeHtml } from "../text/normalize.ts"
import {
  bounceKeywords, cmaBatchMarkers, cmaReplyMarkers, cmaSenderMarkers, noReplyExactAddresses, noReplyLocalParts, spamKeywords
} from "./keywords.ts"
import type { CmaNotificationType, RuleVerdict } from "./verdict.ts"

export const bounceFilter = (subject: string, message: string): RuleVerdict | undefined =>
  containsAny(`${subject}\n${message}`, bounceKeywords)
    ? { action: "BOUNCE", targetDepartment: null, method: "bounce_filter", reason: "échec de distribution d'un e-mail", confidence: 1 }
    : undefined

export const spamFilter = (subject: string, message: string): RuleVerdict | undefined =>
  containsAny(`${subject}\n${message}`, spamKeywords)
    ? { action: "SPAM", targetDepartment: null, method: "spam_filter", reason: "mots-clés de spam", confidence: 1 }
    : undefined

export const isCmaSender = (sender: string | undefined): boolean =>
  sender !== undefined && cmaSenderMarkers.some((marker) => sender.toLowerCase().includes(marker))

/** Only the CMA's own text: cut at the first reply marker found after 50 characters. */
export const cmaOwnText = (body: string): string => {
  const text = looksLikeHtml(body) ? htmlToText(body) : body
  const lower = text.toLowerCase()
  let cut = text.length
  for (const marker of cmaReplyMarkers) {
    const at = lower.indexOf(marker, 50)
    if (at !== -1 && at < cut) cut = at
  }
  return text.slice(0, cut)
}

const incomplete = [/dossier[^\n]{0,150}incomplet/, /s'avere incomplet/, /toujours en incomplet/]
const validated = [/dossier[^\n]{0,150}est complet/, /dossier[^\n]{0,150}a ete valide/, /confirmons que votre dossier[^\n]{0,150}complet/]

export const cmaNotificationType = (ownText: string): CmaNotificationType | undefined => {
  const folded = fold(ownText)
  const batch = containsAny(folded, cmaBatchMarkers)
  if (!batch && incomplete.some((pattern) => pattern.test(folded))) return "DOSSIER_INCOMPLET"
  if (validated.some((pattern) => pattern.test(folded))) return "DOSSIER_VALIDE"
  return undefined
}

/** Rule 3: CMA mail is never answered by a draft nor routed. */
export const cmaFilter = (sender: string | undefined, newestCmaBody: string): RuleVerdict | undefined => {
  if (!isCmaSender(sender)) return undefined
  const type = cmaNotificationType(cmaOwnText(newestCmaBody))
  return type === undefined
    ? { action: "CMA_OTHER", targetDepartment: null, method: "cma_notification_filter", reason: "e-mail de la CMA", confidence: 1 }
    : { action: "CMA_NOTIFICATION", targetDepartment: null, method: "cma_notification_filter", reason: `notification CMA : ${type}`, cmaType: type, confidence: 1 }
}

/** Rule 4: exact automatic senders, after extracting the address from "Name <addr>". */
export const isNoReplySender = (rawSender: string | undefined): boolean => {
  const address = emailAddressOf(rawSender)
  if (address === undefined) return false
  if ((noReplyExactAddresses as ReadonlyArray<string>).includes(address)) return true
  const local = address.split("@")[0] ?? ""
  return (noReplyLocalParts as ReadonlyArray<string>).includes(local)
}

export const noReplyFilter = (rawSender: string | undefined): RuleVerdict | undefined =>
  isNoReplySender(rawSender)
    ? { action: "NOREPLY_NOTIFICATION", targetDepartment: null, method: "noreply_notification_filter", reason: "notification automatique", confidence: 1 }
    : undefined
