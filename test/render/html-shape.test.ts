import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import { embeddedTemplates, renderReply } from "../../src/services/render/index.ts"
import { SAMPLE_ROWS } from "../../src/services/render/samples/rows.ts"
import { SAMPLE_TODAY } from "../../src/services/render/samples/states.ts"

const VOID = new Set(["br"])
const BLOCK = new Set(["p", "ul", "ol"])

/** Problems in the tag structure: unbalanced tags, lists or paragraphs inside a paragraph, items outside a list. */
const shapeProblems = (html: string): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const stack: Array<string> = []
  for (const m of html.matchAll(/<(\/?)([a-z0-9]+)\b[^>]*>/gi)) {
    const [closing, name] = [m[1] === "/", (m[2] ?? "").toLowerCase()]
    if (VOID.has(name)) continue
    if (closing) {
      const open = stack.pop()
      if (open !== name) problems.push(`</${name}> closes <${open ?? "nothing"}>`)
      continue
    }
    if (BLOCK.has(name) && stack.includes("p")) problems.push(`<${name}> inside <p>`)
    if (name === "li" && !["ul", "ol"].includes(stack.at(-1) ?? "")) problems.push("<li> outside a list")
    stack.push(name)
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.join(", ")}`)
  return problems
}

describe("reply HTML", () => {
  const compiled = Either.getOrThrow(embeddedTemplates())

  it("detects broken structure", () => {
    expect(shapeProblems("<p>a<ul><li>b</li></ul></p>")).toEqual(["<ul> inside <p>"])
    expect(shapeProblems("<p><b>a</p>")).toEqual(["</p> closes <b>", "unclosed p"])
  })

  it("is well nested in every sample reply", () => {
    const broken = SAMPLE_ROWS.flatMap((row) => {
      const html = Either.getOrThrow(renderReply(compiled, row.vars, { today: SAMPLE_TODAY })).html
      return shapeProblems(html).map((p) => `${row.id}: ${p}`)
    })
    expect(broken).toEqual([])
  })
})
