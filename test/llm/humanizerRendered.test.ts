import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Schema } from "effect"
import { renderReplyValidator } from "../../src/services/humanizer/renderValidator.ts"
import * as Humanizer from "../../src/services/humanizer/Humanizer.ts"
import { embeddedTemplates, renderReply, TemplateVars } from "../../src/services/render/index.ts"
import { SAMPLE_ROWS } from "../../src/services/render/samples/rows.ts"
import { SAMPLE_TODAY } from "../../src/services/render/samples/states.ts"
import { rewriteReply } from "../../src/sandbox/anthropic/rewrite.ts"
import { REPLY_CLOSE, REPLY_OPEN } from "../../src/services/humanizer/prompt.ts"
import { humanizerLayer, sandbox } from "./support.ts"

const compiled = Either.getOrThrow(embeddedTemplates())

const rendered = SAMPLE_ROWS.map((row) => {
  const reply = Either.getOrThrow(renderReply(compiled, row.vars, { today: SAMPLE_TODAY }))
  const validate = renderReplyValidator({ vars: Schema.decodeUnknownSync(TemplateVars)(row.vars), today: SAMPLE_TODAY })
  return { id: row.id, html: reply.html, validate }
})

const FIRST_DATE = /\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2}(?:er)? [a-zéû]+ \d{4}\b|\b\d{2}\/\d{2}\/\d{4}\b/

describe("humanizer checks on the real rendered replies", () => {
  it("every sample reply passes its own checks unchanged (no false rejection)", () => {
    const refused = rendered
      .map(({ id, html, validate }) => ({ id, rules: Humanizer.rejectionsOf({ template: html, rewrite: html, candidateMessage: "", validate }).map((r) => `${r.rule}: ${r.detail}`) }))
      .filter((r) => r.rules.length > 0)
    expect(refused).toEqual([])
  })

  it("a reworded sample reply (the sandbox's faithful rewrite) is accepted for every row", () => {
    const refused = rendered
      .map(({ id, html, validate }) => {
        const rewrite = rewriteReply(`${REPLY_OPEN}${html}${REPLY_CLOSE}`, "faithful")
        return { id, rules: Humanizer.rejectionsOf({ template: html, rewrite, candidateMessage: "", validate }).map((r) => r.rule) }
      })
      .filter((r) => r.rules.length > 0)
    expect(refused).toEqual([])
  })

  it("in every sample reply that carries a date, removing that date is refused", () => {
    const withDate = rendered.filter(({ html }) => FIRST_DATE.test(html))
    expect(withDate.length).toBeGreaterThan(10)
    for (const { id, html, validate } of withDate) {
      const date = FIRST_DATE.exec(html)?.[0] ?? ""
      const rewrite = html.split(date).join("prochainement") // every mention of that date
      const rules = Humanizer.rejectionsOf({ template: html, rewrite, candidateMessage: "", validate }).map((r) => r.rule)
      expect({ id, dropped: rules.includes("date-dropped") }).toEqual({ id, dropped: true })
    }
  })

  it.scopedLive("through the sandbox: a faithful rewrite of a rendered reply is used, an invented date is refused by both checks", () =>
    Effect.gen(function* () {
      const sample = rendered.find(({ html }) => FIRST_DATE.test(html))
      expect(sample).toBeDefined()
      if (sample === undefined) return
      const request = { html: sample.html, candidateMessage: "Bonjour", validate: sample.validate }
      const good = yield* sandbox({ rewrite: "faithful" })
      const used = yield* Effect.flatMap(Humanizer.Humanizer, (h) => h.humanize(request)).pipe(Effect.provide(humanizerLayer(good.url)))
      expect(used._tag).toBe("Humanized")
      const bad = yield* sandbox({ rewrite: "add-date" })
      const kept = yield* Effect.flatMap(Humanizer.Humanizer, (h) => h.humanize(request)).pipe(Effect.provide(humanizerLayer(bad.url)))
      expect(kept._tag).toBe("KeptTemplate")
      if (kept._tag !== "KeptTemplate") return
      expect(kept.rejections.map((r) => r.rule)).toEqual(expect.arrayContaining(["date-added", "validator"]))
    }))
})
