import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Either, Logger, LogLevel, Redacted, Tracer } from "effect"
import { startSandbox } from "../../src/sandbox/index.ts"
import { clientsFor } from "./support.ts"

describe("secrets", () => {
  it.live("never reach logs, errors or trace spans: refreshes, retries, 401s, refusals", () => {
    const spans: Array<Tracer.Span> = []
    const lines: Array<string> = []
    const capture = Logger.make(({ message, annotations, cause, spans }) => {
      lines.push(
        JSON.stringify({ message, annotations: Object.fromEntries(annotations), spans: [...spans].map((s) => s.label) }) +
          (Cause.isEmpty(cause) ? "" : Cause.pretty(cause))
      )
    })
    return Effect.gen(function* () {
      const sandbox = yield* Effect.orDie(
        startSandbox({ knobs: { faults: { rateLimited: 0.2, serverError: 0.2, malformedJson: 0.1 }, retryAfterSeconds: 0, seed: 5 } })
      )
      const { desk, crm, auth } = yield* clientsFor(sandbox, { retry: { maxAttempts: 10 } })
      const tokens = new Set<string>()
      const ticket = String(sandbox.world.tickets[0]?.["id"])
      const dealId = String(sandbox.world.crm["Deals"]?.[0]?.["id"])
      const errors: Array<unknown> = []
      for (let round = 0; round < 3; round++) {
        const results = yield* Effect.all(
          [Effect.either(desk.getTicket(ticket)), Effect.either(crm.getDeal(dealId)), Effect.either(desk.listThreads(ticket))],
          { concurrency: 3 }
        )
        for (const r of results as ReadonlyArray<Either.Either<unknown, unknown>>) if (Either.isLeft(r)) errors.push(r.left)
        tokens.add(Redacted.value(yield* auth.accessToken))
        yield* sandbox.expireTokens
      }
      yield* sandbox.setKnobs({ faults: { rateLimited: 0, serverError: 1 } })
      const failedDraft = yield* Effect.either(
        desk.createDraftReply(ticket, { channel: "EMAIL", content: "x", contentType: "plainText", fromEmailAddress: sandbox.world.fromAddresses[0] ?? "" })
      )
      if (Either.isLeft(failedDraft)) errors.push(failedDraft.left)
      const wrong = yield* clientsFor(sandbox, { refreshToken: "1000.wrong-refresh-token-xyz" })
      const refused = yield* Effect.either(wrong.desk.getTicket(ticket))
      if (Either.isLeft(refused)) errors.push(refused.left)

      expect(tokens.size).toBe(3)
      expect(lines.some((l) => l.includes("retry"))).toBe(true)
      expect(lines.some((l) => l.includes("token refreshed"))).toBe(true)
      expect(errors.length).toBeGreaterThanOrEqual(2)
      const shown = [
        ...lines,
        ...errors.map((e) => `${String(e)} ${JSON.stringify(e)} ${e instanceof Error ? (e.stack ?? "") : ""}`)
      ].join("\n")
      const secrets = [
        sandbox.world.credentials.clientSecret,
        sandbox.world.credentials.refreshToken,
        "1000.wrong-refresh-token-xyz",
        ...tokens
      ]
      for (const secret of secrets) expect(shown).not.toContain(secret)
      expect(shown).not.toMatch(/client_secret=|refresh_token=|Zoho-oauthtoken \S/)
      expect(spans.some((s) => s.name === "desk.getTicket")).toBe(true)
      expect(spans.some((s) => s.attributes.has("url.full"))).toBe(true)
      const traced = spans.map((s) => `${s.name} ${JSON.stringify([...s.attributes])}`).join("\n")
      for (const secret of secrets) expect(traced).not.toContain(secret)
    }).pipe(
      Effect.scoped,
      (program) =>
        Effect.tracerWith((base) =>
          Effect.withTracer(
            program,
            Tracer.make({
              span: (...args) => {
                const span = base.span(...args)
                spans.push(span)
                return span
              },
              context: base.context
            })
          )
        ),
      Effect.provide(Logger.replace(Logger.defaultLogger, capture)),
      Logger.withMinimumLogLevel(LogLevel.All)
    )
  })
})
