import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect } from "effect"
import { makeConsumer, type ConsumeOptions } from "../../src/pipeline/runner/consumer.ts"
import { syncPending } from "../../src/pipeline/workflow/batch.ts"
import { pendingList } from "../../src/pipeline/projections/pending.ts"
import { catchUp } from "../../src/pipeline/replay.ts"
import { DOC_DEPARTMENT, generateWorld, Sandbox } from "../../src/sandbox/index.ts"
import { workflowLayer } from "../workflow/support/layers.ts"

const TICKETS = 12
const world = () => generateWorld({ tickets: TICKETS, seed: 7 })

const options = (patch: Partial<ConsumeOptions> = {}): ConsumeOptions => ({
  mode: "live",
  concurrency: 4,
  delay: Duration.zero,
  untilIdle: true,
  pollEvery: Duration.millis(50),
  retryAfter: Duration.minutes(10),
  ...patch
})

describe("the continuous consumer", () => {
  it.live("runs every due ticket once, several at a time but never more than the concurrency, and drains the pending list", () =>
    Effect.gen(function* () {
      const sync = yield* syncPending(DOC_DEPARTMENT)
      expect(sync.enqueued.length).toBe(TICKETS)
      const consumer = yield* makeConsumer
      const summary = yield* consumer.run(options())
      const ids = summary.results.map((r) => r.ticketId)
      expect(summary.processed).toBe(ids.length)
      expect(new Set(ids).size).toBe(ids.length)
      expect(new Set(ids)).toEqual(new Set(sync.enqueued))
      expect(summary.maxInFlight).toBeGreaterThan(1)
      expect(summary.maxInFlight).toBeLessThanOrEqual(4)
      const stillPending = pendingList((yield* catchUp()).views.pending.view).map((p) => p.id)
      const failed = summary.results.filter((r) => r.outcome === "failed").map((r) => r.ticketId)
      expect(new Set(stillPending)).toEqual(new Set(failed))
      // One draft at most per ticket in the sandbox.
      const drafts = (yield* Effect.flatMap(Sandbox, (s) => s.writes)).filter((w) => w.kind === "draft")
      expect(new Set(drafts.map((d) => d.ticketId)).size).toBe(drafts.length)
      expect(drafts.length).toBe(summary.results.filter((r) => r.draftCreated).length)
    }).pipe(Effect.provide(workflowLayer({ sandbox: { world: world() } }))), 60_000)

  it.live("a rerun asked for a ticket in flight runs it once more after its run, and finds it already answered", () =>
    Effect.gen(function* () {
      const sync = yield* syncPending(DOC_DEPARTMENT)
      const consumer = yield* makeConsumer
      let target: string | undefined
      const answers: Array<boolean> = []
      const summary = yield* consumer.run(options({
        concurrency: 1,
        onResult: (r) =>
          Effect.gen(function* () {
            // Three events for the first ticket while it is still in flight: they collapse into one rerun.
            if (target !== undefined) return
            target = r.ticketId
            for (let i = 0; i < 3; i++) answers.push(yield* consumer.control.requestRerun(r.ticketId))
          })
      }))
      expect(answers).toEqual([true, true, true])
      const runs = summary.results.filter((r) => r.ticketId === target)
      expect(runs.length).toBe(2)
      expect(runs[1]?.outcome).toBe("already-answered")
      expect(summary.results.length).toBe(sync.enqueued.length + 1)
      // A ticket not in flight is not taken for a rerun.
      expect(yield* consumer.control.requestRerun(sync.enqueued[1] ?? "")).toBe(false)
    }).pipe(Effect.provide(workflowLayer({ sandbox: { world: world() } }))), 60_000)

  it.live("stop takes no new ticket and ends once the tickets in flight are done", () =>
    Effect.gen(function* () {
      yield* syncPending(DOC_DEPARTMENT)
      const consumer = yield* makeConsumer
      const summary = yield* consumer.run(options({
        concurrency: 2,
        onResult: () => consumer.control.stop
      }))
      expect(summary.results.length).toBeGreaterThanOrEqual(1)
      expect(summary.results.length).toBeLessThanOrEqual(2)
      expect(consumer.control.inFlight.size).toBe(0)
      const pending = pendingList((yield* catchUp()).views.pending.view)
      expect(pending.length).toBe(TICKETS - summary.results.filter((r) => r.outcome !== "failed").length)
    }).pipe(Effect.provide(workflowLayer({ sandbox: { world: world() } }))), 60_000)

  it.live("without --until-idle it waits when nothing is due and picks up a ticket a nudge announces", () =>
    Effect.gen(function* () {
      const consumer = yield* makeConsumer
      const fiber = yield* Effect.fork(consumer.run(options({ untilIdle: false, pollEvery: Duration.minutes(5) })))
      yield* Effect.sleep(Duration.millis(300))
      const sync = yield* syncPending(DOC_DEPARTMENT)
      yield* consumer.control.nudge
      // Wait until the nudged consumer has drained the list, then stop it.
      for (let i = 0; i < 200; i++) {
        const pending = pendingList((yield* catchUp()).views.pending.view)
        if (pending.length === 0 || (pending.length <= 2 && consumer.control.inFlight.size === 0)) break
        yield* Effect.sleep(Duration.millis(100))
      }
      yield* consumer.control.stop
      const summary = yield* fiber.await.pipe(Effect.flatten)
      expect(new Set(summary.results.map((r) => r.ticketId))).toEqual(new Set(sync.enqueued))
    }).pipe(Effect.provide(workflowLayer({ sandbox: { world: world() } }))), 60_000)
  it.live("keepResults: false counts the runs without keeping them; onResult still sees each one", () =>
    Effect.gen(function* () {
      const sync = yield* syncPending(DOC_DEPARTMENT)
      const consumer = yield* makeConsumer
      const seen: Array<string> = []
      const summary = yield* consumer.run(options({ keepResults: false, onResult: (r) => Effect.sync(() => { seen.push(r.ticketId) }) }))
      expect(summary.results).toEqual([])
      expect(new Set(seen)).toEqual(new Set(sync.enqueued))
      expect(summary.processed).toBe(seen.length)
    }).pipe(Effect.provide(workflowLayer({ sandbox: { world: world() } }))), 60_000)
})
