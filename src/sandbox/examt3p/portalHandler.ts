import type { IncomingMessage, ServerResponse } from "node:http"
import { randomUUID } from "node:crypto"
import { dashboardPage, loginPage, maintenancePage } from "./pages.ts"
import type { PortalAccount, PortalDossier } from "./portalData.ts"

/**
 * The ExamT3P stand-in as a plain `node:http` request handler: `GET /id/14` (session cookie),
 * `POST /Cma/UserAccount/login` (form in, JSON out), `GET /mon-espace[?dossier=<id>]` and
 * `GET /Cmacandidate/getMessages?page=0`. It can be mounted by another server (it answers
 * `false` for paths that are not the portal's) or served alone (see `portalServer.ts`).
 */

export type PortalFault =
  | { readonly kind: "none" }
  /** Answer 503 on the targeted endpoints. */
  | { readonly kind: "http-error"; readonly on: FaultTarget; readonly status?: number }
  /** Hold the response for `delayMs` before answering (longer than the client's timeout). */
  | { readonly kind: "timeout"; readonly on: FaultTarget; readonly delayMs: number }
  /** The login answers a 200 HTML maintenance page instead of JSON. */
  | { readonly kind: "maintenance-login" }
  /** The dashboard answers 200 with a page that is neither the dashboard nor the login page. */
  | { readonly kind: "foreign-dashboard" }

export type FaultTarget = "all" | "login" | "dashboard"

export interface PortalKnobs {
  fault: PortalFault
  /** How many more requests the fault applies to; undefined = every request. */
  faultBudget: number | undefined
  /** The login answers success but the session is never marked as logged in. */
  loginDoesNotStick: boolean
}

export interface PortalRequestRecord {
  readonly method: string
  readonly path: string
  readonly cookie: boolean
}

interface Session {
  email: string | undefined
  dossierId: number | undefined
}

export interface PortalHandler {
  /** Handles the request and answers true, or answers false without touching it. */
  readonly handle: (req: IncomingMessage, res: ServerResponse) => boolean
  readonly knobs: PortalKnobs
  readonly requests: ReadonlyArray<PortalRequestRecord>
  /** Replaces the accounts (e.g. a regenerated world). */
  readonly setAccounts: (accounts: ReadonlyArray<PortalAccount>) => void
  /** Cancels held (timeout) responses. */
  readonly dispose: () => void
}

const PORTAL_PATHS = new Set(["/id/14", "/Cma/UserAccount/login", "/mon-espace", "/Cmacandidate/getMessages"])
const COOKIE_NAME = "PHPSESSID"

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })

const sessionIdOf = (req: IncomingMessage): string | undefined => {
  const header = req.headers.cookie ?? ""
  return new RegExp(`(?:^|;\\s*)${COOKIE_NAME}=([^;]+)`).exec(header)?.[1]
}

const sendHtml = (res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", ...headers })
  res.end(html)
}

const sendJson = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { "content-type": "application/json; charset=utf-8" })
  res.end(JSON.stringify(body))
}

const targetOf = (path: string): FaultTarget | "other" =>
  path === "/Cma/UserAccount/login" ? "login" : path === "/mon-espace" ? "dashboard" : "other"

export const makePortalHandler = (initialAccounts: ReadonlyArray<PortalAccount>): PortalHandler => {
  let accounts = initialAccounts
  const sessions = new Map<string, Session>()
  const requests: Array<PortalRequestRecord> = []
  const held = new Set<ReturnType<typeof setTimeout>>()
  const knobs: PortalKnobs = { fault: { kind: "none" }, faultBudget: undefined, loginDoesNotStick: false }

  const accountOf = (email: string | undefined) =>
    accounts.find((a) => email !== undefined && a.email.toLowerCase() === email.trim().toLowerCase())

  const faultFor = (path: string): PortalFault | undefined => {
    const fault = knobs.fault
    if (fault.kind === "none" || knobs.faultBudget === 0) return undefined
    const target = targetOf(path)
    const applies =
      fault.kind === "maintenance-login"
        ? target === "login"
        : fault.kind === "foreign-dashboard"
          ? target === "dashboard"
          : fault.on === "all" ? target !== "other" || path === "/id/14" : fault.on === target
    if (!applies) return undefined
    if (knobs.faultBudget !== undefined) knobs.faultBudget -= 1
    return fault
  }

  const shownDossier = (account: PortalAccount, session: Session): PortalDossier => {
    const chosen = account.dossiers.find((d) => d.internalId === session.dossierId)
    const fallback = account.dossiers.find((d) => d.internalId === account.defaultDossier) ?? account.dossiers[0]
    return chosen ?? fallback
  }

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const path = url.pathname
    const fault = faultFor(path)
    if (fault?.kind === "http-error") return sendHtml(res, fault.status ?? 503, maintenancePage())
    if (fault?.kind === "foreign-dashboard") return sendHtml(res, 200, maintenancePage())
    if (fault?.kind === "timeout") {
      const timer = setTimeout(() => {
        held.delete(timer)
        sendHtml(res, 504, maintenancePage())
      }, fault.delayMs)
      held.add(timer)
      return
    }
    const sid = sessionIdOf(req)
    const session = sid === undefined ? undefined : sessions.get(sid)

    if (path === "/id/14") {
      const id = randomUUID().replace(/-/g, "")
      sessions.set(id, { email: undefined, dossierId: undefined })
      return sendHtml(res, 200, loginPage(), { "set-cookie": `${COOKIE_NAME}=${id}; Path=/; HttpOnly` })
    }
    if (path === "/Cma/UserAccount/login") {
      if (req.method !== "POST") return sendHtml(res, 405, maintenancePage())
      const form = new URLSearchParams(await readBody(req))
      if (fault?.kind === "maintenance-login") return sendHtml(res, 200, maintenancePage())
      const account = accountOf(form.get("email") ?? undefined)
      if (account === undefined) return sendJson(res, { success: 0, message: "Aucun compte ne correspond à cet identifiant" })
      if (account.password !== (form.get("password") ?? "") || form.get("pageId") !== "14") {
        return sendJson(res, { success: 0, message: "Identifiant ou mot de passe incorrect" })
      }
      if (session !== undefined && !knobs.loginDoesNotStick) session.email = account.email
      return sendJson(res, { success: 1 })
    }
    const account = accountOf(session?.email)
    if (path === "/mon-espace") {
      if (session === undefined || account === undefined) return sendHtml(res, 302, "", { location: "/id/14" })
      const wanted = Number(url.searchParams.get("dossier") ?? Number.NaN)
      if (account.dossiers.some((d) => d.internalId === wanted)) session.dossierId = wanted
      return sendHtml(res, 200, dashboardPage(account, shownDossier(account, session)))
    }
    // /Cmacandidate/getMessages
    if (session === undefined || account === undefined) return sendJson(res, { success: 0, messages: null })
    const page = Number(url.searchParams.get("page") ?? "0")
    return sendJson(res, { messages: page === 0 ? account.messages : [] })
  }

  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? "/", "http://portal.local")
    if (!PORTAL_PATHS.has(url.pathname)) return false
    requests.push({ method: req.method ?? "GET", path: url.pathname + url.search, cookie: sessionIdOf(req) !== undefined })
    route(req, res, url).catch(() => {
      if (!res.headersSent) sendHtml(res, 500, maintenancePage())
      else res.end()
    })
    return true
  }

  return {
    handle,
    knobs,
    requests,
    setAccounts: (next) => {
      accounts = next
    },
    dispose: () => {
      for (const timer of held) clearTimeout(timer)
      held.clear()
    }
  }
}
