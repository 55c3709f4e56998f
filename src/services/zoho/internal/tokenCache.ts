import { Effect, Option, Schema } from "effect"

/** One cached access token, keyed in the file by a hash of the credential set. */
export const CachedToken = Schema.Struct({
  accessToken: Schema.String,
  /** Epoch milliseconds at which Zoho stops accepting the token. */
  expiresAt: Schema.Number,
  apiDomain: Schema.optional(Schema.String)
})
export type CachedToken = typeof CachedToken.Type

/**
 * The machine-wide token cache shared by every docflow process: the current token of each
 * credential set, and the times of its recent refreshes (Zoho allows 10 per 10 minutes per refresh
 * token, and short CLI runs must not spend that budget).
 */
export const TokenCacheFile = Schema.Struct({
  version: Schema.Literal(1),
  entries: Schema.Record({ key: Schema.String, value: CachedToken }),
  refreshes: Schema.Record({ key: Schema.String, value: Schema.Array(Schema.Number) })
})
export type TokenCacheFile = typeof TokenCacheFile.Type

export const emptyTokenCache: TokenCacheFile = { version: 1, entries: {}, refreshes: {} }

/** The token when it has more than `marginMs` of life left at `now`. */
export const usableToken = (
  file: TokenCacheFile,
  key: string,
  now: number,
  marginMs: number
): Option.Option<CachedToken> => {
  const entry = file.entries[key]
  return entry !== undefined && entry.expiresAt - marginMs > now ? Option.some(entry) : Option.none()
}

/** Refresh times of `key` that still count against the window at `now`. */
export const recentRefreshes = (file: TokenCacheFile, key: string, now: number, windowMs: number): ReadonlyArray<number> =>
  (file.refreshes[key] ?? []).filter((t) => t > now - windowMs)

export const withRefresh = (file: TokenCacheFile, key: string, at: number, windowMs: number): TokenCacheFile => ({
  ...file,
  refreshes: { ...file.refreshes, [key]: [...recentRefreshes(file, key, at, windowMs), at] }
})

export const withToken = (file: TokenCacheFile, key: string, token: CachedToken): TokenCacheFile => ({
  ...file,
  entries: { ...file.entries, [key]: token }
})

export const withoutToken = (file: TokenCacheFile, key: string, accessToken: string): TokenCacheFile => {
  if (file.entries[key]?.accessToken !== accessToken) return file
  const { [key]: _dropped, ...rest } = file.entries
  return { ...file, entries: rest }
}

/**
 * The cache key of a credential set: 16 hex characters of SHA-256(client id ":" refresh token), so
 * the file never holds the refresh token itself. Web Crypto runs under Node and Deno alike.
 */
export const credentialKey = (clientId: string, refreshToken: string): Effect.Effect<string> =>
  Effect.promise(async () => {
    const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${clientId}:${refreshToken}`))
    return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("")
  })
