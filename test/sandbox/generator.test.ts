import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Layer, Redacted } from "effect"
import fc from "fast-check"
import { generateWorld, type GeneratedWorld } from "../../src/sandbox/generator/generateWorld.ts"
import { startFullSandbox } from "../../src/sandbox/generator/serve.ts"
import { computeStats } from "../../src/sandbox/generator/stats.ts"
import { checkTargets } from "../../src/sandbox/generator/targets.ts"
import { DOC_DEPARTMENT } from "../../src/sandbox/world.ts"
import { ExamT3P, portalLayer } from "../../src/services/examt3p/ExamT3P.ts"
import { DeskClient, makeZohoSettings, ZohoLive } from "../../src/services/zoho/index.ts"

type Rec = Record<string, unknown>
const idOf = (lookup: unknown): string | undefined =>
  typeof lookup === "object" && lookup !== null && "id" in lookup ? String((lookup as Rec)["id"]) : undefined

/** Every inconsistency of a world, as readable lines (empty when consistent). */
const inconsistencies = (world: GeneratedWorld): Array<string> => {
  const problems: Array<string> = []
  const ids = (module: string) => new Set((world.crm[module] ?? []).map((r) => String(r["id"])))
  const examIds = ids("Dates_Examens_VTC_TAXI")
  const sessionIds = ids("Sessions1")
  const contacts = new Map((world.crm["Contacts"] ?? []).map((c) => [String(c["id"]), c]))
  const labels = new Map(world.generated.candidates.map((c) => [c.dealId, c]))
  const deals = world.crm["Deals"] ?? []
  for (const deal of deals) {
    const id = String(deal["id"])
    const label = labels.get(id)
    const current = world.generated.olderDeals[id]
    if (label === undefined && (current === undefined || !labels.has(current))) problems.push(`deal ${id} has no label`)
    const exam = idOf(deal["Date_examen_VTC"])
    if (exam !== undefined && !examIds.has(exam) && label?.danglingExamDate !== true) problems.push(`deal ${id}: exam-date lookup ${exam} dangles`)
    if (label?.danglingExamDate === true && (exam === undefined || examIds.has(exam))) problems.push(`deal ${id}: labelled dangling but resolves`)
    const session = idOf(deal["Session"])
    if (session !== undefined && !sessionIds.has(session) && label?.danglingSession !== true) problems.push(`deal ${id}: session lookup ${session} dangles`)
    const contact = contacts.get(idOf(deal["Contact_Name"]) ?? "")
    if (contact === undefined) problems.push(`deal ${id}: no contact`)
    else if (contact["Email"] !== deal["Email"]) problems.push(`deal ${id}: contact e-mail differs`)
  }
  const dealEmails = new Set(deals.map((d) => String(d["Email"]).toLowerCase()))
  const kinds = new Map(world.generated.tickets.map((l) => [l.ticketId, l]))
  for (const ticket of world.tickets) {
    const label = kinds.get(String(ticket["id"]))
    const linked = dealEmails.has(String(ticket["email"]).toLowerCase())
    if (label === undefined) problems.push(`ticket ${String(ticket["id"])} has no label`)
    else if (label.kind === "candidate" && label.shape !== "staff-forward" && !linked) problems.push(`ticket ${label.ticketId}: candidate e-mail links to no deal`)
    else if (label.kind !== "candidate" && linked) problems.push(`ticket ${label.ticketId} (${label.kind}) links to a deal`)
    if ((world.threads[String(ticket["id"])] ?? []).length === 0) problems.push(`ticket ${String(ticket["id"])} has no thread`)
  }
  return problems
}

describe("generated sandbox world", () => {
  it("is reproducible from its seed and differs between seeds", () => {
    const started = performance.now()
    const a = generateWorld({ seed: 7 })
    const elapsed = performance.now() - started
    expect(generateWorld({ seed: 7 })).toEqual(a)
    const b = generateWorld({ seed: 8 })
    expect(b.tickets).not.toEqual(a.tickets)
    expect(b.crm["Deals"]).not.toEqual(a.crm["Deals"])
    expect(a.tickets.filter((t) => t["departmentId"] === DOC_DEPARTMENT && t["status"] === "Open")).toHaveLength(859)
    expect(elapsed).toBeLessThan(2_000)
  })

  it("meets every distribution target with the defaults, as docflow's rules compute it", () => {
    const stats = computeStats(generateWorld())
    expect(checkTargets(stats)).toEqual([])
    // the generator's texts mostly say what they were written for
    expect(stats.intentAgreement).toBeGreaterThan(0.85)
    for (const action of ["GO", "ROUTE", "BOUNCE", "SPAM", "CMA_NOTIFICATION", "NOREPLY_NOTIFICATION", "NEEDS_CLARIFICATION"]) {
      expect(stats.triageActions[action] ?? 0).toBeGreaterThanOrEqual(5)
    }
    // both Amount spellings occur, and the two Uber implementations therefore disagree somewhere
    expect(stats.uberHelper["NOT_UBER"]).toBeLessThan(stats.uberStateEngine["NOT_UBER"] ?? 0)
  }, 60_000)

  it("keeps its records consistent, with only labelled dangling lookups, for any seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 120 }), (seed, tickets) => {
        expect(inconsistencies(generateWorld({ seed, tickets }))).toEqual([])
      }),
      { numRuns: 25 }
    )
    const world = generateWorld()
    expect(inconsistencies(world)).toEqual([])
    expect(world.generated.candidates.some((c) => c.danglingExamDate)).toBe(true)
    expect(world.generated.tickets.some((t) => t.kind === "not-found")).toBe(true)
    expect(Object.keys(world.generated.olderDeals).length).toBeGreaterThan(0)
    const amounts = (world.crm["Deals"] ?? []).map((d) => d["Amount"])
    expect(amounts).toContain(20)
    expect(amounts).toContain("20")
  })

  it.scopedLive("serves Desk, CRM, the portal pages of its dossiers and the messages endpoint on one address", () =>
    Effect.gen(function* () {
      const world = generateWorld({ tickets: 60, seed: 3 })
      const sandbox = yield* startFullSandbox(world)
      const settings = makeZohoSettings({
        accountsUrl: sandbox.accountsUrl, deskUrl: sandbox.deskUrl, crmUrl: sandbox.crmUrl, orgId: world.orgId,
        clientId: world.credentials.clientId, clientSecret: world.credentials.clientSecret, refreshToken: world.credentials.refreshToken
      })
      const listed = yield* Effect.flatMap(DeskClient, (desk) =>
        desk.listTickets({ departmentId: DOC_DEPARTMENT, status: ["Open"] }, { from: 0, limit: 100 })
      ).pipe(Effect.provide(ZohoLive(settings)))
      const expected = world.tickets.filter((t) => t["departmentId"] === DOC_DEPARTMENT && t["status"] === "Open").map((t) => String(t["id"]))
      expect(listed.map((t) => String(t.id)).sort()).toEqual([...expected].sort())

      const portal = portalLayer({ baseUrl: sandbox.examt3pUrl, concurrency: 2, requestTimeout: Duration.seconds(5), maxAttempts: 1, retryDelay: () => Duration.millis(1) })
        .pipe(Layer.provide(FetchHttpClient.layer))
      const client = yield* Effect.provide(ExamT3P, portal)
      const accounts = world.generated.portalAccounts.slice(0, 3)
      expect(accounts.length).toBe(3)
      for (const account of accounts) {
        const outcome = yield* client.fetchDossier({ identifiant: account.email, password: Redacted.make(account.password), source: "crm" })
        expect(outcome._tag).toBe("Ok")
        if (outcome._tag === "Ok") {
          expect(outcome.data.num_dossier).toBe(account.dossiers[0].number)
          expect(outcome.data.statut_dossier).toBe(account.dossiers[0].status)
        }
      }
      const refused = yield* Effect.promise(() => fetch(`${sandbox.anthropicBaseUrl}/v1/messages`, { method: "POST", body: "{}" }))
      expect(refused.status).toBe(401)
    })
  , 60_000)
})
