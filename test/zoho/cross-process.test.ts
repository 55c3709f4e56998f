import { execFile } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { startSandbox, type SandboxHandle } from "../../src/sandbox/index.ts"

const child = (sandbox: SandboxHandle, dataDir: string) =>
  Effect.async<string, Error>((resume) => {
    const proc = execFile(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "fixtures", "token-child.ts")],
      {
        env: {
          ...process.env,
          T_ACCOUNTS_URL: sandbox.accountsUrl,
          T_DESK_URL: sandbox.deskUrl,
          T_CRM_URL: sandbox.crmUrl,
          T_ORG_ID: sandbox.world.orgId,
          T_CLIENT_ID: sandbox.world.credentials.clientId,
          T_CLIENT_SECRET: sandbox.world.credentials.clientSecret,
          T_REFRESH_TOKEN: sandbox.world.credentials.refreshToken,
          T_DATA_DIR: dataDir
        },
        timeout: 50_000
      },
      (error, stdout, stderr) => resume(error === null ? Effect.succeed(stdout) : Effect.fail(new Error(`${error.message}\n${stderr}`)))
    )
    return Effect.sync(() => proc.kill())
  })

describe("token cache across processes", () => {
  it.live("three processes started together refresh the token once", () =>
    Effect.gen(function* () {
      const sandbox = yield* Effect.orDie(startSandbox())
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docflow-xproc-"))
      const outputs = yield* Effect.all([child(sandbox, dataDir), child(sandbox, dataDir), child(sandbox, dataDir)], { concurrency: "unbounded" })
      expect(outputs.map((o) => o.trim().split("\n").at(-1))).toEqual(["departments=5", "departments=5", "departments=5"])
      expect((yield* sandbox.stats).tokensIssued).toBe(1)
      expect((yield* sandbox.requests).filter((r) => r.path === "/api/v1/departments")).toHaveLength(3)
    }).pipe(Effect.scoped),
    90_000
  )
})
