import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, Option, Redacted } from "effect"
import { Sandbox } from "../../src/sandbox/index.ts"
import { ZohoOnSandbox } from "../../src/sandbox/zohoOnSandbox.ts"
import { DeskClient, zohoSettingsFromConfig } from "../../src/services/zoho/index.ts"
import type { AppConfigShape } from "../../src/services/config/AppConfig.ts"

describe("clients on an in-process sandbox", () => {
  it.live("one layer gives the clients and the sandbox handle", () =>
    Effect.gen(function* () {
      const desk = yield* DeskClient
      const sandbox = yield* Sandbox
      const ticket = String(sandbox.world.tickets[0]?.["id"])
      yield* desk.addPrivateComment(ticket, "via la couche sandbox")
      expect((yield* sandbox.writes).map((w) => [w.kind, w.ticketId])).toEqual([["comment", ticket]])
    }).pipe(Effect.provide(Layer.fresh(ZohoOnSandbox({ knobs: { seed: 2 } }))))
  )

  it("settings come from the app config, limits included, and missing credentials are listed", () => {
    const config = {
      dataDir: "./data",
      zoho: {
        datacenter: "eu",
        clientId: Option.some("1000.ID"),
        clientSecret: Option.some(Redacted.make("s")),
        refreshToken: Option.none(),
        orgId: Option.some("42"),
        docDepartmentId: "1",
        fromAddress: Option.none(),
        accountsUrl: "https://accounts.zoho.eu",
        deskUrl: "https://desk.zoho.eu/api/v1",
        crmUrl: "https://www.zohoapis.eu/crm/v8",
        credentialsConfigured: false
      },
      limits: { deskRequestsPerSecond: 3, deskConcurrency: 4, crmRequestsPerSecond: 5, crmConcurrency: 6, examt3pConcurrency: 1, ticketConcurrency: 2, instances: 1 }
    } as unknown as AppConfigShape
    expect(zohoSettingsFromConfig(config)).toEqual(Either.left(["ZOHO_REFRESH_TOKEN"]))
    const complete = { ...config, zoho: { ...config.zoho, refreshToken: Option.some(Redacted.make("r")) } }
    const settings = zohoSettingsFromConfig(complete)
    expect(Either.isRight(settings) && settings.right.limits).toEqual({
      desk: { requestsPerSecond: 3, concurrency: 4 },
      crm: { requestsPerSecond: 5, concurrency: 6 }
    })
    expect(Either.isRight(settings) && settings.right.orgId).toBe("42")
  })
})
