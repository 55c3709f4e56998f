import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

export interface SandboxProcess {
  readonly child: ChildProcess
  readonly baseUrl: string
  /** ZOHO_* variables pointing docflow at it (credentials are the sandbox's public test values). */
  readonly env: Readonly<Record<string, string>>
  readonly stop: () => Promise<void>
}

/** `docflow sandbox` as its own process: it outlives the docflow processes the tests kill. */
export const startSandboxProcess = (tickets: number): Promise<SandboxProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/docflow.js", "sandbox", "--port", "0", "--tickets", String(tickets)], {
      stdio: ["ignore", "pipe", "pipe"]
    })
    let out = ""
    let err = ""
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8")
    })
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 60_000)
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8")
      const env = Object.fromEntries([...out.matchAll(/^(ZOHO_[A-Z_]+)=(\S+)$/gm)].map((m) => [m[1] ?? "", m[2] ?? ""]))
      const base = /listening on (http:\/\/\S+)/.exec(out)?.[1]
      if (base !== undefined && env["ZOHO_REFRESH_TOKEN"] !== undefined) {
        clearTimeout(timer)
        resolve({
          child,
          baseUrl: base,
          env,
          stop: () =>
            new Promise((done) => {
              child.once("exit", () => done())
              child.kill("SIGINT")
            })
        })
      }
    })
    child.once("exit", (code) => reject(new Error(`sandbox exited (${code}): ${out} ${err.slice(-2000)}`)))
  })

export const freshDataDir = (): string => mkdtempSync(join(tmpdir(), "docflow-cli-"))

export interface CliRun {
  readonly status: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `node bin/docflow.js ...args` to its end (or its SIGKILL) with the given environment. */
export const runCli = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>>): CliRun => {
  const result = spawnSync(process.execPath, ["bin/docflow.js", ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 120_000
  })
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr }
}
