import { Effect } from "effect"
import type { SandboxHandle } from "../../src/sandbox/index.ts"

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
}

/** A raw HTTP call to the sandbox (no client stack), for checks of the server itself. */
export const raw = (sandbox: SandboxHandle, method: string, path: string, init: { headers?: Record<string, string>; body?: unknown } = {}) =>
  Effect.promise(async (): Promise<Answer> => {
    const response = await fetch(`${sandbox.baseUrl}${path}`, {
      method,
      headers: { ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
      ...(init.body === undefined ? {} : { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) })
    })
    return { status: response.status, headers: response.headers, text: await response.text() }
  })

/** A fresh access token from the sandbox's accounts endpoint. */
export const tokenFor = (sandbox: SandboxHandle) =>
  Effect.map(
    raw(
      sandbox,
      "POST",
      `/oauth/v2/token?grant_type=refresh_token&client_id=${encodeURIComponent(sandbox.world.credentials.clientId)}&client_secret=${encodeURIComponent(sandbox.world.credentials.clientSecret)}&refresh_token=${encodeURIComponent(sandbox.world.credentials.refreshToken)}`
    ),
    (a) => (JSON.parse(a.text) as { access_token: string }).access_token
  )

export const deskHeaders = (sandbox: SandboxHandle, token: string) => ({ authorization: `Zoho-oauthtoken ${token}`, orgId: sandbox.world.orgId })
