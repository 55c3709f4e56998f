/**
 * Starts bench/support/sandboxChild.ts in a child process and hands back client settings for it,
 * its pid (to sample its memory apart) and its counters (`GET /_sandbox/stats`).
 */
import { Effect, type Scope } from "effect"
import { spawn, type ChildProcess } from "node:child_process"
import { readFileSync } from "node:fs"
import { createInterface } from "node:readline"
import type { KnobsPatch, SandboxStats } from "../../src/sandbox/index.ts"
import { makeZohoSettings, type ApiLimit, type ZohoSettingsShape } from "../../src/services/zoho/index.ts"

export interface ChildSandbox {
  readonly pid: number
  readonly fromAddress: string | undefined
  readonly settings: (limits: { readonly desk: ApiLimit; readonly crm: ApiLimit }) => ZohoSettingsShape
  readonly stats: Effect.Effect<SandboxStats>
}

interface Ready {
  readonly baseUrl: string
  readonly accountsUrl: string
  readonly deskUrl: string
  readonly crmUrl: string
  readonly orgId: string
  readonly credentials: { readonly clientId: string; readonly clientSecret: string; readonly refreshToken: string }
  readonly fromAddress: string | null
}

const script = new URL("./sandboxChild.ts", import.meta.url).pathname

const waitReady = (child: ChildProcess): Promise<Ready> =>
  new Promise((resolve, reject) => {
    if (child.stdout === null) return reject(new Error("no stdout"))
    const lines = createInterface({ input: child.stdout })
    lines.once("line", (line) => resolve(JSON.parse(line) as Ready))
    child.once("exit", (code) => reject(new Error(`sandbox child exited (${code})`)))
  })

export const spawnSandbox = (options: { readonly tickets: number; readonly seed: number; readonly knobs: KnobsPatch }): Effect.Effect<ChildSandbox, Error, Scope.Scope> =>
  Effect.gen(function* () {
    const child = yield* Effect.acquireRelease(
      Effect.sync(() =>
        spawn(process.execPath, ["--max-old-space-size=8192", "--import", "tsx", script, JSON.stringify(options)], { stdio: ["pipe", "pipe", "inherit"] })
      ),
      (c) =>
        Effect.async<void>((resume) => {
          if (c.exitCode !== null) return resume(Effect.void)
          c.once("exit", () => resume(Effect.void))
          c.stdin?.end()
          setTimeout(() => c.kill("SIGTERM"), 5_000).unref()
        })
    )
    const ready = yield* Effect.tryPromise({ try: () => waitReady(child), catch: (e) => (e instanceof Error ? e : new Error(String(e))) })
    return {
      pid: child.pid ?? 0,
      fromAddress: ready.fromAddress ?? undefined,
      settings: (limits) =>
        makeZohoSettings({
          accountsUrl: ready.accountsUrl,
          deskUrl: ready.deskUrl,
          crmUrl: ready.crmUrl,
          orgId: ready.orgId,
          ...ready.credentials,
          limits
        }),
      stats: Effect.promise(async () => (await (await fetch(`${ready.baseUrl}/_sandbox/stats`)).json()) as SandboxStats)
    } satisfies ChildSandbox
  })

/** CPU seconds a process has used (user + system), from /proc (Linux); 0 when unreadable. */
export const cpuSecondsOf = (pid: number): number => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? []
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}
