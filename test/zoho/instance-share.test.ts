import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Either } from "effect"
import { describeConfig } from "../../src/cli/commands/config.ts"
import { loadConfig } from "../../src/services/config/AppConfig.ts"
import { instanceLimits, zohoSettingsFromConfig } from "../../src/services/zoho/index.ts"

const limits = (instances: number, rps = 8, concurrency = 10) => ({
  deskRequestsPerSecond: rps,
  deskConcurrency: concurrency,
  crmRequestsPerSecond: rps / 2,
  crmConcurrency: concurrency / 2,
  instances
})

describe("Zoho limits shared among DOCFLOW_INSTANCES", () => {
  it.each([
    { instances: 1, deskRps: 8, deskConc: 10, crmRps: 4, crmConc: 5 },
    { instances: 2, deskRps: 4, deskConc: 5, crmRps: 2, crmConc: 2 },
    { instances: 4, deskRps: 2, deskConc: 2, crmRps: 1, crmConc: 1 },
    { instances: 3, deskRps: 8 / 3, deskConc: 3, crmRps: 4 / 3, crmConc: 1 },
    // more instances than the budget: each still gets one request at a time and one per second
    { instances: 20, deskRps: 1, deskConc: 1, crmRps: 1, crmConc: 1 }
  ])("$instances instance(s) of Desk 8 req/s × 10, CRM 4 req/s × 5", ({ instances, deskRps, deskConc, crmRps, crmConc }) => {
    const share = instanceLimits(limits(instances))
    expect(share.desk.requestsPerSecond).toBeCloseTo(deskRps, 10)
    expect(share.desk.concurrency).toBe(deskConc)
    expect(share.crm.requestsPerSecond).toBeCloseTo(crmRps, 10)
    expect(share.crm.concurrency).toBe(crmConc)
  })

  it("never lets N instances together exceed the budget when the budget allows one each", () => {
    for (let n = 1; n <= 12; n++) {
      for (const budget of [n, n + 1, 2 * n + 1, 50]) {
        const share = instanceLimits(limits(n, budget, budget))
        expect(share.desk.requestsPerSecond * n).toBeLessThanOrEqual(budget + 1e-9)
        expect(share.desk.concurrency * n).toBeLessThanOrEqual(budget)
        expect(share.desk.concurrency).toBeGreaterThanOrEqual(1)
      }
    }
  })

  const env = (vars: Record<string, string>) => Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(vars))))
  const credentials = { ZOHO_CLIENT_ID: "1000.ID", ZOHO_CLIENT_SECRET: "s3cr3t", ZOHO_REFRESH_TOKEN: "1000.r", ZOHO_ORG_ID: "123" }

  it.effect("the Zoho client settings built from the config use the instance's share", () =>
    Effect.gen(function* () {
      const config = Either.getOrThrow(
        yield* loadConfig.pipe(env({ ...credentials, ZOHO_DESK_RPS: "9", ZOHO_DESK_CONCURRENCY: "6", ZOHO_CRM_RPS: "3", ZOHO_CRM_CONCURRENCY: "3", DOCFLOW_INSTANCES: "3" }))
      )
      const settings = Either.getOrThrow(zohoSettingsFromConfig(config))
      expect(settings.limits.desk).toEqual({ requestsPerSecond: 3, concurrency: 2 })
      expect(settings.limits.crm).toEqual({ requestsPerSecond: 1, concurrency: 1 })
      const printed = new Map(describeConfig(config))
      expect(printed.get("DOCFLOW_INSTANCES")).toBe("3")
      expect(printed.get("Zoho limits per instance")).toBe("Desk 3 req/s × 2 · CRM 1 req/s × 1 (÷ 3)")
    }))
})
