import { mergeKnobs, type KnobsPatch, type SandboxKnobs } from "./knobs.ts"
import { accountsRoutes } from "./routes/accounts.ts"
import { crmError, crmRoutes } from "./routes/crm.ts"
import { deskError, deskRoutes } from "./routes/desk.ts"
import { findRoute, respond, type Route, type SandboxRequest, type SandboxResponse } from "./routes/types.ts"
import { makeState, type SandboxState } from "./state.ts"
import { seededRandom, type SandboxWorld } from "./world.ts"

export type ApiFamily = "accounts" | "desk" | "crm" | "control"

/** What the transport must do with a request: answer (maybe after a delay, maybe garbled) or hang. */
export type Outcome =
  | { readonly kind: "respond"; readonly response: SandboxResponse; readonly delayMs: number; readonly malformed: boolean }
  | { readonly kind: "hang"; readonly holdMs: number }

export interface SandboxStats {
  readonly requests: number
  readonly byStatus: Readonly<Record<string, number>>
  readonly injected: Readonly<Record<string, number>>
  readonly budgetRejections: number
  readonly tokensIssued: number
}

export const familyOf = (path: string): ApiFamily =>
  path.startsWith("/api/v1/") || path === "/api/v1"
    ? "desk"
    : /^\/crm\/v\d+\//.test(path)
      ? "crm"
      : path.startsWith("/oauth/")
        ? "accounts"
        : "control"

/**
 * The sandbox minus the network: holds the state, the knobs, the fault dice and the budgets,
 * and turns each request into an outcome. `begin`/`end` bracket a request for the concurrency
 * budget; the transport calls them.
 */
export class SandboxEngine {
  readonly state: SandboxState
  knobs: SandboxKnobs
  private dice: () => number
  private readonly inFlight = { desk: 0, crm: 0 }
  private readonly recent: { desk: Array<number>; crm: Array<number> } = { desk: [], crm: [] }
  private readonly counters = { requests: 0, byStatus: {} as Record<string, number>, injected: {} as Record<string, number>, budgetRejections: 0 }

  constructor(world: SandboxWorld, knobs: SandboxKnobs) {
    this.state = makeState(world)
    this.knobs = knobs
    this.dice = seededRandom(knobs.seed)
  }

  setKnobs(patch: KnobsPatch): void {
    const seedChanged = patch.seed !== undefined && patch.seed !== this.knobs.seed
    this.knobs = mergeKnobs(this.knobs, patch)
    if (seedChanged) this.dice = seededRandom(this.knobs.seed)
  }

  /** Every access token issued so far stops working (as after a revocation). */
  expireTokens(): void {
    this.state.tokens.clear()
  }

  stats(): SandboxStats {
    return { ...this.counters, tokensIssued: this.state.tokensIssued }
  }

  begin(family: ApiFamily): void {
    if (family === "desk" || family === "crm") this.inFlight[family]++
  }

  end(family: ApiFamily): void {
    if (family === "desk" || family === "crm") this.inFlight[family]--
  }

  handle(request: SandboxRequest, now: number): Outcome {
    const family = familyOf(request.path)
    const outcome = this.decide(request, family, now)
    this.counters.requests++
    const status = outcome.kind === "hang" ? "hang" : String(outcome.response.status)
    this.counters.byStatus[status] = (this.counters.byStatus[status] ?? 0) + 1
    if (family !== "control") {
      this.state.requests.push({
        method: request.method,
        path: request.path,
        query: Object.fromEntries(request.query.entries()),
        headerNames: Object.keys(request.headers).sort(),
        body: request.body,
        status: outcome.kind === "hang" ? 0 : outcome.response.status
      })
    }
    return outcome
  }

  private inject(kind: string): void {
    this.counters.injected[kind] = (this.counters.injected[kind] ?? 0) + 1
  }

  private latency(): number {
    const l = this.knobs.latency
    if (l.tailRate > 0 && this.dice() < l.tailRate) return l.tailMs
    return Math.round(l.minMs + (l.maxMs - l.minMs) * this.dice())
  }

  private tooMany(family: "desk" | "crm", message: string): SandboxResponse {
    const retryAfter = String(this.knobs.retryAfterSeconds)
    return family === "desk"
      ? { ...deskError(429, "TOO_MANY_REQUESTS", message), headers: { "retry-after": retryAfter } }
      : { ...crmError(429, "TOO_MANY_REQUESTS", message, { retry_after: this.knobs.retryAfterSeconds }), headers: { "retry-after": retryAfter } }
  }

  private overBudget(family: "desk" | "crm", now: number): string | undefined {
    const budget = this.knobs.budgets[family]
    if (budget === null) return undefined
    const window = this.recent[family].filter((t) => t > now - 1000)
    this.recent[family] = window
    // inFlight already counts this request.
    if (this.inFlight[family] > budget.concurrency) return "concurrency limit exceeded"
    if (window.length >= budget.requestsPerSecond) return "rate limit exceeded"
    window.push(now)
    return undefined
  }

  private decide(request: SandboxRequest, family: ApiFamily, now: number): Outcome {
    const answer = (response: SandboxResponse, malformed = false): Outcome => ({ kind: "respond", response, delayMs: this.latency(), malformed })
    if (family === "control") return answer(this.control(request))
    const routes: ReadonlyArray<Route> = family === "accounts" ? accountsRoutes : family === "desk" ? deskRoutes : crmRoutes
    const found = findRoute(routes, request.method, request.path)
    const context = { state: this.state, knobs: this.knobs, now }
    if (family === "accounts") {
      return answer(found === undefined ? respond(404, { error: "not found" }) : found.route.handler(request, found.params, context))
    }
    const authorization = request.headers["authorization"] ?? ""
    const token = authorization.startsWith("Zoho-oauthtoken ") ? authorization.slice("Zoho-oauthtoken ".length) : ""
    const expiry = this.state.tokens.get(token)
    if (expiry === undefined || expiry <= now) {
      return answer(
        family === "desk"
          ? deskError(401, "INVALID_OAUTH", "The OAuth access token is invalid or has expired.")
          : crmError(401, "INVALID_TOKEN", "invalid oauth token")
      )
    }
    if (family === "desk") {
      const orgId = request.headers["orgid"] ?? request.query.get("orgId")
      if (orgId !== this.state.world.orgId) return answer(deskError(400, "INVALID_DATA", "orgId is missing or does not match the portal"))
    }
    const budget = this.overBudget(family, now)
    if (budget !== undefined) {
      this.counters.budgetRejections++
      return answer(this.tooMany(family, budget))
    }
    if (found === undefined) {
      return answer(family === "desk" ? deskError(404, "URL_NOT_FOUND", "The URL you requested is not supported here.") : crmError(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one"))
    }
    if (request.bodyInvalid) {
      return answer(family === "desk" ? deskError(400, "INVALID_DATA", "the body is not valid JSON") : crmError(400, "INVALID_DATA", "body is not valid JSON"))
    }
    const f = this.knobs.faults
    const roll = this.dice()
    const run = () => found.route.handler(request, found.params, context)
    const afterWrite = found.route.write && this.knobs.faultsAfterWrite
    if (roll < f.rateLimited) {
      this.inject("rateLimited")
      return answer(this.tooMany(family, "injected throttle"))
    }
    if (roll < f.rateLimited + f.serverError) {
      this.inject("serverError")
      if (afterWrite) run()
      return answer(family === "desk" ? deskError(500, "INTERNAL_SERVER_ERROR", "Internal server error") : crmError(500, "INTERNAL_ERROR", "Internal Server Error"))
    }
    if (roll < f.rateLimited + f.serverError + f.timeout) {
      this.inject("timeout")
      if (afterWrite) run()
      return { kind: "hang", holdMs: this.knobs.timeoutHoldMs }
    }
    if (roll < f.rateLimited + f.serverError + f.timeout + f.malformedJson) {
      this.inject("malformedJson")
      const response = run()
      return answer({ ...response, status: response.status === 204 ? 200 : response.status }, true)
    }
    return answer(run())
  }

  private control(request: SandboxRequest): SandboxResponse {
    const path = request.path
    if (request.method === "GET" && path === "/_sandbox/writes") return respond(200, { writes: this.state.writes })
    if (request.method === "GET" && path === "/_sandbox/requests") return respond(200, { requests: this.state.requests })
    if (request.method === "GET" && path === "/_sandbox/stats") return respond(200, this.stats())
    if (request.method === "GET" && path === "/_sandbox/knobs") return respond(200, this.knobs)
    if (request.method === "POST" && path === "/_sandbox/knobs") {
      if (typeof request.body !== "object" || request.body === null) return respond(400, { error: "a JSON object of knobs is expected" })
      this.setKnobs(request.body as KnobsPatch)
      return respond(200, this.knobs)
    }
    if (request.method === "POST" && path === "/_sandbox/expire-tokens") {
      this.expireTokens()
      return respond(204)
    }
    return respond(404, { error: "unknown sandbox path" })
  }
}
