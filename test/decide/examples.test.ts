/**
 * The README's examples (docs/examples) are what `docflow decide` prints for the committed case
 * files: regenerate them with the command in docs/examples/README.md after a rule change.
 */
import { Either } from "effect"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { decide } from "../../src/pipeline/decide/index.ts"
import { decodeCaseFile } from "../../src/schemas/caseFile.ts"
import { embeddedTemplates } from "../../src/services/render/index.ts"

const root = new URL("../../", import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), "utf8")

const examples = ["go-cas8-deadline-missed", "route-docs-cab-non-uber-documents", "duplicate-uber-two-won-deals"]

describe("docs/examples", () => {
  const templates = Either.getOrThrow(embeddedTemplates())
  for (const name of examples) {
    it(`${name}: the committed decision and reply are today's output of decide`, () => {
      const caseFile = Either.getOrThrow(decodeCaseFile(JSON.parse(read(`test/fixtures/case-files/${name}.json`))))
      const decision = decide(caseFile, templates)
      expect(JSON.parse(read(`docs/examples/${name}.decision.json`))).toEqual(JSON.parse(JSON.stringify(decision)))
      if (decision.reply === null) expect(() => read(`docs/examples/${name}.reply.html`)).toThrow()
      else expect(read(`docs/examples/${name}.reply.html`)).toBe(decision.reply.html)
    })
  }
})
