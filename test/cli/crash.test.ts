/**
 * Crash safety (DESIGN.md §4): `docflow batch` is killed with SIGKILL at each stage boundary
 * (DOCFLOW_CRASH_AT), restarted, and every ticket must end processed exactly once with at most
 * one draft in the sandbox, which runs as its own process so it survives the kills.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { join } from "node:path"
import { crashStages } from "../../src/pipeline/workflow/crash.ts"
import { DATABASE_FILE, EventLog, layerSqliteStore } from "../../src/services/store/Store.ts"
import { freshDataDir, runCli, startSandboxProcess } from "./support.ts"

const TICKETS = 3

const finishedRunsByTicket = (dataDir: string) =>
  Effect.gen(function* () {
    const log = yield* EventLog
    const events = Chunk.toReadonlyArray(yield* Stream.runCollect(log.readFrom(0)))
    const finished = new Map<string, number>()
    const failedOnly = new Map<string, string>()
    for (const { event } of events) {
      if (event.payload.mode !== "live") continue
      if (event.type === "TicketCompleted" || event.type === "TicketStopped") finished.set(event.ticketId, (finished.get(event.ticketId) ?? 0) + 1)
      if (event.type === "TicketFailed") failedOnly.set(event.ticketId, event.payload.error.message)
    }
    return { finished, failedOnly }
  }).pipe(Effect.provide(layerSqliteStore({ filename: join(dataDir, DATABASE_FILE) })))

const draftsPerTicket = async (baseUrl: string): Promise<Map<string, number>> => {
  const body = (await (await fetch(`${baseUrl}/_sandbox/writes`)).json()) as { writes: ReadonlyArray<{ kind: string; ticketId?: string }> }
  const drafts = new Map<string, number>()
  for (const w of body.writes) if (w.kind === "draft" && w.ticketId !== undefined) drafts.set(w.ticketId, (drafts.get(w.ticketId) ?? 0) + 1)
  return drafts
}

describe("docflow batch survives SIGKILL at every stage boundary", () => {
  for (const stage of crashStages) {
    const nth = stage === "after-gather" || stage === "after-decide" || stage === "before-complete" ? 2 : 3
    it.live(`${stage}:${nth}`, () =>
      Effect.promise(async () => {
        const sandbox = await startSandboxProcess(TICKETS)
        try {
          const env = { ...sandbox.env, ZOHO_FROM_ADDRESS: "doc@cab-formations.example", DOCFLOW_DATA_DIR: freshDataDir() }
          const args = ["batch", "-n", "10", "--delay", "0", "--yes"]
          const crashed = runCli(args, { ...env, DOCFLOW_CRASH_AT: `${stage}:${nth}` })
          expect(crashed.signal, crashed.stderr).toBe("SIGKILL")
          const restarted = runCli(args, env)
          expect(restarted.status, restarted.stderr).toBe(0)
          const again = runCli(args, env)
          expect(again.status, again.stderr).toBe(0)

          const { finished, failedOnly } = await Effect.runPromise(finishedRunsByTicket(env.DOCFLOW_DATA_DIR))
          const drafts = await draftsPerTicket(sandbox.baseUrl)
          for (const [ticketId, n] of finished) expect(n, `ticket ${ticketId} finished ${n} times`).toBe(1)
          for (const [ticketId, n] of drafts) expect(n, `ticket ${ticketId} has ${n} drafts`).toBeLessThanOrEqual(1)
          const unfinished = [...failedOnly.entries()].filter(([id]) => !finished.has(id))
          expect(unfinished, "every ticket finishes").toEqual([])
          expect(finished.size).toBe(TICKETS)
          expect([...drafts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
        } finally {
          await sandbox.stop()
        }
      }), 240_000)
  }
})
