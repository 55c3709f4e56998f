import { newId } from "../state.ts"
import { respond, route, type Route } from "./types.ts"

/**
 * `POST /oauth/v2/token` with the refresh grant in the query string. Like Zoho: wrong
 * credentials get HTTP 200 with `{"error":"invalid_client"}`, more than the allowed refreshes in
 * the window get "Access Denied", and only the 10 newest tokens of a refresh token stay valid.
 */
export const accountsRoutes: ReadonlyArray<Route> = [
  route("POST", /^\/oauth\/v2\/token$/, (request, _params, { state, knobs, now }) => {
    const q = request.query
    const creds = state.world.credentials
    if (q.get("grant_type") !== "refresh_token") return respond(200, { error: "unsupported_grant_type" })
    if (q.get("client_id") !== creds.clientId || q.get("client_secret") !== creds.clientSecret) {
      return respond(200, { error: "invalid_client" })
    }
    if (q.get("refresh_token") !== creds.refreshToken) return respond(200, { error: "invalid_code" })
    const recent = state.refreshTimes.filter((t) => t > now - knobs.refreshLimit.windowMs)
    state.refreshTimes.splice(0, state.refreshTimes.length, ...recent)
    if (recent.length >= knobs.refreshLimit.count) {
      return respond(400, {
        error: "Access Denied",
        error_description: "You have made too many requests continuously. Please try again after some time."
      })
    }
    state.refreshTimes.push(now)
    const token = `1000.${newId(state, "sbx")}.${Math.random().toString(36).slice(2, 14)}`
    state.tokensIssued++
    state.tokens.set(token, now + knobs.tokenTtlSeconds * 1000)
    while (state.tokens.size > 10) {
      const oldest = state.tokens.keys().next().value
      if (oldest === undefined) break
      state.tokens.delete(oldest)
    }
    return respond(200, {
      access_token: token,
      api_domain: "https://www.zohoapis.com",
      token_type: "Bearer",
      expires_in: knobs.tokenTtlSeconds
    })
  })
]
