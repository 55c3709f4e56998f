/**
 * A group member killed outright (SIGKILL: no leave-group, no commit) while holding leases: once
 * its session times out, the other member gets its partitions and the tickets it held, and every
 * ticket is acknowledged exactly once.
 */
import { describe, expect, it } from "@effect/vitest"
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Context, Effect, Layer, Scope, Exit } from "effect"
import { KafkaStore, layerKafkaStore } from "../../src/services/store/kafka/layer.ts"
import { deleteTopics, freshStateFile, testStoreOptions, uniquePrefix } from "../support/kafka.ts"

const PARTITIONS = 4
const layerModule = fileURLToPath(new URL("../../src/services/store/kafka/layer.ts", import.meta.url))
const repoRoot = fileURLToPath(new URL("../../", import.meta.url))

/** A child process that joins the group, claims what it is given, prints it, and waits forever. */
const childSource = (options: object) => `
Promise.all([import("effect"), import(${JSON.stringify(layerModule)})]).then(([{ Effect }, { layerKafkaStore, KafkaStore }]) => {
  const program = Effect.gen(function* () {
    const { queue } = yield* KafkaStore
    yield* queue.joinGroup
    const held = []
    for (let i = 0; i < 60 && held.length === 0; i++) {
      held.push(...(yield* queue.claim({ consumerId: "child", host: "test-host", pid: process.pid }, { max: 100, leaseFor: "10 minutes" })))
    }
    console.log(JSON.stringify({ held: held.map((l) => l.ticketId) }))
    yield* Effect.never
  })
  return Effect.runPromise(Effect.scoped(Effect.provide(program, layerKafkaStore(${JSON.stringify(options)}))))
}).catch((e) => { console.error(e); process.exit(3) })
`

describe("Kafka ticket queue: a member killed with SIGKILL", () => {
  it.live(
    "its leased, unacknowledged tickets go to the surviving member after the session timeout; each ticket acknowledged once",
    () => {
      const prefix = uniquePrefix("kill")
      const groupId = `${prefix}consumers`
      const options = testStoreOptions({ topicPrefix: prefix, groupId, partitions: PARTITIONS, pollWaitMs: 200 })
      return Effect.gen(function* () {
        const scope = yield* Scope.make()
        const survivor = Context.get(yield* Layer.buildWithScope(layerKafkaStore(options), scope), KafkaStore).queue
        yield* survivor.joinGroup
        const tickets = Array.from({ length: 24 }, (_, i) => `kill-${String(i).padStart(2, "0")}`)
        yield* survivor.enqueue(tickets.map((ticketId) => ({ ticketId })))

        // node itself (not the tsx wrapper, whose child would outlive a SIGKILL) with the tsx loader
        const child = yield* Effect.acquireRelease(
          Effect.sync(() =>
            spawn(process.execPath, ["--import", "tsx", "-e", childSource({ ...options, stateFile: freshStateFile() })], {
              cwd: repoRoot,
              stdio: ["ignore", "pipe", "pipe"]
            })
          ),
          (c) => Effect.sync(() => c.kill("SIGKILL"))
        )
        let stderr = ""
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
        const heldByChild = yield* Effect.async<ReadonlyArray<string>, Error>((resume) => {
          let out = ""
          child.stdout.on("data", (d: Buffer) => {
            out += d.toString()
            const line = out.split("\n").find((l) => l.startsWith("{"))
            if (line !== undefined) resume(Effect.succeed((JSON.parse(line) as { held: Array<string> }).held))
          })
          child.on("exit", (code) => resume(Effect.fail(new Error(`child exited (${code}): ${stderr}`))))
        }).pipe(Effect.timeoutFail({ duration: "45 seconds", onTimeout: () => new Error(`child never claimed: ${stderr}`) }))
        expect(heldByChild.length).toBeGreaterThan(0)
        expect(heldByChild.length).toBeLessThan(tickets.length)
        child.kill("SIGKILL")

        const delivered: Array<string> = []
        const deadline = Date.now() + 45_000
        while (delivered.length < tickets.length && Date.now() < deadline) {
          const leases = yield* survivor.claim({ consumerId: "survivor", host: "test-host", pid: process.pid }, { max: 100, leaseFor: "1 minute" })
          for (const lease of leases) {
            delivered.push(lease.ticketId)
            yield* survivor.ack(lease)
          }
        }
        expect([...delivered].sort()).toEqual(tickets)
        expect(heldByChild.every((t) => delivered.includes(t))).toBe(true)
        expect(yield* survivor.assignment).toEqual([0, 1, 2, 3])
        expect(yield* survivor.ackedPosition).toBe(tickets.length)
        yield* Scope.close(scope, Exit.void)
      }).pipe(Effect.scoped, Effect.ensuring(Effect.promise(() => deleteTopics(prefix))))
    },
    120_000
  )
})
