/**
 * The exam-date and session catalogues of a long run: loaded once when the run starts, then
 * refreshed when they are older than `refreshEvery` (checked as tickets are taken). A refresh
 * that fails keeps the catalogues already held and logs a warning; only the first load may fail
 * the run.
 */
import { Clock, Duration, Effect } from "effect"
import type { CrmClient, ZohoError } from "../../services/zoho/index.ts"
import { loadCatalogues, type Catalogues } from "../workflow/gather.ts"

export interface CatalogueCache {
  /** The current catalogues, refreshed first when they are due. */
  readonly get: Effect.Effect<Catalogues>
  /** How many loads succeeded (the first one included). */
  readonly loads: () => number
}

export const makeCatalogueCache = (refreshEvery: Duration.DurationInput): Effect.Effect<CatalogueCache, ZohoError, CrmClient> =>
  makeCatalogueCacheWith(refreshEvery, loadCatalogues)

/** The same over any loader (tests pass their own). */
export const makeCatalogueCacheWith = <E extends { readonly message: string }, R>(
  refreshEvery: Duration.DurationInput,
  load: (now: Date) => Effect.Effect<Catalogues, E, R>
): Effect.Effect<CatalogueCache, E, R> =>
  Effect.gen(function* () {
    const crm = yield* Effect.context<R>()
    const every = Duration.toMillis(refreshEvery)
    const first = yield* Clock.currentTimeMillis
    let current = yield* load(new Date(first))
    let loadedAt = first
    let attemptedAt = first
    let loads = 1
    const lock = yield* Effect.makeSemaphore(1)
    const refresh = lock.withPermits(1)(
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        if (now - attemptedAt < every) return
        attemptedAt = now
        const next = yield* Effect.either(Effect.provide(load(new Date(now)), crm))
        if (next._tag === "Right") {
          current = next.right
          loadedAt = now
          loads += 1
        } else {
          yield* Effect.logWarning(
            `catalogues : actualisation impossible, on garde ceux du ${new Date(loadedAt).toISOString()} (${next.left.message})`
          )
        }
      })
    )
    const get = Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      if (now - attemptedAt >= every) yield* refresh
      return current
    })
    return { get, loads: () => loads }
  })
