import { describe, expect, it } from "@effect/vitest"
import { FetchHttpClient } from "@effect/platform"
import { ConfigProvider, Effect, Layer } from "effect"
import { AppConfigLive } from "../../src/services/config/AppConfig.ts"
import * as Humanizer from "../../src/services/humanizer/Humanizer.ts"
import { captureLogs, humanizerLayer, SANDBOX_KEY, sandbox } from "./support.ts"

const TEMPLATE = [
  "Bonjour Inès,<br><br>",
  "Nous vous informons que votre examen est prévu le 16/03/2027 à la CMA 34 (clôture : 20/02/2027).<br>",
  "En cas d'absence, la réinscription coûte 241 €.<br>",
  "N'hésitez pas à consulter <a href=\"https://www.exament3p.fr\">ExamT3P</a>.<br><br>",
  "Bien cordialement,<br>L'équipe CAB Formations"
].join("")

const request: Humanizer.HumanizeRequest = { html: TEMPLATE, candidateMessage: "Bonjour, quand est mon examen ?" }

const humanize = (req: Humanizer.HumanizeRequest = request) => Effect.flatMap(Humanizer.Humanizer, (h) => h.humanize(req))

describe("humanizer against the Anthropic sandbox", () => {
  it.scopedLive("uses a faithful rewrite on the first attempt", () =>
    Effect.gen(function* () {
      const server = yield* sandbox({ rewrite: "faithful" })
      const outcome = yield* humanize().pipe(Effect.provide(humanizerLayer(server.url)))
      expect(outcome._tag).toBe("Humanized")
      if (outcome._tag !== "Humanized") return
      expect(outcome.attempts).toBe(1)
      expect(outcome.html).not.toBe(TEMPLATE)
      expect(outcome.html).toContain("Vous pouvez consulter")
      expect(outcome.promptVersion).toBe(Humanizer.HUMANIZER_PROMPT_VERSION)
      expect(Humanizer.finalHtml(TEMPLATE, outcome)).toBe(outcome.html)
      expect(server.control.received[0]?.forcedTool).toBeUndefined()
    }))

  it.scopedLive.each([
    ["drop-date", "date-dropped"],
    ["change-amount", "amount-added"],
    ["drop-link", "link-dropped"],
    ["add-date", "date-added"],
    ["confirm", "confirmation-added"]
  ] as const)("a %s rewrite is refused twice and the template is kept", ([rewrite, rule]) =>
    Effect.gen(function* () {
      const server = yield* sandbox({ rewrite })
      const outcome = yield* humanize().pipe(Effect.provide(humanizerLayer(server.url)))
      expect(outcome._tag).toBe("KeptTemplate")
      if (outcome._tag !== "KeptTemplate") return
      expect(outcome.why).toBe("rejected")
      expect(outcome.attempts).toBe(Humanizer.MAX_ATTEMPTS)
      expect(outcome.rejections.map((r) => r.rule)).toContain(rule)
      expect(server.control.received).toHaveLength(Humanizer.MAX_ATTEMPTS)
      expect(Humanizer.finalHtml(TEMPLATE, outcome)).toBe(TEMPLATE)
    }))

  it.scopedLive("a rewrite the reply validator refuses is not used", () =>
    Effect.gen(function* () {
      const server = yield* sandbox({ rewrite: "faithful" })
      const outcome = yield* humanize({
        ...request,
        validate: (html) => (html.includes("Vous pouvez") ? [{ severity: "error", message: "refused by validator" }] : [])
      }).pipe(Effect.provide(humanizerLayer(server.url)))
      expect(outcome._tag).toBe("KeptTemplate")
      if (outcome._tag !== "KeptTemplate") return
      expect(outcome.rejections).toEqual([{ rule: "validator", detail: "refused by validator" }])
    }))

  it.scopedLive("a validator that throws keeps the template instead of failing the ticket", () =>
    Effect.gen(function* () {
      const server = yield* sandbox({ rewrite: "faithful" })
      const outcome = yield* humanize({
        ...request,
        validate: () => {
          throw new Error("validator bug")
        }
      }).pipe(Effect.provide(humanizerLayer(server.url)))
      expect(outcome._tag === "KeptTemplate" && outcome.why).toBe("failed")
    }))

  it.scopedLive("a model failure keeps the template and the key appears nowhere", () =>
    Effect.gen(function* () {
      const server = yield* sandbox()
      const wrongKey = "sk-ant-api03-ANOTHERwrongKEY-0000"
      const { value, lines } = yield* captureLogs(humanize().pipe(Effect.provide(humanizerLayer(server.url, { key: wrongKey }))))
      expect(value._tag).toBe("KeptTemplate")
      if (value._tag !== "KeptTemplate") return
      expect(value.why).toBe("failed")
      expect(value.failure).toContain("401")
      for (const text of [JSON.stringify(value), ...lines]) {
        expect(text).not.toContain(wrongKey)
        expect(text).not.toContain(SANDBOX_KEY)
      }
    }))

  it.scopedLive("a slow model keeps the template after the timeout", () =>
    Effect.gen(function* () {
      const server = yield* sandbox({ behaviour: "slow", slowMs: 10_000 })
      const outcome = yield* humanize().pipe(Effect.provide(humanizerLayer(server.url, { timeout: "300 millis" })))
      expect(outcome._tag === "KeptTemplate" && outcome.why).toBe("failed")
    }))

  it.scopedLive("off by default: needs DOCFLOW_HUMANIZER=true and an API key", () =>
    Effect.gen(function* () {
      const server = yield* sandbox()
      const fromEnv = (env: Record<string, string>) =>
        Humanizer.layerFromConfig().pipe(
          Layer.provide(AppConfigLive),
          Layer.provide(FetchHttpClient.layer),
          Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries({ ANTHROPIC_BASE_URL: server.url, ...env })))))
        )
      const keyOnly = yield* humanize().pipe(Effect.provide(fromEnv({ ANTHROPIC_API_KEY: SANDBOX_KEY })))
      const flagOnly = yield* humanize().pipe(Effect.provide(fromEnv({ DOCFLOW_HUMANIZER: "true" })))
      const badFlag = yield* humanize().pipe(Effect.provide(fromEnv({ ANTHROPIC_API_KEY: SANDBOX_KEY, DOCFLOW_HUMANIZER: "peut-être" })), Effect.flip)
      expect([keyOnly, flagOnly].map((o) => o._tag === "KeptTemplate" && o.why)).toEqual(["disabled", "disabled"])
      expect(badFlag.message).toContain("DOCFLOW_HUMANIZER")
      expect(server.control.received).toHaveLength(0)
      const on = yield* humanize().pipe(Effect.provide(fromEnv({ ANTHROPIC_API_KEY: SANDBOX_KEY, DOCFLOW_HUMANIZER: "true" })))
      expect(on._tag).toBe("Humanized")
    }))
})
