/**
 * Golden history: the committed events replayed into fresh projections give, byte for byte, the
 * committed report and processed list. Regenerate on purpose with UPDATE_GOLDEN=1 and review.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { processedList } from "../../src/pipeline/projections/processed.ts"
import { catchUp, replay, reportText } from "../../src/pipeline/replay.ts"
import { layerSqliteStore } from "../../src/services/store/Store.ts"
import { fixtureUrl as fixture, historyRows as rows, insertRows } from "../fixtures/events/history.ts"

const load = (upTo = rows.length) => insertRows(rows.slice(0, upTo))

const store = () => layerSqliteStore({ filename: join(mkdtempSync(join(tmpdir(), "docflow-golden-")), "docflow.sqlite") })

const golden = (name: string, actual: string) => {
  if (process.env["UPDATE_GOLDEN"] === "1" || !existsSync(fixture(name))) writeFileSync(fixture(name), actual)
  expect(actual).toBe(readFileSync(fixture(name), "utf8"))
}

describe("golden history", () => {
  it.effect("replay reproduces the committed report and processed list", () =>
    Effect.gen(function* () {
      yield* load()
      const outcome = yield* replay()
      expect(outcome.folded).toBe(rows.length)
      expect(outcome.quarantined).toEqual([])
      golden("history.report.txt", reportText(outcome.views))
      golden("history.processed.json", `${JSON.stringify(processedList(outcome.views.processed.view), null, 2)}\n`)
    }).pipe(Effect.provide(store()))
  )

  it.effect("the report agrees with counts taken straight from the fixture lines", () =>
    Effect.gen(function* () {
      yield* load()
      const text = reportText((yield* replay()).views)
      const live = (r: Record<string, unknown>) => (r["payload"] as { mode?: string }).mode !== "dry-run"
      const finished = new Map<string, Record<string, unknown>>()
      for (const r of rows) if (live(r) && ["TicketCompleted", "TicketStopped", "TicketDeadLettered"].includes(String(r["type"]))) finished.set(String(r["ticketId"]), r)
      const drafts = [...finished.values()].filter((r) => (r["payload"] as { draftCreated?: boolean }).draftCreated === true).length
      expect(text).toContain(`| Tickets traités | ${finished.size} |`)
      expect(text).toContain(`| Brouillons créés | ${drafts} |`)
    }).pipe(Effect.provide(store()))
  )

  it.effect("catching up from checkpoints taken midway gives the same report as a full replay", () =>
    Effect.gen(function* () {
      const full = yield* Effect.provide(Effect.zipRight(load(), replay()), store())
      const resumed = yield* Effect.provide(
        Effect.gen(function* () {
          yield* load(100)
          yield* replay()
          yield* insertRows(rows.slice(100))
          return yield* catchUp()
        }),
        store()
      )
      expect(resumed.folded).toBe(rows.length - 100)
      expect(reportText(resumed.views)).toBe(reportText(full.views))
    })
  )
})
