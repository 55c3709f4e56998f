/**
 * Requests per second the Zoho client stack (auth, HTTP policy with its limiter off, decoding)
 * sustains against the in-process sandbox with no latency and no faults. Client and server share
 * one Node process, so the figure is a floor for the client alone.
 */
import { FetchHttpClient } from "@effect/platform"
import { Context, Effect, Layer, Redacted } from "effect"
import { fixedWorld, startSandbox } from "../src/sandbox/index.ts"
import { CrmClient, DeskClient, makeZohoSettings, ZohoAuth, ZohoBudget, ZohoLive } from "../src/services/zoho/index.ts"
import type { Bench, Figure } from "./run.ts"
import { median } from "./support/timing.ts"

const DURATION_MS = 1_500
const ROUNDS = 3
const CONCURRENCY = 16


/** The median of ROUNDS timed rounds: the machine is shared, single rounds are noisy. */
const measure = (label: string, call: (i: number) => Effect.Effect<unknown, unknown>) =>
  Effect.gen(function* () {
    // Warm-up: connections, JIT, the token.
    yield* Effect.forEach(Array.from({ length: 200 }, (_, i) => i), call, { concurrency: CONCURRENCY, discard: true })
    const rounds: Array<{ rps: number; perCpuSecond: number; failed: number }> = []
    for (let r = 0; r < ROUNDS; r++) rounds.push(yield* round(call))
    return {
      label,
      rps: median(rounds.map((r) => r.rps)),
      perCpuSecond: median(rounds.map((r) => r.perCpuSecond)),
      failed: rounds.reduce((n, r) => n + r.failed, 0)
    }
  })

const round = (call: (i: number) => Effect.Effect<unknown, unknown>) =>
  Effect.gen(function* () {
    let done = 0
    let failed = 0
    const cpu = process.cpuUsage()
    const started = performance.now()
    const worker = (w: number) =>
      Effect.gen(function* () {
        for (let i = w; performance.now() - started < DURATION_MS; i += CONCURRENCY) {
          const ok = yield* Effect.either(call(i))
          if (ok._tag === "Left") failed++
          else done++
        }
      })
    yield* Effect.forEach(Array.from({ length: CONCURRENCY }, (_, w) => w), worker, { concurrency: "unbounded", discard: true })
    const seconds = (performance.now() - started) / 1000
    const used = process.cpuUsage(cpu)
    const cpuSeconds = (used.user + used.system) / 1e6
    return { rps: Math.round(done / seconds), perCpuSecond: Math.round(done / cpuSeconds), failed }
  })

const bench: Bench = {
  name: "zoho-client",
  description: `Zoho client stack against the sandbox, limiter off, ${CONCURRENCY} concurrent calls, median of ${ROUNDS} × ${DURATION_MS / 1000} s`,
  run: async (log) => {
    const program = Effect.gen(function* () {
      const sandbox = yield* startSandbox({ world: fixedWorld({ tickets: 50 }) })
      const settings = makeZohoSettings({
        accountsUrl: sandbox.accountsUrl,
        deskUrl: sandbox.deskUrl,
        crmUrl: sandbox.crmUrl,
        orgId: sandbox.world.orgId,
        ...sandbox.world.credentials,
        limits: { desk: "off", crm: "off" }
      })
      const ctx = yield* Layer.build(ZohoLive(settings))
      const desk = Context.get(ctx, DeskClient)
      const crm = Context.get(ctx, CrmClient)
      const tickets = sandbox.world.tickets.map((t) => String(t["id"]))
      const deals = (sandbox.world.crm["Deals"] ?? []).map((d) => String(d["id"]))
      const pick = (list: ReadonlyArray<string>, i: number) => list[i % list.length] ?? ""
      const token = Redacted.value(yield* Context.get(ctx, ZohoAuth).accessToken)
      const rawGet = (i: number) =>
        Effect.promise(async () => {
          const response = await fetch(`${sandbox.deskUrl}/tickets/${pick(tickets, i)}?orgId=${sandbox.world.orgId}`, {
            headers: { authorization: `Zoho-oauthtoken ${token}` }
          })
          return JSON.parse(await response.text()) as unknown
        })
      const results = [
        yield* measure("baseline: bare fetch + JSON.parse, getTicket", rawGet),
        yield* measure("crm getDeal", (i) => crm.getDeal(pick(deals, i))),
        yield* measure("desk getTicket", (i) => desk.getTicket(pick(tickets, i))),
        yield* measure("crm searchDeals (criteria)", (i) => crm.searchDealsPage({ criteria: `(Email:equals:${String(sandbox.world.crm["Deals"]?.[i % deals.length]?.["Email"])})` }, 1))
      ]
      // The same stack on @effect/platform's fetch client instead of the default undici one.
      const onFetch = yield* Layer.build(ZohoLive(settings, { httpClient: FetchHttpClient.layer }))
      const deskOnFetch = Context.get(onFetch, DeskClient)
      results.push(yield* measure("desk getTicket, fetch client layer", (i) => deskOnFetch.getTicket(pick(tickets, i))))
      const usage = yield* Context.get(ctx, ZohoBudget).snapshot
      log(`calls counted: desk ${usage.desk.calls}, crm ${usage.crm.calls}; token refreshes ${usage.accounts.calls}`)
      return results
    }).pipe(Effect.scoped)
    const results = await Effect.runPromise(program)
    return results.flatMap((r): ReadonlyArray<Figure> => {
      if (r.failed > 0) log(`${r.label}: ${r.failed} failed calls`)
      return [
        { label: `${r.label} (limiter off)`, value: r.rps, unit: "req/s" },
        // Client and sandbox share the process: CPU-seconds include both sides. Less sensitive to
        // other load on the machine than wall-clock rates.
        { label: `${r.label} per CPU-second`, value: r.perCpuSecond, unit: "req/cpu-s" }
      ]
    })
  }
}

export default bench
