import { HttpClient, HttpClientError } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Redacted, TestClock } from "effect"
import { defaultPortalSettings, ExamT3P, portalLayer } from "../../src/services/examt3p/ExamT3P.ts"

/** An HttpClient whose every request fails at the transport level, counting the attempts. */
const unreachable = (calls: Array<string>) =>
  Layer.succeed(
    HttpClient.HttpClient,
    HttpClient.make((request, url) => {
      calls.push(url.pathname)
      return Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) }))
    })
  )

describe("ExamT3P retry schedule (default settings)", () => {
  it.effect("retries network failures after 2 s then 4 s with a fresh session, then reports PortalDown", () => {
    const calls: Array<string> = []
    return Effect.gen(function* () {
      const examt3p = yield* ExamT3P
      const fiber = yield* Effect.fork(examt3p.fetchDossier({ identifiant: "a@b.fr", password: Redacted.make("pw-999999"), source: "crm" }))
      yield* TestClock.adjust("1 millis")
      expect(calls).toEqual(["/id/14"])
      yield* TestClock.adjust("1999 millis")
      expect(calls).toHaveLength(2)
      yield* TestClock.adjust("3999 millis")
      expect(calls).toHaveLength(2)
      yield* TestClock.adjust("1 millis")
      expect(calls).toHaveLength(3)
      const outcome = yield* Fiber.join(fiber)
      expect(outcome).toEqual({ _tag: "PortalDown", message: "ouverture de session : erreur réseau (ECONNREFUSED)", attempts: 3 })
    }).pipe(Effect.provide(portalLayer(defaultPortalSettings("http://portal.test/", 2)).pipe(Layer.provide(unreachable(calls)))))
  })
})
