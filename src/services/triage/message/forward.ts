/**
 * Internal forwards (§2.2, R26): a staff member forwards the candidate's mail into the ticket. The
 * candidate's own text and address sit below a forward header (Gmail, Apple Mail, Outlook); the
 * employee's note and signature above it are dropped. Forwards of forwards are unwrapped until a
 * non-internal sender appears.
 */
import { emailAddressOf, htmlToText, looksLikeHtml } from "../text/normalize.ts"
import { cutTextQuotes } from "./quoted.ts"

export const internalDomains: ReadonlyArray<string> = ["@cab-formations.fr", "@formalogistics.com", "@formalogistics.fr"]

export const isInternalAddress = (address: string | undefined): boolean =>
  address !== undefined && internalDomains.some((domain) => address.toLowerCase().endsWith(domain))

const forwardMarker =
  /^[ \t>]*(-{3,}\s*(Forwarded message|Message transf[ée]r[ée]|Original Message|Message d'origine)\s*-{3,}|D[ée]but du message (r[ée]exp[ée]di[ée]|transf[ée]r[ée])\s*:?|Begin forwarded message\s*:?)[ \t]*$/im

const headerLine = /^[ \t>]*(De|From|Date|Envoy[ée]|Sent|[ÀA]|To|Cc|Objet|Subject|R[ée]pondre [àa]|Reply-To)\s*:/i

export interface ForwardedMessage {
  readonly text: string
  readonly sender: string | undefined
}

/** Plain text of an HTML or text body where an Apple Mail forward is the last blockquote. */
const forwardText = (body: string): string => {
  if (!looksLikeHtml(body)) return body.replace(/\r\n/g, "\n")
  return htmlToText(body)
}

/** One level: the header block after the marker, then the forwarded body. */
const unwrapOnce = (text: string): { body: string; sender: string | undefined } | undefined => {
  const marker = forwardMarker.exec(text)
  if (marker === null) return undefined
  const lines = text.slice(marker.index + marker[0].length).split("\n")
  let index = 0
  let sender: string | undefined
  while (index < lines.length && (lines[index]?.trim() === "" || headerLine.test(lines[index] ?? ""))) {
    const line = lines[index] ?? ""
    if (/^[ \t>]*(De|From)\s*:/i.test(line)) {
      // the address may wrap onto the next line ("De: Jean Dupont\n<jean@x.fr>")
      sender = emailAddressOf(line) ?? emailAddressOf(lines[index + 1] ?? "") ?? sender
    }
    index += 1
  }
  return { body: lines.slice(index).join("\n"), sender }
}

/**
 * Extracts the forwarded candidate message from an internal forward, or `undefined` when the body
 * carries no forward header.
 */
export const extractForwarded = (body: string): ForwardedMessage | undefined => {
  let current = unwrapOnce(forwardText(body))
  if (current === undefined) return undefined
  for (let depth = 0; depth < 5 && isInternalAddress(current.sender); depth++) {
    const inner = unwrapOnce(current.body)
    if (inner === undefined) break
    current = inner
  }
  return { text: cutTextQuotes(current.body.replace(/^[ \t]*>[ \t]?/gm, "")), sender: current.sender }
}
