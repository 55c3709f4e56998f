import { spawn } from "node:child_process"
import { describe, expect, it } from "vitest"
import { serveSandboxCli } from "../support/sandboxCli.ts"

const run = (args: ReadonlyArray<string>) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ["bin/docflow.js", "sandbox", ...args], { stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")))
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")))
    child.on("exit", (code) => resolve({ code, out }))
  })

const serve = serveSandboxCli

describe("docflow sandbox --stats", () => {
  it("prints the default world's spread, meets every target and exits 0", async () => {
    const { code, out } = await run(["--stats"])
    expect(out).toContain("Tickets: 893")
    expect(out).toMatch(/agreement \d+\.\d %/)
    expect(out).toContain("Exam-date case, state engine:")
    expect(out).toMatch(/CAS 11\s+\d+/)
    expect(out).toContain("Targets: all met")
    expect(code).toBe(0)
  }, 90_000)

  it("names the missed targets of a world too small and exits 1", async () => {
    const { code, out } = await run(["--stats", "--tickets", "30", "--seed", "4"])
    expect(out).toMatch(/TARGET FAILED · helper date case: CAS \d+ appears \d time\(s\)/)
    expect(out).toMatch(/TARGET FAILED · intents: \d+ classified intents/)
    expect(code).toBe(1)
  }, 90_000)
})

describe("docflow sandbox (serving a generated world)", () => {
  it("prints the portal and Anthropic addresses, which answer on the same server", async () => {
    const { lines, stop } = await serve(["--port", "0", "--tickets", "12", "--seed", "9"])
    try {
      const env = Object.fromEntries(lines.filter((l) => /^[A-Z0-9_]+=/.test(l)).map((l) => l.split("=", 2) as [string, string]))
      for (const key of ["ZOHO_ACCOUNTS_URL", "ZOHO_DESK_URL", "ZOHO_CRM_URL", "ZOHO_FROM_ADDRESS", "EXAMT3P_URL", "ANTHROPIC_BASE_URL", "ZOHO_CLIENT_ID", "ZOHO_REFRESH_TOKEN"]) {
        expect(env[key], key).toBeTruthy()
      }
      const login = await fetch(`${env["EXAMT3P_URL"]}/id/14`)
      expect(login.status).toBe(200)
      expect(login.headers.get("set-cookie") ?? "").toContain("PHPSESSID")
      const messages = await fetch(`${env["ANTHROPIC_BASE_URL"]}/v1/messages`, { method: "POST", headers: { "x-api-key": "wrong" }, body: "{}" })
      expect(messages.status).toBe(401)
    } finally {
      stop()
    }
  }, 60_000)
})
