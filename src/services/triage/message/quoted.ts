/**
 * Removes quoted history from one inbound message (§2.2): HTML quote containers first, then the
 * textual reply headers of French and English mail clients. Replies are assumed top-posted, so
 * everything from the first quote marker to the end is history.
 */
import { htmlToText, looksLikeHtml } from "../text/normalize.ts"

const htmlQuoteStarts: ReadonlyArray<RegExp> = [
  /<blockquote\b/i,
  /<div[^>]+class=["'][^"']*gmail_quote[^"']*["']/i,
  /<div[^>]+class=["'][^"']*gmail_attr[^"']*["']/i,
  /<div[^>]+id=["']?(divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)/i,
  /<div[^>]+class=["'][^"']*(OutlookMessageHeader|yahoo_quoted|moz-cite-prefix|zmail_extra)[^"']*["']/i,
  /<hr[^>]+id=["']?stopSpelling/i
]

/** Cuts HTML at the earliest quote container. */
export const cutHtmlQuotes = (html: string): string => {
  let cut = html.length
  for (const pattern of htmlQuoteStarts) {
    const match = pattern.exec(html)
    if (match !== null && match.index < cut) cut = match.index
  }
  return html.slice(0, cut)
}

const textQuoteMarkers: ReadonlyArray<RegExp> = [
  // "Le lun. 3 mars 2026 à 10:12, Jean <j@x.fr> a écrit :" — may wrap over two lines
  /^\s*Le\b[^\n]{0,200}(\n[^\n]{0,200})?\ba\s+[ée]crit\s*:/im,
  /^\s*On\b[^\n]{0,200}(\n[^\n]{0,200})?\bwrote\s*:/im,
  // Gmail textual date variant: "2026-03-03 10:12 GMT+01:00 Jean <j@x.fr>:"
  /^\s*\d{4}-\d{2}-\d{2}[^\n]{0,80}<[^>\n]+@[^>\n]+>\s*:\s*$/im,
  /^\s*-{2,}\s*(Message d'origine|Original Message|Message original)\s*-{2,}/im,
  /^\s*(De|From)\s*:[^\n]*\n(?:[^\n]*\n){0,5}?\s*(Objet|Subject|Envoy[ée]|Sent|Date)\s*:/im,
  /^\s*_{5,}\s*$/m,
  /^\s*>/m,
  /^\s*(Envoy[ée] (depuis|de) mon|Sent from my|Obtenir Outlook pour)/im
]

/** Cuts plain text at the earliest textual quote marker. */
export const cutTextQuotes = (text: string): string => {
  let cut = text.length
  for (const pattern of textQuoteMarkers) {
    const match = pattern.exec(text)
    if (match !== null && match.index < cut) cut = match.index
  }
  return text.slice(0, cut).trim()
}

export interface StrippedMessage {
  readonly text: string
  /** True when stripping left almost nothing and the full text was kept instead. */
  readonly quotedContentFallback: boolean
}

/** Full §2.2 stripping with the "kept the original" fallback (< 30 chars left of ≥ 50). */
export const stripQuotedHistory = (body: string): StrippedMessage => {
  const html = looksLikeHtml(body)
  const original = html ? htmlToText(body) : body.trim()
  const stripped = cutTextQuotes(html ? htmlToText(cutHtmlQuotes(body)) : body)
  if (stripped.length < 30 && original.length >= 50) return { text: original, quotedContentFallback: true }
  return { text: stripped, quotedContentFallback: false }
}
