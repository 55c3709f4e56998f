import type { SandboxKnobs } from "../knobs.ts"
import type { SandboxState } from "../state.ts"

export interface SandboxRequest {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: Readonly<Record<string, string | undefined>>
  /** Parsed JSON body; `undefined` when there was none. */
  readonly body: unknown
  /** true when a body was sent but was not JSON. */
  readonly bodyInvalid: boolean
}

export interface SandboxResponse {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Readonly<Record<string, string>>
}

export interface RouteContext {
  readonly state: SandboxState
  readonly knobs: SandboxKnobs
  readonly now: number
}

export type Handler = (request: SandboxRequest, params: ReadonlyArray<string>, context: RouteContext) => SandboxResponse

export interface Route {
  readonly method: string
  readonly pattern: RegExp
  readonly handler: Handler
  /** Writes are the calls a fault may hit after they were applied. */
  readonly write: boolean
}

export const respond = (status: number, body?: unknown, headers?: Record<string, string>): SandboxResponse => ({
  status,
  ...(body === undefined ? {} : { body }),
  ...(headers === undefined ? {} : { headers })
})

export const route = (method: string, pattern: RegExp, handler: Handler, write = false): Route => ({ method, pattern, handler, write })

export const findRoute = (routes: ReadonlyArray<Route>, method: string, path: string) => {
  for (const r of routes) {
    if (r.method !== method) continue
    const m = r.pattern.exec(path)
    if (m !== null) return { route: r, params: m.slice(1).map(decodeURIComponent) }
  }
  return undefined
}

/** `from`/`limit` style integer query parameter with bounds. */
export const intParam = (query: URLSearchParams, name: string, fallback: number): number | "invalid" => {
  const raw = query.get(name)
  if (raw === null || raw === "") return fallback
  const n = Number(raw)
  return Number.isInteger(n) && n >= 0 ? n : "invalid"
}
