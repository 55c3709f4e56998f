import * as fs from "node:fs/promises"
import * as path from "node:path"
import { Effect, Either, Layer, Schema } from "effect"
import { TokenStore, TokenStoreError, type TokenStoreShape } from "../../TokenStore.ts"
import { emptyTokenCache, TokenCacheFile } from "../tokenCache.ts"

export interface NodeTokenStoreOptions {
  readonly dataDir: string
  /** How long to wait for another process's lock before giving up. */
  readonly lockWaitMs?: number
  /** A lock file older than this is left over by a dead process and is removed. */
  readonly staleLockMs?: number
}

export const TOKEN_FILE_NAME = "zoho-tokens.json"

const errnoCode = (e: unknown): string | undefined =>
  typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined

const failure = (what: string) => (e: unknown) =>
  new TokenStoreError({ detail: `${what} failed (${errnoCode(e) ?? "unknown error"})` })

const decodeFile = Schema.decodeUnknownEither(Schema.parseJson(TokenCacheFile))

/**
 * The token cache as a 0600 JSON file under the data directory, guarded by an exclusive lock file
 * (`O_EXCL` create), written atomically (temporary file + rename). An unreadable or corrupt file
 * is treated as empty: the worst outcome is one extra refresh.
 */
export const makeNodeTokenStore = (options: NodeTokenStoreOptions): TokenStoreShape => {
  const file = path.join(options.dataDir, TOKEN_FILE_NAME)
  const lockFile = `${file}.lock`
  const lockWaitMs = options.lockWaitMs ?? 90_000
  const staleLockMs = options.staleLockMs ?? 60_000

  const read = Effect.tryPromise({
    try: () => fs.readFile(file, "utf8"),
    catch: (e) => e
  }).pipe(
    Effect.map((text) => Either.getOrElse(decodeFile(text), () => emptyTokenCache)),
    Effect.catchAll((e) => (errnoCode(e) === "ENOENT" ? Effect.succeed(emptyTokenCache) : Effect.fail(failure("reading the token file")(e))))
  )

  const write = (content: TokenCacheFile) =>
    Effect.tryPromise({
      try: async () => {
        await fs.mkdir(options.dataDir, { recursive: true })
        const tmp = `${file}.${process.pid}.${Date.now()}.tmp`
        await fs.writeFile(tmp, JSON.stringify(content), { mode: 0o600 })
        await fs.chmod(tmp, 0o600)
        await fs.rename(tmp, file)
      },
      catch: failure("writing the token file")
    })

  const tryLock = Effect.tryPromise({
    try: async () => {
      await fs.mkdir(options.dataDir, { recursive: true })
      const handle = await fs.open(lockFile, "wx", 0o600)
      await handle.writeFile(`${process.pid}\n`)
      await handle.close()
      return true
    },
    catch: (e) => e
  }).pipe(
    Effect.catchAll((e) => {
      if (errnoCode(e) !== "EEXIST") return Effect.fail(failure("creating the lock file")(e))
      return Effect.tryPromise({ try: () => fs.stat(lockFile), catch: (s) => s }).pipe(
        Effect.flatMap((stat) =>
          Date.now() - stat.mtimeMs > staleLockMs
            ? Effect.promise(() => fs.rm(lockFile, { force: true })).pipe(Effect.as(false))
            : Effect.succeed(false)
        ),
        // The holder released it between our open and stat: try again.
        Effect.catchAll(() => Effect.succeed(false))
      )
    })
  )

  const acquire = Effect.gen(function* () {
    const started = Date.now()
    while (!(yield* tryLock)) {
      if (Date.now() - started > lockWaitMs) {
        return yield* new TokenStoreError({ detail: `lock held by another process for over ${lockWaitMs} ms` })
      }
      yield* Effect.sleep(`${15 + Math.floor(Math.random() * 20)} millis`)
    }
  })

  const release = Effect.promise(() => fs.rm(lockFile, { force: true }))

  return {
    read,
    locked: (f) =>
      Effect.acquireUseRelease(acquire, () =>
        Effect.gen(function* () {
          const [result, next] = yield* f(yield* read)
          if (next !== undefined) yield* write(next)
          return result
        }), () => release)
  }
}

export const NodeTokenStore = (options: NodeTokenStoreOptions): Layer.Layer<TokenStore> =>
  Layer.succeed(TokenStore, makeNodeTokenStore(options))
