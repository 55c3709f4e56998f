import { Either, Schema } from "effect"
import type { PortalMessage, PortalMessages } from "./model.ts"

/**
 * The portal's two JSON answers (spec/EXAMT3P_PORTAL.md §1.3, §1.6) and what they mean.
 * Their real shapes are not documented; these decoders accept what the original accepted.
 */

export const PORTAL_PATHS = {
  session: "/id/14",
  login: "/Cma/UserAccount/login",
  dashboard: "/mon-espace",
  messages: "/Cmacandidate/getMessages"
} as const

/** Default headers of every request (§1.1): a truncated browser UA and an HTML Accept. */
export const PORTAL_HEADERS: Readonly<Record<string, string>> = {
  "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36",
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
}

const LoginAnswer = Schema.Struct({
  success: Schema.optional(Schema.Unknown),
  message: Schema.optional(Schema.Unknown)
})

export type LoginVerdict =
  | { readonly kind: "accepted" }
  | { readonly kind: "refused"; readonly message: string }
  /** Not a JSON object: the portal answered something else (maintenance page, error text). */
  | { readonly kind: "unexpected"; readonly detail: string }

const parseJson = (body: string): Either.Either<unknown, string> => {
  try {
    return Either.right(JSON.parse(body) as unknown)
  } catch {
    return Either.left(body.replace(/\s+/g, " ").trim().slice(0, 120))
  }
}

/**
 * `success` equal to 1 (or JSON `true`, as Python equality accepted) means logged in; any other
 * object is a refusal carrying the portal's `message`. Hardened (§5 item 3): a body that is not a
 * JSON object is not a refusal of the credentials but an unexpected answer (portal trouble).
 */
export const readLoginAnswer = (body: string): LoginVerdict => {
  const json = parseJson(body)
  if (Either.isLeft(json)) return { kind: "unexpected", detail: `réponse non JSON (${json.left})` }
  const value = json.right
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { kind: "unexpected", detail: "réponse JSON qui n'est pas un objet" }
  }
  const answer = Schema.decodeUnknownEither(LoginAnswer)(value)
  if (Either.isLeft(answer)) return { kind: "unexpected", detail: "réponse JSON illisible" }
  const { success, message } = answer.right
  if (success === 1 || success === true) return { kind: "accepted" }
  return { kind: "refused", message: typeof message === "string" && message.trim() !== "" ? message.trim() : "erreur inconnue" }
}

const textOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === "string" ? value : String(value)

/** First present key wins; a key present with null gives null (as in the original). */
const pick = (item: Record<string, unknown>, keys: ReadonlyArray<string>, fallback: string): string | null => {
  for (const key of keys) if (key in item) return textOrNull(item[key])
  return fallback
}

/**
 * `{messages:[…]}` or, when `messages` is absent, `{data:[…]}`; anything else gives undefined
 * and the dashboard's own message count is kept.
 */
export const readMessagesAnswer = (body: string): PortalMessages | undefined => {
  const json = parseJson(body)
  if (Either.isLeft(json)) return undefined
  const value = json.right
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined
  const record = value as Record<string, unknown>
  const list = "messages" in record ? record["messages"] : record["data"]
  if (!Array.isArray(list)) return undefined
  const liste: Array<PortalMessage> = []
  for (const item of list as ReadonlyArray<unknown>) {
    if (item === null || typeof item !== "object" || Array.isArray(item)) continue
    const entry = item as Record<string, unknown>
    liste.push({
      date: pick(entry, ["date", "created_at"], ""),
      expediteur: pick(entry, ["sender", "from"], "CMA"),
      contenu: pick(entry, ["message", "content", "text"], "")
    })
  }
  return { nombre: list.length, liste }
}

/**
 * Body text decoded with the `charset` of `Content-Type`, UTF-8 when absent or unknown (§1.1);
 * `fetch`'s own `text()` would always assume UTF-8.
 */
export const decodeBody = (bytes: Uint8Array, contentType: string | undefined): string => {
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "")?.[1]
  if (charset !== undefined) {
    try {
      return new TextDecoder(charset).decode(bytes)
    } catch {
      // An unknown label: fall through to UTF-8.
    }
  }
  return new TextDecoder("utf-8").decode(bytes)
}
