import { Context, Effect, Layer, Ref } from "effect"
import type { ZohoApi, ZohoErrorReason } from "./ZohoError.ts"

/** Counters for one API: every HTTP attempt is a call and spends its credits, failed or not. */
export interface ApiUsage {
  readonly calls: number
  readonly credits: number
  readonly retries: number
  readonly failures: Readonly<Partial<Record<ZohoErrorReason, number>>>
}

export type ZohoUsage = Readonly<Record<ZohoApi, ApiUsage>>

const emptyUsage: ApiUsage = { calls: 0, credits: 0, retries: 0, failures: {} }

export interface ZohoBudgetShape {
  readonly recordAttempt: (api: ZohoApi, credits: number) => Effect.Effect<void>
  readonly recordRetry: (api: ZohoApi) => Effect.Effect<void>
  readonly recordFailure: (api: ZohoApi, reason: ZohoErrorReason) => Effect.Effect<void>
  readonly snapshot: Effect.Effect<ZohoUsage>
}

/** Calls and credits spent per Zoho API since the process started (for the daily budget view). */
export class ZohoBudget extends Context.Tag("docflow/ZohoBudget")<ZohoBudget, ZohoBudgetShape>() {}

const update = (ref: Ref.Ref<ZohoUsage>, api: ZohoApi, f: (u: ApiUsage) => ApiUsage) =>
  Ref.update(ref, (all) => ({ ...all, [api]: f(all[api]) }))

export const makeZohoBudget: Effect.Effect<ZohoBudgetShape> = Effect.map(
  Ref.make<ZohoUsage>({ accounts: emptyUsage, desk: emptyUsage, crm: emptyUsage }),
  (ref) => ({
    recordAttempt: (api, credits) => update(ref, api, (u) => ({ ...u, calls: u.calls + 1, credits: u.credits + credits })),
    recordRetry: (api) => update(ref, api, (u) => ({ ...u, retries: u.retries + 1 })),
    recordFailure: (api, reason) =>
      update(ref, api, (u) => ({ ...u, failures: { ...u.failures, [reason]: (u.failures[reason] ?? 0) + 1 } })),
    snapshot: Ref.get(ref)
  })
)

export const ZohoBudgetLive: Layer.Layer<ZohoBudget> = Layer.effect(ZohoBudget, makeZohoBudget)
