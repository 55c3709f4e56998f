import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { parseCrashAt } from "../../src/pipeline/workflow/crash.ts"
import { contentHash, hasMarker, markersIn, withMarker } from "../../src/pipeline/workflow/markers.ts"
import type { DecisionAction } from "../../src/schemas/decision.ts"

const key = fc.tuple(fc.stringMatching(/^\d{6,19}$/), fc.option(fc.stringMatching(/^\d{6,19}$/), { nil: null }), fc.stringMatching(/^[a-z_]{1,12}$/))
  .map(([t, i, p]) => `${t}:${i ?? "none"}:AddTicketComment:${t}:${p}`)
const body = fc.string({ maxLength: 200 })

describe("idempotency markers", () => {
  it("a marked comment, note or draft carries its key, once, whatever the content", () =>
    fc.assert(
      fc.property(key, body, fc.constantFrom<"plainText" | "html">("plainText", "html"), (k, content, contentType) => {
        const actions: ReadonlyArray<DecisionAction> = [
          { _tag: "AddTicketComment", idempotencyKey: k, target: "1", payload: { content, isPublic: false, contentType } },
          { _tag: "AddDealNote", idempotencyKey: k, target: "2", payload: { Note_Title: "t", Note_Content: content } },
          { _tag: "CreateDraft", idempotencyKey: k, target: "1", payload: { channel: "EMAIL", contentType: "html", fromEmailAddress: "a@b.fr", content } }
        ]
        for (const action of actions) {
          const marked = withMarker(action)
          const text =
            marked._tag === "AddDealNote" ? marked.payload.Note_Content
            : marked._tag === "AddTicketComment" || marked._tag === "CreateDraft" ? marked.payload.content
            : ""
          expect(hasMarker(text, k)).toBe(true)
          expect(markersIn(text)).toContain(k)
          expect(withMarker(marked)).toEqual(marked)
        }
      })
    ))

  it("another key's marker is not mistaken for this one", () =>
    fc.assert(
      fc.property(key, key, body, (a, b, content) => {
        fc.pre(a !== b)
        const marked = withMarker({ _tag: "AddTicketComment", idempotencyKey: a, target: "1", payload: { content, isPublic: false } })
        expect(hasMarker(marked._tag === "AddTicketComment" ? marked.payload.content : "", b)).toBe(false)
      })
    ))

  it("a draft's content hash ignores the marker, tags and spacing but not the words", () => {
    const html = "<p>Bonjour Karim,</p><p>Votre  examen est le 12 mars.</p>"
    const marked = withMarker({ _tag: "CreateDraft", idempotencyKey: "1:2:CreateDraft:1", target: "1", payload: { channel: "EMAIL", contentType: "html", fromEmailAddress: "a@b.fr", content: html } })
    expect(contentHash(marked._tag === "CreateDraft" ? marked.payload.content : "")).toBe(contentHash(html))
    expect(contentHash("<div>Bonjour Karim, Votre examen est le 12 mars.</div>")).toBe(contentHash(html))
    expect(contentHash(html.replace("12", "13"))).not.toBe(contentHash(html))
  })

  it("crash points parse <stage>:<n> and refuse anything else", () => {
    expect(parseCrashAt("after-action:2")).toEqual({ stage: "after-action", nth: 2 })
    expect(parseCrashAt("after-action:0")).toBeUndefined()
    expect(parseCrashAt("somewhere:1")).toBeUndefined()
    expect(parseCrashAt(undefined)).toBeUndefined()
  })
})
