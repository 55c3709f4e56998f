import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import { compileTemplates, embeddedTemplates, renderReply, type TemplateSources } from "../../src/services/render/index.ts"
import { templateSources } from "../../templates/index.ts"

const TODAY = "2026-03-02"
const withMaster = (master: string, extra: TemplateSources = {}): TemplateSources => ({ ...templateSources, master, ...extra })
const compileError = (sources: TemplateSources) => {
  const result = compileTemplates(sources)
  if (Either.isRight(result)) throw new Error("expected a compile error")
  return result.left
}

describe("template compilation", () => {
  it("compiles the shipped templates with one entry template", () => {
    const compiled = Either.getOrThrow(embeddedTemplates())
    expect([...compiled.entries.keys()]).toEqual(["master"])
    expect(compiled.partialNames.length).toBeGreaterThan(90)
  })

  it("catches a variable missing from TemplateVars, also inside {{#if}} where strict mode is blind", () => {
    for (const master of ["<p>{{prenon}}</p>", "{{#if prenon}}x{{/if}}", "{{#unless show_everything}}x{{/unless}}", "{{date_fr date_exam}}"]) {
      const error = compileError(withMaster(master))
      expect(error.reason).toBe("UndeclaredVariable")
      expect(error.template).toBe("master")
      expect(error.message).toMatch(/prenon|show_everything|date_exam/)
    }
  })

  it("checks loop bodies against the item fields", () => {
    expect(compileError(withMaster("{{#each next_dates}}{{this.date_exam}}{{/each}}")).message).toContain("this.date_exam")
    expect(Either.isRight(compileTemplates(withMaster("{{#each next_dates}}{{date_fr this.date_examen}}{{#if @first}}!{{/if}}{{/each}}")))).toBe(true)
    expect(compileError(withMaster("{{#each next_dates}}{{> blocks/greeting}}{{/each}}")).message).toContain("PartialInLoop")
  })

  it("rejects unknown partials, unknown helpers, unescaped output and syntax errors", () => {
    expect(compileError(withMaster("{{> blocks/nope}}")).message).toContain("UnknownPartial blocks/nope")
    expect(compileError(withMaster("{{upper prenom}}")).message).toContain("UnknownHelper upper")
    expect(compileError(withMaster("{{{prenom}}}")).message).toContain("UnescapedOutput")
    expect(compileError(withMaster("{{#if prenom}}unclosed")).reason).toBe("CompileFailed")
  })
})

describe("rendering errors are data", () => {
  const compiled = Either.getOrThrow(embeddedTemplates())

  it("names the path and the value of invalid variables", () => {
    const result = renderReply(compiled, { prenom: "Sarah", date_examen: "2026-02-30" }, { today: TODAY })
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left.reason).toBe("InvalidVariables")
      expect(result.left.message).toContain("date_examen")
      expect(result.left.message).toContain("2026-02-30")
    }
    const wrongType = renderReply(compiled, { show_dates_section: "yes" } as never, { today: TODAY })
    expect(Either.isLeft(wrongType) && wrongType.left.message).toContain("show_dates_section")
  })

  it("fails when a branch prints a date the decision did not supply", () => {
    const result = renderReply(compiled, { prenom: "Sarah", auto_assigned: true }, { today: TODAY })
    expect(Either.isLeft(result) && result.left.reason).toBe("RenderFailed")
    expect(Either.isLeft(result) && result.left.message).toContain("date_fr")
  })

  it("reports an unknown entry template", () => {
    const result = renderReply(compiled, {}, { today: TODAY, template: "legacy" })
    expect(Either.isLeft(result) && result.left.reason).toBe("UnknownTemplate")
  })

  it("renders with defaults only: greeting, spam reminder, signature", () => {
    const reply = Either.getOrThrow(renderReply(compiled, { prenom: "Sarah", suppress_elearning: true }, { today: TODAY }))
    expect(reply.sections).toEqual(["greeting", "spam_reminder", "signature"])
    expect(reply.template).toBe("master")
    expect(reply.html).not.toContain("<!--")
    expect(reply.validation.ok).toBe(true)
  })
})
