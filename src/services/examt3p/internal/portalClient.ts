import { Cookies, HttpClient, HttpClientRequest } from "@effect/platform"
import { Clock, Data, Duration, Effect, Redacted, Ref } from "effect"
import {
  type DossierChoice,
  type Examt3pCredentials,
  type Examt3pOutcome,
  type FetchOptions,
  hasUsableCredentials,
  noAccount
} from "../outcome.ts"
import { dossierOptions, matchDossier } from "./dossiers.ts"
import type { DashboardData, DossierOption, PortalMessages } from "./model.ts"
import { classifyPage, parseDashboardPage } from "./parseDashboard.ts"
import { decodeBody, PORTAL_HEADERS, PORTAL_PATHS, readLoginAnswer, readMessagesAnswer } from "./protocol.ts"
import { resultData } from "./resultData.ts"
import { loadPage, type Page } from "./textModel.ts"

/**
 * The portal adapter (spec/EXAMT3P_PORTAL.md §1): one cookie jar per attempt, the session GET,
 * the login form, the dashboard (and the chosen dossier), then the messages. Technical trouble is
 * retried a bounded number of times with a fresh session; refused credentials and a login that
 * does not stick are not. Calls go through the adapter's own limiter (a public portal).
 */

export interface PortalClientSettings {
  readonly baseUrl: string
  /** 1 or 2 logins at a time. */
  readonly concurrency: number
  /** Per request, body included (the original: 30 s). */
  readonly requestTimeout: Duration.DurationInput
  /** Attempts in total (the original: 3). */
  readonly maxAttempts: number
  /** Pause before attempt n+1 (the original: 2 s × n). */
  readonly retryDelay: (failedAttempt: number) => Duration.DurationInput
}

export const defaultPortalSettings = (baseUrl: string, concurrency: number): PortalClientSettings => ({
  baseUrl: baseUrl.replace(/\/+$/, ""),
  concurrency,
  requestTimeout: Duration.seconds(30),
  maxAttempts: 3,
  retryDelay: (attempt) => Duration.seconds(2 * attempt)
})

/** Trouble worth another attempt: network, timeout, HTTP error, unexpected answer. */
class PortalTrouble extends Data.TaggedError("PortalTrouble")<{
  readonly reason: "network" | "timeout" | "http-status" | "unexpected-login-answer" | "unexpected-page"
  readonly detail: string
}> {}

/** The portal would not let this login in: final. */
class LoginRefused extends Data.TaggedError("LoginRefused")<{
  readonly reason: "credentials" | "session-not-kept"
  readonly detail: string
}> {}

interface Answer {
  readonly status: number
  readonly body: string
}

interface Scraped {
  readonly dashboard: DashboardData
  readonly options: ReadonlyArray<DossierOption>
  readonly choice: DossierChoice
  readonly messages: PortalMessages | undefined
}

const errorCode = (error: unknown): string | undefined => {
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    if ("code" in current && typeof current.code === "string") return current.code
    current = "cause" in current ? current.cause : undefined
  }
  return undefined
}

export const makePortalClient = (settings: PortalClientSettings) =>
  Effect.gen(function* () {
    const http = yield* HttpClient.HttpClient
    const limiter = yield* Effect.makeSemaphore(Math.max(1, Math.min(2, settings.concurrency)))
    const timeoutMs = Duration.toMillis(Duration.decode(settings.requestTimeout))

    const attemptOnce = (credentials: Examt3pCredentials, expected: string | undefined) =>
      Effect.gen(function* () {
        const jar = yield* Ref.make(Cookies.empty)
        const client = http.pipe(HttpClient.withCookiesRef(jar))

        const send = (step: string, request: HttpClientRequest.HttpClientRequest): Effect.Effect<Answer, PortalTrouble> =>
          client.execute(request).pipe(
            Effect.flatMap((response) =>
              Effect.map(response.arrayBuffer, (buffer) => ({ status: response.status, body: decodeBody(new Uint8Array(buffer), response.headers["content-type"]) }))
            ),
            Effect.timeoutFail({
              duration: settings.requestTimeout,
              onTimeout: () => new PortalTrouble({ reason: "timeout", detail: `${step} : pas de réponse en ${timeoutMs} ms` })
            }),
            // Built from the step and an error code only: the request (and its form body) never
            // reaches an error message.
            Effect.catchTags({
              RequestError: (e) => Effect.fail(new PortalTrouble({ reason: "network", detail: `${step} : erreur réseau (${errorCode(e.cause) ?? e.reason})` })),
              ResponseError: (e) => Effect.fail(new PortalTrouble({ reason: "network", detail: `${step} : réponse interrompue (${e.reason})` }))
            })
          )
        const get = (step: string, path: string, urlParams: Record<string, string> = {}) =>
          send(step, HttpClientRequest.get(`${settings.baseUrl}${path}`, { headers: PORTAL_HEADERS, urlParams }))
        const failOnStatus = (step: string) => (answer: Answer) =>
          answer.status >= 400 ? Effect.fail(new PortalTrouble({ reason: "http-status", detail: `${step} : HTTP ${answer.status}` })) : Effect.succeed(answer)

        const dashboard = (query: Record<string, string>): Effect.Effect<Page, PortalTrouble | LoginRefused> =>
          get("tableau de bord", PORTAL_PATHS.dashboard, query).pipe(
            Effect.flatMap(failOnStatus("tableau de bord")),
            Effect.flatMap((answer): Effect.Effect<Page, PortalTrouble | LoginRefused> => {
              const page = loadPage(answer.body)
              switch (classifyPage(page)) {
                case "dashboard":
                  return Effect.succeed(page)
                case "login":
                  return Effect.fail(
                    new LoginRefused({ reason: "session-not-kept", detail: "la connexion a été acceptée mais le portail ne l'a pas conservée (retour à la page de connexion)" })
                  )
                case "unknown":
                  return Effect.fail(new PortalTrouble({ reason: "unexpected-page", detail: "tableau de bord : page sans les repères attendus" }))
              }
            })
          )

        // 1. Session cookie: only a network failure matters here.
        yield* get("ouverture de session", PORTAL_PATHS.session)
        // 2. Login form.
        const form = HttpClientRequest.post(`${settings.baseUrl}${PORTAL_PATHS.login}`, { headers: PORTAL_HEADERS }).pipe(
          HttpClientRequest.bodyUrlParams({ email: credentials.identifiant, password: Redacted.value(credentials.password), pageId: "14" })
        )
        const login = yield* send("connexion", form).pipe(Effect.flatMap(failOnStatus("connexion")))
        const verdict = readLoginAnswer(login.body)
        if (verdict.kind === "unexpected") {
          return yield* new PortalTrouble({ reason: "unexpected-login-answer", detail: `connexion : ${verdict.detail}` })
        }
        if (verdict.kind === "refused") {
          return yield* new LoginRefused({ reason: "credentials", detail: `Login échoué pour ${credentials.identifiant}: ${verdict.message}` })
        }
        // 3. Dashboard, then the expected dossier when the account holds several.
        let page = yield* dashboard({})
        const options = dossierOptions(page)
        let choice: DossierChoice = { kind: "default", expected: expected ?? null, num_dossier: null }
        if (expected !== undefined && options.length > 0) {
          const match = matchDossier(options, expected)
          if (match.kind === "none") {
            yield* Effect.logWarning("ExamT3P : dossier attendu absent du compte, dossier par défaut conservé").pipe(
              Effect.annotateLogs({ expected, available: options.map((o) => o.num).join(", ") })
            )
            choice = { kind: "not-found", expected, num_dossier: null }
          } else {
            choice = { kind: match.kind, expected, num_dossier: match.option.num }
            if (!match.option.selected) page = yield* dashboard({ dossier: String(match.option.id) })
          }
        }
        const parsed = yield* Effect.try({
          try: () => parseDashboardPage(page),
          catch: () => new PortalTrouble({ reason: "unexpected-page", detail: "tableau de bord : lecture impossible" })
        })
        // 4. Messages: optional, any failure keeps the dashboard's own count.
        const messages = yield* get("messages", PORTAL_PATHS.messages, { page: "0" }).pipe(
          Effect.map((answer) => (answer.status >= 400 ? undefined : readMessagesAnswer(answer.body))),
          Effect.catchAll((trouble) => Effect.as(Effect.logDebug(`ExamT3P : messages indisponibles (${trouble.detail})`), undefined))
        )
        const chosen: DossierChoice = choice.kind === "default" ? { ...choice, num_dossier: parsed.num_dossier ?? null } : choice
        return { dashboard: parsed, options, choice: chosen, messages } satisfies Scraped
      })

    const scrub = (text: string, credentials: Examt3pCredentials): string => {
      const secret = Redacted.value(credentials.password)
      return secret.length >= 3 ? text.split(secret).join("***") : text
    }

    const run = (credentials: Examt3pCredentials, expected: string | undefined, attempt: number, errors: ReadonlyArray<string>): Effect.Effect<Examt3pOutcome> =>
      attemptOnce(credentials, expected).pipe(
        Effect.flatMap((scraped) =>
          Effect.map(Clock.currentTimeMillis, (now): Examt3pOutcome => ({
            _tag: "Ok",
            credentialsSource: credentials.source,
            data: resultData(scraped.dashboard, {
              identifiant: credentials.identifiant,
              attempt,
              errors,
              extractedAtMillis: now,
              source: "portal",
              ...(scraped.options.length > 0 ? { dossiersDisponibles: scraped.options.map((o) => o.num) } : {}),
              dossierChoisi: scraped.choice,
              ...(scraped.messages !== undefined ? { messages: scraped.messages } : {})
            })
          }))
        ),
        Effect.catchTags({
          LoginRefused: (refused) =>
            Effect.as(
              Effect.logInfo(`ExamT3P : connexion refusée (${refused.reason})`),
              { _tag: "LoginFailed", identifiant: credentials.identifiant, credentialsSource: credentials.source, message: scrub(refused.detail, credentials) } as const
            ),
          PortalTrouble: (trouble) => {
            const detail = scrub(trouble.detail, credentials)
            const history = [...errors, `Tentative ${attempt}: ${detail}`]
            if (attempt >= settings.maxAttempts) {
              return Effect.as(Effect.logWarning(`ExamT3P indisponible après ${attempt} tentative(s) : ${detail}`), {
                _tag: "PortalDown",
                message: detail,
                attempts: attempt
              } as const)
            }
            return Effect.logInfo(`ExamT3P : tentative ${attempt} échouée (${detail}), nouvel essai`).pipe(
              Effect.zipRight(Effect.sleep(settings.retryDelay(attempt))),
              Effect.zipRight(run(credentials, expected, attempt + 1, history))
            )
          }
        })
      )

    const fetchDossier = (credentials: Examt3pCredentials | undefined, options?: FetchOptions): Effect.Effect<Examt3pOutcome> => {
      if (!hasUsableCredentials(credentials)) return Effect.succeed(noAccount(options))
      const expected = options?.expectedDossier?.trim() || undefined
      return limiter.withPermits(1)(run(credentials, expected, 1, [])).pipe(
        Effect.withSpan("examt3p.fetchDossier", { attributes: { source: "portal" } })
      )
    }

    return { source: "portal" as const, fetchDossier }
  })
