/**
 * How docflow recognises what it wrote. Every comment and note carries `[docflow:<key>]` (plain
 * text) or `<!-- docflow:<key> -->` (HTML); a draft carries the HTML marker and is also matched by
 * ticket and content hash, because a mail editor may strip comments and attributes. Pure.
 */
import type { DecisionAction } from "../../schemas/decision.ts"

const htmlMarker = (key: string): string => `<!-- docflow:${key} -->`
const textMarker = (key: string): string => `[docflow:${key}]`

/** true when `content` carries the marker of `key`, in either form. */
export const hasMarker = (content: string | null | undefined, key: string): boolean =>
  content !== null && content !== undefined && (content.includes(htmlMarker(key)) || content.includes(textMarker(key)))

/** Every docflow key found in `content` (both marker forms, and the decide room's draft attribute). */
export const markersIn = (content: string | null | undefined): ReadonlyArray<string> => {
  if (content === null || content === undefined) return []
  const keys = new Set<string>()
  for (const m of content.matchAll(/<!-- docflow:([^\s>]+) -->|\[docflow:([^\]\s]+)\]|data-docflow-draft="([^"]+)"/g)) {
    const key = m[1] ?? m[2] ?? m[3]
    if (key !== undefined) keys.add(key)
  }
  return [...keys]
}

/** Text of an HTML body as a human reads it: tags, comments and spacing differences ignored. */
export const normalizedText = (html: string): string =>
  html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim()

/** FNV-1a (64 bits) of the normalized text, as 16 hex digits: stable across runs and runtimes. */
export const contentHash = (html: string): string => {
  let hash = 0xcbf29ce484222325n
  const prime = 0x100000001b3n
  for (const byte of new TextEncoder().encode(normalizedText(html))) {
    hash ^= BigInt(byte)
    hash = (hash * prime) & 0xffffffffffffffffn
  }
  return hash.toString(16).padStart(16, "0")
}

/** The action as it is sent: its key embedded in whatever it creates. Updates and moves are unchanged. */
export const withMarker = (action: DecisionAction): DecisionAction => {
  switch (action._tag) {
    case "CreateDraft":
      return hasMarker(action.payload.content, action.idempotencyKey)
        ? action
        : { ...action, payload: { ...action.payload, content: `${action.payload.content}${htmlMarker(action.idempotencyKey)}` } }
    case "AddTicketComment": {
      if (hasMarker(action.payload.content, action.idempotencyKey)) return action
      const marker = action.payload.contentType === "html" ? htmlMarker(action.idempotencyKey) : `\n\n${textMarker(action.idempotencyKey)}`
      return { ...action, payload: { ...action.payload, content: `${action.payload.content}${marker}` } }
    }
    case "AddDealNote":
      return hasMarker(action.payload.Note_Content, action.idempotencyKey)
        ? action
        : { ...action, payload: { ...action.payload, Note_Content: `${action.payload.Note_Content}\n\n${textMarker(action.idempotencyKey)}` } }
    default:
      return action
  }
}
