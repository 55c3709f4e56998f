import { spawn } from "node:child_process"
import { describe, expect, it } from "vitest"

/** Starts `docflow sandbox` and resolves with its first lines once it prints the URLs. */
const startCli = (args: ReadonlyArray<string>) =>
  new Promise<{ lines: ReadonlyArray<string>; stop: () => void }>((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/docflow.js", "sandbox", ...args], { stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    const timer = setTimeout(() => {
      child.kill()
      reject(new Error(`no output in time: ${out}`))
    }, 45_000)
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8")
      if (out.includes("_sandbox/writes")) {
        clearTimeout(timer)
        resolve({ lines: out.trim().split("\n"), stop: () => child.kill("SIGINT") })
      }
    })
    child.on("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`exited ${code}: ${out}`))
    })
  })

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
