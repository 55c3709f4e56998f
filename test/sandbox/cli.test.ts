import { describe, expect, it } from "vitest"
import { serveSandboxCli } from "../support/sandboxCli.ts"

const startCli = serveSandboxCli

describe("docflow sandbox", () => {
  it("serves the world it prints, with working credentials, until interrupted", async () => {
    const { lines, stop } = await startCli(["--port", "0", "--tickets", "3", "--seed", "5"])
    try {
      const env = Object.fromEntries(lines.filter((l) => l.startsWith("ZOHO_")).map((l) => l.split("=", 2) as [string, string]))
      expect(lines[0]).toMatch(/^Zoho sandbox listening on http:\/\/127\.0\.0\.1:\d+ \(3 tickets, seed 5\)$/)
      const grant = new URLSearchParams({
        grant_type: "refresh_token",
        client_id: env["ZOHO_CLIENT_ID"] ?? "",
        client_secret: env["ZOHO_CLIENT_SECRET"] ?? "",
        refresh_token: env["ZOHO_REFRESH_TOKEN"] ?? ""
      })
      const token = (await (await fetch(`${env["ZOHO_ACCOUNTS_URL"]}/oauth/v2/token?${grant}`, { method: "POST" })).json()) as { access_token: string }
      const tickets = await fetch(`${env["ZOHO_DESK_URL"]}/tickets?limit=10`, {
        headers: { authorization: `Zoho-oauthtoken ${token.access_token}`, orgId: env["ZOHO_ORG_ID"] ?? "" }
      })
      expect(((await tickets.json()) as { data: Array<unknown> }).data).toHaveLength(3)
    } finally {
      stop()
    }
  }, 60_000)
})
