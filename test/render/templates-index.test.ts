import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { loadTemplateSources, sourcesModule } from "../../src/services/render/loadTemplates.ts"

const templatesDir = fileURLToPath(new URL("../../templates", import.meta.url))
const indexPath = `${templatesDir}/index.ts`

describe("templates/index.ts (embedded sources)", () => {
  it.effect("matches the .hbs files (UPDATE_TEMPLATES_INDEX=1 regenerates it)", () =>
    Effect.gen(function* () {
      const sources = yield* loadTemplateSources(templatesDir)
      const expected = sourcesModule(sources)
      if (process.env["UPDATE_TEMPLATES_INDEX"] === "1") writeFileSync(indexPath, expected)
      expect(existsSync(indexPath)).toBe(true)
      expect(readFileSync(indexPath, "utf8")).toBe(expected)
      expect(Object.keys(sources)).toContain("master")
    }))
})
