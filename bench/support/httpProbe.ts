/**
 * An HTTP client for the benchmarks that watches every Zoho call docflow makes: calls and time in
 * flight per API (the mean number of calls in flight over a window is the busy time divided by
 * the window), and, on request, the list of calls (method and path, ids elided) to show what one
 * ticket costs. With `serial` it also plays the seed's request layer: one call at a time across
 * Desk and CRM, each started at least `spacingMs` after the previous one.
 */
import { HttpClient } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { Clock, Duration, Effect, Layer, Ref } from "effect"

export type ProbedApi = "desk" | "crm" | "accounts"

export interface ApiProbe {
  calls: number
  busyMs: number
  inFlight: number
  maxInFlight: number
}

const fresh = (): ApiProbe => ({ calls: 0, busyMs: 0, inFlight: 0, maxInFlight: 0 })

/** What the probed client saw; `reset` zeroes the counters (e.g. after the sync, so that the figures cover the consumer only). */
export class HttpProbe {
  readonly apis: Record<ProbedApi, ApiProbe> = { desk: fresh(), crm: fresh(), accounts: fresh() }
  /** When on, every Desk and CRM call is listed until the next `takeTrace`. */
  tracing = false
  private trace: Array<string> = []
  /** Calls per shape (method and path, ids elided) since the last reset. */
  readonly shapes = new Map<string, number>()

  record(shape: string): void {
    this.shapes.set(shape, (this.shapes.get(shape) ?? 0) + 1)
    if (this.tracing) this.trace.push(shape)
  }

  takeTrace(): ReadonlyArray<string> {
    const out = this.trace
    this.trace = []
    return out
  }

  reset(): void {
    for (const a of Object.values(this.apis)) {
      a.calls = 0
      a.busyMs = 0
      a.maxInFlight = a.inFlight
    }
    this.trace = []
    this.shapes.clear()
  }
}

const apiOf = (path: string): ProbedApi => (path.startsWith("/oauth/") ? "accounts" : /^\/crm\//.test(path) ? "crm" : "desk")

/** `GET /api/v1/tickets/{id}/threads`: numeric ids elided, query values left out. */
export const callShape = (method: string, url: URL): string => {
  const path = url.pathname.replace(/\/\d{3,}/g, "/{id}")
  const params = [...url.searchParams.keys()].filter((k) => k !== "orgId")
  return `${method} ${path}${params.length === 0 ? "" : `?${params.join("&")}`}`
}

/**
 * The undici client of `ZohoLive`, wrapped. The time in flight runs from the request until the
 * response headers (the sandbox writes head and body at once).
 */
export const probedHttpClient = (
  probe: HttpProbe,
  options: { readonly serial?: { readonly spacingMs: number } } = {}
): Layer.Layer<HttpClient.HttpClient> =>
  Layer.effect(
    HttpClient.HttpClient,
    Effect.gen(function* () {
      const client = yield* HttpClient.HttpClient
      const lock = yield* Effect.makeSemaphore(1)
      const lastStart = yield* Ref.make(Number.NEGATIVE_INFINITY)
      return HttpClient.transform(client, (effect, request) => {
        const url = new URL(request.url)
        const api = apiOf(url.pathname)
        const measured = Effect.gen(function* () {
          const a = probe.apis[api]
          if (api !== "accounts") {
            // The query string is not part of request.url here: urlParams hold it.
            const withParams = new URL(request.url)
            for (const [k, v] of request.urlParams) withParams.searchParams.append(k, v)
            probe.record(callShape(request.method, withParams))
          }
          const started = yield* Clock.currentTimeMillis
          a.calls++
          a.inFlight++
          a.maxInFlight = Math.max(a.maxInFlight, a.inFlight)
          return yield* Effect.ensuring(
            effect,
            Effect.map(Clock.currentTimeMillis, (ended) => {
              a.inFlight--
              a.busyMs += ended - started
            })
          )
        })
        if (options.serial === undefined || api === "accounts") return measured
        const spacingMs = options.serial.spacingMs
        const spaced = Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const wait = (yield* Ref.get(lastStart)) + spacingMs - now
          if (wait > 0) yield* Effect.sleep(Duration.millis(wait))
          yield* Ref.set(lastStart, yield* Clock.currentTimeMillis)
          return yield* measured
        })
        return lock.withPermits(1)(spaced)
      })
    })
  ).pipe(Layer.provide(NodeHttpClient.layerUndici))

