import { Context, Data, Effect, Layer, Ref } from "effect"
import { emptyTokenCache, type TokenCacheFile } from "./internal/tokenCache.ts"

export class TokenStoreError extends Data.TaggedError("TokenStoreError")<{ readonly detail: string }> {
  override get message(): string {
    return `token cache: ${this.detail}`
  }
}

/**
 * Where access tokens live between processes. `locked` runs `f` while holding the machine-wide
 * lock: `f` sees the current content and returns its result plus the content to store (or
 * `undefined` to leave the file alone), so a read-check-refresh-write is atomic across processes.
 */
export interface TokenStoreShape {
  readonly read: Effect.Effect<TokenCacheFile, TokenStoreError>
  readonly locked: <A, E, R>(
    f: (current: TokenCacheFile) => Effect.Effect<readonly [A, TokenCacheFile | undefined], E, R>
  ) => Effect.Effect<A, E | TokenStoreError, R>
}

export class TokenStore extends Context.Tag("docflow/zoho/TokenStore")<TokenStore, TokenStoreShape>() {}

/** A store held in memory: for tests, and for runs where no data directory may be written. */
export const makeMemoryTokenStore: Effect.Effect<TokenStoreShape> = Effect.gen(function* () {
  const ref = yield* Ref.make(emptyTokenCache)
  const lock = yield* Effect.makeSemaphore(1)
  return {
    read: Ref.get(ref),
    locked: (f) =>
      lock.withPermits(1)(
        Effect.gen(function* () {
          const [result, next] = yield* f(yield* Ref.get(ref))
          if (next !== undefined) yield* Ref.set(ref, next)
          return result
        })
      )
  }
})

export const TokenStoreMemory: Layer.Layer<TokenStore> = Layer.effect(TokenStore, makeMemoryTokenStore)
