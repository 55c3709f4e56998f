import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import fc from "fast-check"
import { embeddedTemplates, htmlToText, renderReply } from "../../src/services/render/index.ts"
import { escapeText } from "../../src/services/render/internal/escape.ts"

const TODAY = "2026-03-02"
const compiled = Either.getOrThrow(embeddedTemplates())
const HOSTILE = "<script>alert('x')</script>{{mot_de_passe_examt3p}}"

const render = (vars: Parameters<typeof renderReply>[1]) => Either.getOrThrow(renderReply(compiled, vars, { today: TODAY }))

describe("candidate-provided text is escaped", () => {
  it("escapes markup and braces in the first name, messages, places and ExamT3P texts", () => {
    const reply = render({
      prenom: HOSTILE,
      mot_de_passe_examt3p: "secret-pw",
      intention_question_generale: true,
      direct_answer: `Réponse ${HOSTILE}`,
      no_date_for_requested_month: true,
      requested_month_name: "avril",
      requested_location: HOSTILE,
      show_statut_section: true,
      evalbox_refus_cma: true,
      has_pieces_refusees: true,
      pieces_refusees_details: [{ nom: HOSTILE, motif: "<img src=x onerror=alert(1)>", solution: "{{#each x}}" }]
    })
    expect(reply.html).not.toMatch(/<script|<img|\{\{/)
    expect(reply.html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&#123;&#123;mot_de_passe_examt3p&#125;&#125;")
    expect(reply.text).not.toContain("secret-pw")
    expect(reply.text.startsWith(`Bonjour ${HOSTILE},`)).toBe(true)
    expect(reply.validation.errors.map((e) => e.code)).not.toContain("unresolved_placeholder")
  })

  it("any first name or message is rendered escaped and read back verbatim (property)", () => {
    const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && !/\s{2}|[\n\r\t]/.test(s))
    fc.assert(fc.property(text, text, (prenom, answer) => {
      const reply = render({ prenom, intention_question_generale: true, direct_answer: answer, suppress_elearning: true })
      expect(reply.html).toContain(`Bonjour ${escapeText(prenom)},`)
      expect(reply.html).toContain(`<p>${escapeText(answer)}</p>`)
      expect(reply.text).toContain(`Bonjour ${prenom},`)
      expect(reply.validation.errors.map((e) => e.code)).not.toContain("unresolved_placeholder")
    }), { numRuns: 200 })
  })
})

describe("plain-text version", () => {
  it("numbers ordered lists", () => {
    expect(htmlToText("<ol><li>un</li><li>deux</li></ol><ul><li>trois</li></ul>")).toBe("1. un\n2. deux\n\n- trois")
  })

  it("keeps paragraphs, line breaks, bullets and link targets", () => {
    expect(htmlToText("<p>Bonjour,</p>\n<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n<p>Voir <a href=\"https://x.fr/a\">ici</a> ou <a href=\"https://x.fr\">https://x.fr</a>.<br>Fin&nbsp;&amp; merci</p>"))
      .toBe("Bonjour,\n\n- un\n- deux\n\nVoir ici (https://x.fr/a) ou https://x.fr.\nFin & merci")
  })
})
