import { describe, expect, it } from "@effect/vitest"
import { templateSources } from "../../templates/index.ts"

/** The literal French of a template: Handlebars expressions and HTML tags removed. */
const literalText = (source: string): string =>
  source.replace(/\{\{!--[\s\S]*?--\}\}/g, " ").replace(/\{\{[\s\S]*?\}\}/g, " ").replace(/<[^>]+>/g, " ")

describe("template wording", () => {
  const entries = Object.entries(templateSources)

  it("never writes an internal term, whatever branch is taken", () => {
    const internal = /\b(CRM|Evalbox|deals?|BFS|CD[JS]|lookup|API|module|Montreuil)\b|\bcd[js]-/i
    expect(entries.filter(([, src]) => internal.test(literalText(src))).map(([name]) => name)).toEqual([])
  })

  it("names the 20 € price only in the cancellation answer", () => {
    const price = /(?<![\d,.])20\s?(€|euros?\b)/
    expect(entries.filter(([, src]) => price.test(literalText(src))).map(([name]) => name)).toEqual(["intents/demande_annulation"])
  })

  it("states the course hours and durations consistently", () => {
    const all = entries.map(([, src]) => literalText(src)).join("\n")
    expect(all).not.toMatch(/cinq soirs|5 soirs|20 ?h(eures)? de formation/i)
    for (const [name, src] of entries) {
      const text = literalText(src)
      if (/cours du soir \(/i.test(text)) expect(text, name).toMatch(/18h–22h, sur deux semaines|18h–22h sur deux semaines/)
      if (/cours du jour \(/i.test(text)) expect(text, name).toMatch(/8h30–17h30, sur une semaine|8h30–17h30 sur une semaine/)
    }
  })

  it("places the convocation about 10 days before the exam", () => {
    const mentions = entries.filter(([, src]) => /convocation (sera disponible|arrivera|est envoyée|est disponible sur ExamT3P environ)/i.test(literalText(src)))
    expect(mentions.length).toBeGreaterThan(0)
    for (const [name, src] of mentions) expect(literalText(src), name).toContain("environ 10 jours avant")
  })
})
