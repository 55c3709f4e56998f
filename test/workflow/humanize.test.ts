/**
 * The humanizer step inside the ticket workflow, against the Zoho sandbox, the real rules and the
 * sandbox's Anthropic stand-in: a faithful rewrite becomes the draft, a rewrite that breaks a fact
 * is refused and the template is drafted, a failing model keeps the template, no humanizer means
 * "disabled", and the draft's idempotency never depends on the rewrite's text.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { latestRun, resultV3 } from "../../src/pipeline/result.ts"
import { CrashPoints, noCrashes, type CrashPointsShape } from "../../src/pipeline/workflow/crash.ts"
import { loadCatalogues } from "../../src/pipeline/workflow/gather.ts"
import { readHumanizerNote, type HumanizerNote } from "../../src/pipeline/workflow/humanizerNote.ts"
import { rulesDecider } from "../../src/pipeline/workflow/rulesDecider.ts"
import { runTicket } from "../../src/pipeline/workflow/runTicket.ts"
import type { RewriteMode } from "../../src/sandbox/anthropic/rewrite.ts"
import { Sandbox } from "../../src/sandbox/index.ts"
import { ZohoOnSandbox } from "../../src/sandbox/zohoOnSandbox.ts"
import { crmMirrorLayer } from "../../src/services/examt3p/ExamT3P.ts"
import * as HumanizerService from "../../src/services/humanizer/Humanizer.ts"
import { ReplyTemplates } from "../../src/services/render/index.ts"
import { EventLog, layerSqliteStore } from "../../src/services/store/Store.ts"
import { humanizerLayer, sandbox as anthropicSandbox } from "../llm/support.ts"
import { SANDBOX_FROM } from "./support/simpleDecider.ts"
import { freshStoreFile } from "./support/layers.ts"

const catalogues = loadCatalogues(new Date())

const baseLayer = (crash: CrashPointsShape | undefined = undefined, storeFile = freshStoreFile()) =>
  Layer.mergeAll(
    ZohoOnSandbox(),
    crmMirrorLayer,
    layerSqliteStore({ filename: storeFile }),
    crash === undefined ? noCrashes : Layer.succeed(CrashPoints, crash),
    rulesDecider(SANDBOX_FROM).pipe(Layer.provide(ReplyTemplates.embedded))
  )

interface Drafted {
  readonly ticketId: string
  readonly note: HumanizerNote | undefined
  readonly template: string
  readonly sent: string
}

/** Runs every open ticket live; returns, for each drafted one, the note, the template reply and the body Desk got. */
const runAll = Effect.gen(function* () {
  const sandbox = yield* Sandbox
  const log = yield* EventLog
  const cats = yield* catalogues
  const open = sandbox.world.tickets.filter((t) => t["status"] === "Open").map((t) => String(t["id"]))
  for (const id of open) yield* runTicket(id, { mode: "live", catalogues: cats })
  const writes = yield* sandbox.writes
  const drafted: Array<Drafted> = []
  for (const id of open) {
    const events = (yield* log.readTicket(id)).map((e) => e.event)
    const decided = events.find((e) => e.type === "Decided")
    const draft = writes.find((w) => w.kind === "draft" && w.ticketId === id)
    if (decided?.type !== "Decided" || draft === undefined) continue
    const reply = decided.payload.decision["reply"] as { readonly html: string } | null
    drafted.push({
      ticketId: id,
      note: readHumanizerNote(decided.payload.humanizer),
      template: reply?.html ?? "",
      sent: String((draft.body as { readonly content?: unknown }).content ?? "")
    })
  }
  return drafted
})

const withAnthropic = <A, E, R>(mode: RewriteMode, behaviour: "valid" | "http-500", use: (effect: typeof runAll) => Effect.Effect<A, E, R>) =>
  Effect.scoped(
    Effect.gen(function* () {
      const server = yield* anthropicSandbox({ rewrite: mode, behaviour })
      return yield* use(runAll).pipe(Effect.provide(humanizerLayer(server.url, { timeout: "10 seconds" })))
    })
  )

describe("humanizer in the workflow", () => {
  it.live("a faithful rewrite becomes the draft; the decision keeps the template; docflow result shows it", () =>
    withAnthropic("faithful", "valid", (run) =>
      Effect.gen(function* () {
        const drafted = yield* run
        expect(drafted.length).toBeGreaterThan(0)
        for (const d of drafted) {
          expect(d.note?.status).toBe("used")
          expect(d.sent).toContain(d.note?.html ?? "?")
          expect(d.sent).toContain(`data-docflow-draft="${d.ticketId}:`)
        }
        // The stand-in rewords some replies: at least one draft differs from its template.
        const reworded = drafted.filter((d) => !d.sent.includes(d.template))
        expect(reworded.length).toBeGreaterThan(0)
        const first = reworded[0]
        if (first === undefined) return
        const events = (yield* Effect.flatMap(EventLog, (log) => log.readTicket(first.ticketId))).map((e) => e.event)
        const latest = latestRun(events)
        if (latest === undefined) throw new Error("no run")
        const result = resultV3(first.ticketId, latest)
        expect(result["humanizer"]).toMatchObject({ status: "used", was_humanized: true, failed: false, attempts: 1 })
        expect(String(result["template_response"])).toBe(first.template.slice(0, 3000))
        expect((result["output"] as { draft_content: string }).draft_content).toBe(first.sent.slice(0, 3000))
      })
    ).pipe(Effect.provide(baseLayer())))

  for (const mode of ["confirm", "add-date"] as const) {
    it.live(`a rewrite that breaks a fact (${mode}) is refused with its reasons and the template is drafted`, () =>
      withAnthropic(mode, "valid", (run) =>
        Effect.gen(function* () {
          const drafted = yield* run
          expect(drafted.length).toBeGreaterThan(0)
          // A mode may leave a reply without the fact it breaks (nothing to confirm): that rewrite is used.
          const refused = drafted.filter((d) => d.note?.status === "rejected")
          expect(refused.length).toBeGreaterThan(0)
          for (const d of refused) {
            expect(d.sent).toContain(d.template)
            expect(d.note?.rejections.length).toBeGreaterThan(0)
            expect(d.note?.attempts).toBe(2)
          }
          for (const d of drafted.filter((x) => x.note?.status === "used")) expect(d.sent).toContain(d.note?.html ?? "?")
        })
      ).pipe(Effect.provide(baseLayer())))
  }

  it.live("a model that fails keeps the template and says why", () =>
    withAnthropic("faithful", "http-500", (run) =>
      Effect.gen(function* () {
        const drafted = yield* run
        expect(drafted.length).toBeGreaterThan(0)
        for (const d of drafted) {
          expect(d.note?.status).toBe("failed")
          expect(d.note?.failure).not.toBeNull()
          expect(d.sent).toContain(d.template)
        }
      })
    ).pipe(Effect.provide(baseLayer())))

  it.live("no humanizer (or one switched off): the template is drafted and the note says disabled", () =>
    Effect.gen(function* () {
      const without = yield* runAll
      expect(without.length).toBeGreaterThan(0)
      for (const d of without) {
        expect(d.note).toEqual({ status: "disabled", attempts: 0, html: null, rejections: [], failure: null, modelId: null, promptVersion: null })
        expect(d.sent).toContain(d.template)
      }
    }).pipe(Effect.provide(baseLayer())))

  it.live("switched off by configuration, the layer is the disabled one", () =>
    Effect.gen(function* () {
      const drafted = yield* runAll.pipe(Effect.provide(HumanizerService.layerDisabled))
      expect(drafted.every((d) => d.note?.status === "disabled")).toBe(true)
    }).pipe(Effect.provide(baseLayer())))

  it.live("a rerun after a crash that gets another rewrite does not create a second draft", () => {
    const storeFile = freshStoreFile()
    let calls = 0
    // Each call rewrites differently (a different closing line), every fact kept.
    const changing = HumanizerService.layerTest((request) => {
      calls += 1
      return new HumanizerService.Humanized({
        html: request.html.replace("Bien cordialement", calls === 1 ? "Très cordialement" : "Bien à vous, cordialement"),
        attempts: 1, modelId: "test", promptVersion: "test"
      })
    })
    // Crash once, right after the draft call (a draft write exists), before its success is recorded.
    let crashed = false
    let draftWrites: Effect.Effect<number> = Effect.succeed(0)
    const crash: CrashPointsShape = {
      hit: (point) =>
        Effect.flatMap(draftWrites, (n) => {
          if (point !== "after-action" || crashed || n === 0) return Effect.void
          crashed = true
          return Effect.die(new Error("simulated crash after the draft call"))
        })
    }
    return Effect.gen(function* () {
      const sandbox = yield* Sandbox
      const cats = yield* catalogues
      const log = yield* EventLog
      const open = sandbox.world.tickets.filter((t) => t["status"] === "Open").map((t) => String(t["id"]))
      draftWrites = Effect.map(sandbox.writes, (ws) => ws.filter((w) => w.kind === "draft").length)
      let target: string | undefined
      for (const id of open) {
        const first = yield* Effect.exit(runTicket(id, { mode: "live", catalogues: cats }))
        if (crashed) {
          target = id
          expect(first._tag).toBe("Failure")
          break
        }
      }
      if (target === undefined) throw new Error("no ticket reached a write")
      const drafts = () => Effect.map(sandbox.writes, (ws) => ws.filter((w) => w.kind === "draft" && w.ticketId === target))
      const before = yield* drafts()
      const second = yield* runTicket(target, { mode: "live", catalogues: cats })
      expect(second.outcome).not.toBe("failed")
      expect((yield* drafts()).length).toBe(before.length)
      const events = (yield* log.readTicket(target)).map((e) => e.event)
      const reconciled = events.filter((e) => e.type === "ActionSucceeded" && e.payload.reconciled).map((e) => (e.type === "ActionSucceeded" ? e.payload.kind : ""))
      expect(before.length).toBe(1)
      expect(reconciled).toContain("CreateDraft")
      // The first run's rewrite was asked for; the rerun found its draft and asked nothing more.
      expect(calls).toBe(1)
    }).pipe(Effect.provide(Layer.merge(baseLayer(crash, storeFile), changing)))
  })
})
