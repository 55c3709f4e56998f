import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Redacted } from "effect"
import { startSandbox } from "../../src/sandbox/index.ts"
import { NodeTokenStore, TOKEN_FILE_NAME } from "../../src/services/zoho/index.ts"
import { clientsFor, setup } from "./support.ts"

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "docflow-token-"))

describe("ZohoAuth", () => {
  it.live("concurrent calls share one refresh", () =>
    Effect.gen(function* () {
      const { desk, sandbox } = yield* setup()
      const ids = sandbox.world.tickets.map((t) => String(t["id"]))
      yield* Effect.forEach(ids, (id) => desk.getTicket(id), { concurrency: "unbounded" })
      expect((yield* sandbox.stats).tokensIssued).toBe(1)
    }).pipe(Effect.scoped)
  )

  it.live("two independent stacks sharing the token file refresh once; the file is 0600 and holds no secret", () =>
    Effect.gen(function* () {
      const sandbox = yield* Effect.orDie(startSandbox())
      const dataDir = tempDir()
      const one = yield* clientsFor(sandbox, {}, NodeTokenStore({ dataDir }))
      const two = yield* clientsFor(sandbox, {}, NodeTokenStore({ dataDir }))
      const ticket = String(sandbox.world.tickets[0]?.["id"])
      yield* Effect.all([one.desk.getTicket(ticket), two.desk.getTicket(ticket), one.crm.getDeal(String(sandbox.world.crm["Deals"]?.[0]?.["id"]))], {
        concurrency: "unbounded"
      })
      expect((yield* sandbox.stats).tokensIssued).toBe(1)
      const file = path.join(dataDir, TOKEN_FILE_NAME)
      expect(fs.statSync(file).mode & 0o777).toBe(0o600)
      const text = fs.readFileSync(file, "utf8")
      expect(text).toContain(Redacted.value(yield* one.auth.accessToken))
      expect(text).not.toContain(sandbox.world.credentials.refreshToken)
      expect(text).not.toContain(sandbox.world.credentials.clientSecret)
      expect(fs.existsSync(`${file}.lock`)).toBe(false)
      // A third stack started later (a new CLI run) reuses the cached token.
      const three = yield* clientsFor(sandbox, {}, NodeTokenStore({ dataDir }))
      yield* three.desk.getTicket(ticket)
      expect((yield* sandbox.stats).tokensIssued).toBe(1)
    }).pipe(Effect.scoped)
  )

  it.live("a 401 triggers one refresh and one retry", () =>
    Effect.gen(function* () {
      const { desk, sandbox } = yield* setup()
      const ticket = String(sandbox.world.tickets[0]?.["id"])
      yield* desk.getTicket(ticket)
      yield* sandbox.expireTokens
      const again = yield* desk.getTicket(ticket)
      expect(again.id).toBe(ticket)
      expect((yield* sandbox.stats).tokensIssued).toBe(2)
      const statuses = (yield* sandbox.requests).filter((r) => r.path.startsWith("/api/")).map((r) => r.status)
      expect(statuses).toEqual([200, 401, 200])
    }).pipe(Effect.scoped)
  )

  it.live("a token close to expiry is replaced before use", () =>
    Effect.gen(function* () {
      // Tokens live 303 s and are replaced 300 s before expiry: usable for three seconds.
      const { desk, sandbox } = yield* setup({ knobs: { tokenTtlSeconds: 303 } })
      const ticket = String(sandbox.world.tickets[0]?.["id"])
      yield* desk.getTicket(ticket)
      yield* desk.getTicket(ticket)
      expect((yield* sandbox.stats).tokensIssued).toBe(1)
      yield* Effect.sleep("3100 millis")
      yield* desk.getTicket(ticket)
      expect((yield* sandbox.stats).tokensIssued).toBe(2)
      expect((yield* sandbox.requests).every((r) => r.status !== 401)).toBe(true)
    }).pipe(Effect.scoped)
  )

  it.live("stays within 10 refreshes per 10 minutes, counted across stacks through the file", () =>
    Effect.gen(function* () {
      const sandbox = yield* Effect.orDie(startSandbox())
      const dataDir = tempDir()
      const ticket = String(sandbox.world.tickets[0]?.["id"])
      for (let i = 0; i < 10; i++) {
        // A fresh stack each time, like ten short CLI runs whose token was revoked.
        const run = yield* clientsFor(sandbox, {}, NodeTokenStore({ dataDir }))
        yield* run.desk.getTicket(ticket)
        yield* sandbox.expireTokens
      }
      expect((yield* sandbox.stats).tokensIssued).toBe(10)
      const eleventh = yield* clientsFor(sandbox, { retry: { maxTotalMs: 2_000 } }, NodeTokenStore({ dataDir }))
      const refused = yield* Effect.either(eleventh.desk.getTicket(ticket))
      expect(Either.isLeft(refused) && [refused.left.reason, refused.left.code]).toEqual(["RateLimited", "LOCAL_REFRESH_LIMIT"])
      expect(Either.isLeft(refused) && (refused.left.retryAfterMs ?? 0) > 60_000).toBe(true)
      expect((yield* sandbox.stats).tokensIssued).toBe(10)
    }).pipe(Effect.scoped)
  )

  it.live("Zoho's own refresh refusal and bad credentials are classified without leaking the grant", () =>
    Effect.gen(function* () {
      const sandbox = yield* Effect.orDie(startSandbox({ knobs: { refreshLimit: { count: 1, windowMs: 600_000 } } }))
      const ticket = String(sandbox.world.tickets[0]?.["id"])
      const first = yield* clientsFor(sandbox)
      yield* first.desk.getTicket(ticket)
      const second = yield* clientsFor(sandbox, { retry: { maxTotalMs: 1_000 } })
      const throttled = yield* Effect.either(second.desk.getTicket(ticket))
      expect(Either.isLeft(throttled) && [throttled.left.reason, throttled.left.api, throttled.left.code]).toEqual([
        "RateLimited",
        "accounts",
        "Access Denied"
      ])
      const wrong = yield* clientsFor(sandbox, { clientSecret: "not-the-secret-0123" })
      const refused = yield* Effect.either(wrong.desk.getTicket(ticket))
      expect(Either.isLeft(refused) && [refused.left.reason, refused.left.code]).toEqual(["Unauthorized", "invalid_client"])
      const shown = Either.isLeft(refused) ? `${refused.left.message} ${JSON.stringify(refused.left)}` : ""
      expect(shown).not.toContain("not-the-secret-0123")
      expect(shown).not.toContain(sandbox.world.credentials.refreshToken)
    }).pipe(Effect.scoped)
  )
})
