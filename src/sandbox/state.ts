import type { JsonRecord, JsonValue, SandboxWorld, WorldThread } from "./world.ts"

/** One write the sandbox received and applied, for tests to inspect (`GET /_sandbox/writes`). */
export interface SandboxWrite {
  readonly seq: number
  readonly kind: "draft" | "comment" | "ticketUpdate" | "move" | "crmUpdate" | "note"
  readonly ticketId?: string
  readonly module?: string
  readonly recordId?: string
  readonly body: unknown
  readonly at: string
}

/** Every request seen, with what was answered (`GET /_sandbox/requests`). */
export interface SandboxRequestRecord {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headerNames: ReadonlyArray<string>
  readonly body: unknown
  readonly status: number
}

type Mutable = { [key: string]: JsonValue }

/** The world as the server mutates it, plus issued tokens and the logs. */
export interface SandboxState {
  readonly world: SandboxWorld
  readonly tickets: Array<Mutable>
  readonly threads: Map<string, Array<WorldThread>>
  readonly comments: Map<string, Array<JsonRecord>>
  readonly crm: Map<string, Array<Mutable>>
  /** access token → expiry (epoch ms), in issue order (Zoho keeps 10 active per refresh token). */
  readonly tokens: Map<string, number>
  readonly refreshTimes: Array<number>
  readonly writes: Array<SandboxWrite>
  readonly requests: Array<SandboxRequestRecord>
  nextId: number
  tokensIssued: number
}

const clone = <A>(value: A): A => structuredClone(value)

export const makeState = (world: SandboxWorld): SandboxState => ({
  world,
  tickets: world.tickets.map((t) => clone(t) as Mutable),
  threads: new Map(Object.entries(world.threads).map(([k, v]) => [k, v.map(clone)])),
  comments: new Map(Object.entries(world.comments).map(([k, v]) => [k, v.map(clone)])),
  crm: new Map(Object.entries(world.crm).map(([k, v]) => [k, v.map((r) => clone(r) as Mutable)])),
  tokens: new Map(),
  refreshTimes: [],
  writes: [],
  requests: [],
  nextId: 1,
  tokensIssued: 0
})

/** A fresh id in Zoho's 18/19-digit style. */
export const newId = (state: SandboxState, prefix: string): string => `${prefix}${String(state.nextId++).padStart(9, "0")}`

export const recordWrite = (state: SandboxState, write: Omit<SandboxWrite, "seq" | "at">): void => {
  state.writes.push({ ...write, seq: state.writes.length + 1, at: new Date().toISOString() })
}
