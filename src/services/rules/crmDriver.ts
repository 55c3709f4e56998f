/**
 * Running the pure rules against a real (asynchronous) CRM: the rule runs over a cache of
 * answers; when it needs a request the cache lacks, the run stops, the request is fetched
 * through the given effect, and the rule runs again. Rules are deterministic, so each rerun
 * asks for the same requests in the same order and the loop ends after one fetch per request.
 */
import { Data, Effect } from "effect"
import { describeRequest, type CrmAnswer, type CrmReader, type CrmRequest } from "./crmQuery.ts"
import type { CrmRecord } from "./pyValues.ts"

type Answer = CrmAnswer<ReadonlyArray<CrmRecord>> | CrmAnswer<CrmRecord | null>

class MissingAnswer {
  constructor(readonly request: CrmRequest) {}
}

export class CrmDriverError extends Data.TaggedError("CrmDriverError")<{
  readonly reason: "too_many_requests"
  readonly requests: number
}> {}

const cachingReader = (cache: Map<string, Answer>): CrmReader => {
  const lookup = (request: CrmRequest): Answer => {
    const hit = cache.get(describeRequest(request))
    if (hit === undefined) throw new MissingAnswer(request)
    return hit
  }
  return {
    search: (request) => lookup(request) as CrmAnswer<ReadonlyArray<CrmRecord>>,
    getRecord: (request) => lookup(request) as CrmAnswer<CrmRecord | null>
  }
}

/**
 * Run `rule` with a CRM reader whose answers come from `fetch` (a failed fetch should be
 * answered `{ _tag: "Failed" }`, which the rules treat like the original treats a CRM error).
 */
export const runWithCrm = <A, E, R>(
  rule: (crm: CrmReader) => A,
  fetch: (request: CrmRequest) => Effect.Effect<Answer, E, R>,
  maxRequests = 100
): Effect.Effect<A, E | CrmDriverError, R> =>
  Effect.gen(function* () {
    const cache = new Map<string, Answer>()
    for (;;) {
      const attempt = (() => {
        try {
          return { done: true as const, value: rule(cachingReader(cache)) }
        } catch (e) {
          if (e instanceof MissingAnswer) return { done: false as const, request: e.request }
          throw e
        }
      })()
      if (attempt.done) return attempt.value
      if (cache.size >= maxRequests) return yield* new CrmDriverError({ reason: "too_many_requests", requests: cache.size })
      cache.set(describeRequest(attempt.request), yield* fetch(attempt.request))
    }
  })
