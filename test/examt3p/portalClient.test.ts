import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Either, HashMap, Layer, Logger, LogLevel, Redacted, Schema } from "effect"
import { scopedPortal, decodePortalAccounts } from "../../src/sandbox/examt3p/portalServer.ts"
import type { RunningPortal } from "../../src/sandbox/examt3p/portalServer.ts"
import { Examt3pStatus } from "../../src/schemas/examt3p.ts"
import { crmCredentials, ExamT3P, Examt3pOutcomeSchema, portalLayer, type Examt3pCredentials, type Examt3pOutcome } from "../../src/services/examt3p/ExamT3P.ts"
import { PASSWORD, reRegisteredAccount, singleAccount } from "../fixtures/examt3p/dossiers.ts"

const accounts = Either.getOrThrow(decodePortalAccounts([singleAccount, reRegisteredAccount]))

const credentials = (identifiant: string, password: string): Examt3pCredentials => ({
  identifiant,
  password: Redacted.make(password),
  source: "crm"
})

const good = credentials(singleAccount.email, PASSWORD)

/** Runs `body` with a fresh sandbox portal and a client pointed at it; collects every log line. */
const withPortal = <A>(
  body: (portal: RunningPortal, client: typeof ExamT3P.Service, logs: ReadonlyArray<string>) => Effect.Effect<A>,
  options: { readonly concurrency?: number; readonly timeoutMs?: number } = {}
) =>
  Effect.gen(function* () {
    const portal = yield* scopedPortal(accounts)
    const logs: Array<string> = []
    const logger = Logger.make(({ message, annotations, cause }) => {
      const extra = HashMap.toEntries(annotations).map(([k, v]) => `${k}=${String(v)}`).join(" ")
      logs.push(`${JSON.stringify(message)} ${extra} ${String(cause)}`)
    })
    const layer = portalLayer({
      baseUrl: portal.url,
      concurrency: options.concurrency ?? 2,
      requestTimeout: Duration.millis(options.timeoutMs ?? 1_000),
      maxAttempts: 3,
      retryDelay: () => Duration.millis(5)
    }).pipe(Layer.provide(FetchHttpClient.layer))
    const client = yield* Effect.provide(ExamT3P, layer)
    return yield* body(portal, client, logs).pipe(
      Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
      Logger.withMinimumLogLevel(LogLevel.All)
    )
  })

const expectNoSecret = (outcome: Examt3pOutcome, logs: ReadonlyArray<string>, secret: string) => {
  expect(JSON.stringify(outcome)).not.toContain(secret)
  for (const line of logs) expect(line).not.toContain(secret)
}

describe("ExamT3P portal client against the sandbox portal", () => {
  it.scopedLive("reads the dossier of a working login, with the protocol's requests in order", () =>
    withPortal((portal, client, logs) =>
      Effect.gen(function* () {
        const outcome = yield* client.fetchDossier(good)
        expect(outcome._tag).toBe("Ok")
        if (outcome._tag !== "Ok") return
        expect(Schema.is(Examt3pOutcomeSchema)(outcome)).toBe(true)
        // It also fits the case file's shared ExamT3P status (which does not carry `source`).
        const stored = Schema.decodeUnknownSync(Examt3pStatus)(Schema.encodeSync(Examt3pStatus)(outcome))
        expect(stored._tag === "Ok" && stored.data.num_dossier).toBe("00045386TE1")
        const data = outcome.data
        expect(data.source).toBe("portal")
        expect(data.num_dossier).toBe("00045386TE1")
        expect(data.statut_dossier).toBe("En attente de convocation")
        expect(data.date_examen).toBe("24/02/2026")
        expect(data.departement).toBe("93")
        expect(data.compte_existe).toBe(true)
        expect(data.extraction_attempt).toBe(1)
        expect(data.errors).toEqual([])
        expect(data.extraction_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)
        // The messages endpoint replaces the dashboard count.
        expect(data.messages?.nombre).toBe(1)
        expect(data.messages?.liste?.[0]?.contenu).toBe("Votre convocation est disponible.")
        expect(portal.handler.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
          "GET /id/14",
          "POST /Cma/UserAccount/login",
          "GET /mon-espace",
          "GET /Cmacandidate/getMessages?page=0"
        ])
        expect(portal.handler.requests.slice(1).every((r) => r.cookie)).toBe(true)
        expectNoSecret(outcome, logs, PASSWORD)
      })
    )
  )

  it.scopedLive("picks the expected TE dossier among several and lists the dossiers", () =>
    withPortal((portal, client) =>
      Effect.gen(function* () {
        const outcome = yield* client.fetchDossier(credentials(reRegisteredAccount.email, reRegisteredAccount.password), {
          expectedDossier: "00045386TE1"
        })
        expect(outcome._tag).toBe("Ok")
        if (outcome._tag !== "Ok") return
        expect(outcome.data.num_dossier).toBe("00045386TE1")
        expect(outcome.data.statut_dossier).toBe("En attente du paiement")
        expect(outcome.data.dossiers_disponibles).toEqual(["00045386", "00045386TE1"])
        expect(outcome.data.dossier_choisi).toEqual({ kind: "exact", expected: "00045386TE1", num_dossier: "00045386TE1" })
        expect(portal.handler.requests.map((r) => r.path)).toContain("/mon-espace?dossier=501")
      })
    )
  )

  it.scopedLive("without an expected number keeps the default dossier but still lists the others", () =>
    withPortal((_portal, client) =>
      Effect.gen(function* () {
        const outcome = yield* client.fetchDossier(credentials(reRegisteredAccount.email, reRegisteredAccount.password))
        if (outcome._tag !== "Ok") return expect.fail(`expected Ok, got ${outcome._tag}`)
        expect(outcome.data.num_dossier).toBe("00045386")
        expect(outcome.data.documents_refuses).toEqual(["Justificatif de domicile"])
        expect(outcome.data.dossiers_disponibles).toEqual(["00045386", "00045386TE1"])
        expect(outcome.data.dossier_choisi?.kind).toBe("default")
        expect(outcome.data.messages?.nombre).toBe(2)
      })
    )
  )

  it.scopedLive("a wrong password is LoginFailed with the portal's message, not retried, password absent", () =>
    withPortal((portal, client, logs) =>
      Effect.gen(function* () {
        const wrong = "Wrong-Password-123"
        const outcome = yield* client.fetchDossier(credentials(singleAccount.email, wrong))
        expect(outcome).toEqual({
          _tag: "LoginFailed",
          identifiant: singleAccount.email,
          credentialsSource: "crm",
          message: `Login échoué pour ${singleAccount.email}: Identifiant ou mot de passe incorrect`
        })
        expect(portal.handler.requests.filter((r) => r.path === "/Cma/UserAccount/login")).toHaveLength(1)
        expectNoSecret(outcome, logs, wrong)
      })
    )
  )

  it.scopedLive("an e-mail unknown to the portal is LoginFailed carrying the portal's 'no account' message", () =>
    withPortal((_portal, client) =>
      Effect.gen(function* () {
        const outcome = yield* client.fetchDossier(credentials("personne@example.fr", "Whatever-123"))
        expect(outcome._tag).toBe("LoginFailed")
        if (outcome._tag === "LoginFailed") expect(outcome.message).toContain("Aucun compte")
      })
    )
  )

  it.scopedLive("no credentials at all is NoAccount and nothing is asked of the portal", () =>
    withPortal((portal, client) =>
      Effect.gen(function* () {
        expect(yield* client.fetchDossier(undefined, { credentialsRequestSent: true })).toEqual({
          _tag: "NoAccount",
          credentialsRequestSent: true,
          accountCreationRequested: false
        })
        expect((yield* client.fetchDossier(credentials("  ", PASSWORD)))._tag).toBe("NoAccount")
        expect((yield* client.fetchDossier(credentials(singleAccount.email, "")))._tag).toBe("NoAccount")
        expect(portal.handler.requests).toHaveLength(0)
      })
    )
  )

  it.scopedLive("HTTP 5xx on every attempt is PortalDown after 3 fresh sessions", () =>
    withPortal((portal, client, logs) =>
      Effect.gen(function* () {
        portal.handler.knobs.fault = { kind: "http-error", on: "dashboard", status: 503 }
        const outcome = yield* client.fetchDossier(good)
        expect(outcome).toEqual({ _tag: "PortalDown", message: "tableau de bord : HTTP 503", attempts: 3 })
        expect(portal.handler.requests.filter((r) => r.path === "/id/14")).toHaveLength(3)
        expect(logs.some((line) => line.includes("tentative 1"))).toBe(true)
        expectNoSecret(outcome, logs, PASSWORD)
      })
    )
  )

  it.scopedLive("a timeout is PortalDown", () =>
    withPortal(
      (portal, client) =>
        Effect.gen(function* () {
          portal.handler.knobs.fault = { kind: "timeout", on: "login", delayMs: 2_000 }
          const outcome = yield* client.fetchDossier(good)
          expect(outcome._tag).toBe("PortalDown")
          if (outcome._tag === "PortalDown") {
            expect(outcome.attempts).toBe(3)
            expect(outcome.message).toMatch(/connexion : pas de réponse en 150 ms/)
          }
        }),
      { timeoutMs: 150 }
    )
  )

  it.scopedLive("a refused connection is PortalDown", () =>
    withPortal((portal, client) =>
      Effect.gen(function* () {
        yield* Effect.promise(() => portal.close())
        const outcome = yield* client.fetchDossier(good)
        expect(outcome._tag).toBe("PortalDown")
        if (outcome._tag === "PortalDown") expect(outcome.message).toMatch(/ouverture de session : erreur réseau/)
      })
    )
  )

  it.scopedLive("a transient failure is retried and the earlier attempt is kept in errors", () =>
    withPortal((portal, client) =>
      Effect.gen(function* () {
        portal.handler.knobs.fault = { kind: "http-error", on: "login", status: 502 }
        portal.handler.knobs.faultBudget = 1
        const outcome = yield* client.fetchDossier(good)
        if (outcome._tag !== "Ok") return expect.fail(`expected Ok, got ${outcome._tag}`)
        expect(outcome.data.extraction_attempt).toBe(2)
        expect(outcome.data.errors).toEqual(["Tentative 1: connexion : HTTP 502"])
      })
    )
  )

  it.scopedLive("a maintenance page instead of the login JSON is portal trouble, not bad credentials", () =>
    withPortal((portal, client) =>
      Effect.gen(function* () {
        portal.handler.knobs.fault = { kind: "maintenance-login" }
        const outcome = yield* client.fetchDossier(good)
        expect(outcome._tag).toBe("PortalDown")
        if (outcome._tag === "PortalDown") expect(outcome.message).toMatch(/connexion : réponse non JSON/)
      })
    )
  )

  it.scopedLive("a login that does not stick is LoginFailed, never an empty dossier", () =>
    withPortal((portal, client, logs) =>
      Effect.gen(function* () {
        portal.handler.knobs.loginDoesNotStick = true
        const outcome = yield* client.fetchDossier(good)
        expect(outcome._tag).toBe("LoginFailed")
        if (outcome._tag === "LoginFailed") expect(outcome.message).toMatch(/pas conservée/)
        expect(portal.handler.requests.filter((r) => r.path === "/Cma/UserAccount/login")).toHaveLength(1)
        expectNoSecret(outcome, logs, PASSWORD)
      })
    )
  )

  it.scopedLive("the limiter lets at most the configured number of logins run at once", () =>
    withPortal(
      (portal, client) =>
        Effect.gen(function* () {
          const outcomes = yield* Effect.all(
            Array.from({ length: 5 }, () => client.fetchDossier(good)),
            { concurrency: "unbounded" }
          )
          expect(outcomes.every((o) => o._tag === "Ok")).toBe(true)
          // With one permit, each attempt's four requests come out contiguous.
          const paths = portal.handler.requests.map((r) => r.path)
          for (let i = 0; i < paths.length; i += 4) expect(paths[i]).toBe("/id/14")
          expect(paths).toHaveLength(20)
        }),
      { concurrency: 1 }
    )
  )

  it.scopedLive("with two permits, never more than two logins are in flight", () =>
    withPortal(
      (portal, client) =>
        Effect.gen(function* () {
          const outcomes = yield* Effect.all(
            Array.from({ length: 6 }, () => client.fetchDossier(good)),
            { concurrency: "unbounded" }
          )
          expect(outcomes.every((o) => o._tag === "Ok")).toBe(true)
          let inFlight = 0
          let peak = 0
          for (const request of portal.handler.requests) {
            if (request.path === "/id/14") inFlight += 1
            if (request.path.startsWith("/Cmacandidate/getMessages")) inFlight -= 1
            peak = Math.max(peak, inFlight)
          }
          expect(peak).toBe(2)
        }),
      { concurrency: 2 }
    )
  )

  it.scopedLive("a 200 page that is neither dashboard nor login page is portal trouble", () =>
    withPortal((portal, client) =>
      Effect.gen(function* () {
        portal.handler.knobs.fault = { kind: "foreign-dashboard" }
        const outcome = yield* client.fetchDossier(good)
        expect(outcome).toEqual({ _tag: "PortalDown", message: "tableau de bord : page sans les repères attendus", attempts: 3 })
      })
    )
  )

  it.scopedLive("the deal's stored credentials log in", () =>
    withPortal((_portal, client) =>
      Effect.gen(function* () {
        expect(crmCredentials({ IDENTIFIANT_EVALBOX: " ", MDP_EVALBOX: PASSWORD })).toBeUndefined()
        expect(crmCredentials({ IDENTIFIANT_EVALBOX: singleAccount.email, MDP_EVALBOX: null })).toBeUndefined()
        const fromDeal = crmCredentials({ IDENTIFIANT_EVALBOX: ` ${singleAccount.email} `, MDP_EVALBOX: PASSWORD })
        expect(String(fromDeal?.password)).not.toContain(PASSWORD)
        expect((yield* client.fetchDossier(fromDeal))._tag).toBe("Ok")
      })
    )
  )

  it.scopedLive("an expected TE number the portal lacks lands on the latest same-base dossier; an unknown one keeps the default", () =>
    withPortal((_portal, client, logs) =>
      Effect.gen(function* () {
        const amina = credentials(reRegisteredAccount.email, reRegisteredAccount.password)
        const later = yield* client.fetchDossier(amina, { expectedDossier: "00045386TE2" })
        if (later._tag !== "Ok") return expect.fail(later._tag)
        expect(later.data.num_dossier).toBe("00045386TE1")
        expect(later.data.dossier_choisi).toEqual({ kind: "same-base", expected: "00045386TE2", num_dossier: "00045386TE1" })
        const unknown = yield* client.fetchDossier(amina, { expectedDossier: "00077777" })
        if (unknown._tag !== "Ok") return expect.fail(unknown._tag)
        expect(unknown.data.num_dossier).toBe("00045386")
        expect(unknown.data.dossier_choisi).toEqual({ kind: "not-found", expected: "00077777", num_dossier: null })
        expect(logs.some((line) => line.includes("dossier attendu absent") && line.includes("expected=00077777"))).toBe(true)
      })
    )
  )
})
