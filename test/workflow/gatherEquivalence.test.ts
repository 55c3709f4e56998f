import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Either, Layer, Schema } from "effect"
import { decide } from "../../src/pipeline/decide/index.ts"
import { gatherCaseFile, loadCatalogues } from "../../src/pipeline/workflow/gather.ts"
import { generateWorld } from "../../src/sandbox/index.ts"
import { ZohoOnSandbox } from "../../src/sandbox/zohoOnSandbox.ts"
import type { CaseFile } from "../../src/schemas/caseFile.ts"
import { CrmDealTimeline } from "../../src/schemas/crm.ts"
import { crmMirrorLayer } from "../../src/services/examt3p/ExamT3P.ts"
import { embeddedTemplates } from "../../src/services/render/index.ts"
import { TRACKED_FIELDS } from "../../src/services/rules/states/memory.ts"
import { CrmClient } from "../../src/services/zoho/index.ts"

const TODAY = Date.parse("2026-03-10T09:00:00Z")

/** The generated world's day, for gather's clock (the HTTP stack keeps the real sleep). */
const fixedClock = (ms: number): Clock.Clock => {
  const real = Clock.make()
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => ms,
    unsafeCurrentTimeNanos: () => BigInt(ms) * 1_000_000n,
    currentTimeMillis: Effect.succeed(ms),
    currentTimeNanos: Effect.succeed(BigInt(ms) * 1_000_000n),
    sleep: (duration) => real.sleep(duration)
  }
}

/**
 * The worst a timeline could say, at the moment of the decision: a person changed every tracked
 * field (the memory resets) and the CMA refused the dossier (a past clôture no longer counts).
 */
const worstTimeline = (now: string): CrmDealTimeline =>
  Schema.decodeUnknownSync(CrmDealTimeline)({
    __timeline: [...TRACKED_FIELDS].map((field, i) => ({
      id: `99000000000000${i}`,
      action: "updated",
      audited_time: now,
      source: "crm_ui",
      field_history: [{ api_name: field, field_label: field, _value: { old: "avant", new: field === "Evalbox" ? "Refusé CMA" : "après" } }]
    }))
  })

describe("gather reads fewer notes and timelines than it used to, for the same decisions", () => {
  it.live("on a generated world: every deal's notes, or any timeline where none was read, change no decision", () => {
    const templates = Either.getOrThrow(embeddedTemplates())
    const world = generateWorld({ tickets: 60, seed: 5 })
    const decided = (caseFile: CaseFile) => JSON.stringify(decide(caseFile, templates, { mode: "dry-run", docflowDraftIds: [] }))
    return Effect.gen(function* () {
      const crm = yield* CrmClient
      const catalogues = yield* loadCatalogues(new Date(TODAY))
      const seen = { tickets: 0, fewerNotes: 0, timelineSkipped: 0, timelineRead: 0 }
      for (const ticket of world.tickets) {
        const { caseFile } = yield* Effect.withClock(gatherCaseFile(String(ticket["id"]), catalogues), fixedClock(TODAY))
        seen.tickets++
        const everyNote = (yield* Effect.forEach(caseFile.deals, (d) => crm.dealNotes(d.id))).flat()
        if (everyNote.length > caseFile.dealNotes.length) seen.fewerNotes++
        const decision = decided(caseFile)
        expect(decided({ ...caseFile, dealNotes: everyNote }), `ticket ${String(ticket["id"])}: notes of other deals`).toBe(decision)
        if (caseFile.dealTimeline === null && caseFile.deals.length > 0) {
          seen.timelineSkipped++
          expect(decided({ ...caseFile, dealNotes: everyNote, dealTimeline: worstTimeline(caseFile.now) }), `ticket ${String(ticket["id"])}: timeline`)
            .toBe(decision)
        } else if (caseFile.dealTimeline !== null) seen.timelineRead++
      }
      // the world exercises both sides of each choice
      expect(seen.tickets).toBe(world.tickets.length)
      expect(seen.fewerNotes).toBeGreaterThan(5)
      expect(seen.timelineSkipped).toBeGreaterThan(5)
      expect(seen.timelineRead).toBeGreaterThan(5)
    }).pipe(Effect.provide(Layer.mergeAll(ZohoOnSandbox({ world }), crmMirrorLayer)))
  }, 120_000)
})
