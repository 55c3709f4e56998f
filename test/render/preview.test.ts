import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { compileTemplates, embeddedTemplates } from "../../src/services/render/index.ts"
import { galleryHtml, renderSamples } from "../../src/services/render/gallery.ts"
import { SAMPLE_ROWS } from "../../src/services/render/samples/rows.ts"
import { SAMPLE_TODAY } from "../../src/services/render/samples/states.ts"
import { templateSources } from "../../templates/index.ts"

const root = fileURLToPath(new URL("../..", import.meta.url))

describe("preview gallery", () => {
  it("titles each reply with its state and intention", () => {
    const entries = renderSamples(Either.getOrThrow(embeddedTemplates()), SAMPLE_ROWS, SAMPLE_TODAY)
    const page = galleryHtml(entries, SAMPLE_TODAY)
    expect(entries.every((e) => e.problems.length === 0)).toBe(true)
    expect(page).toContain("<h2>CONVOCATION_RECEIVED × DEMANDE_CONVOCATION</h2>")
    expect(page).toContain("<h2>DEMANDE_ANNULATION <small>(ligne *:DEMANDE_ANNULATION, exemple dans l'état EXAM_DATE_ASSIGNED_WAITING)</small></h2>")
    expect(page.match(/<section id=/g)?.length).toBe(SAMPLE_ROWS.length)
  })

  it("shows the validator's reasons for a reply it refuses", () => {
    const broken = Either.getOrThrow(compileTemplates({ ...templateSources, "blocks/signature": "<p>À bientôt</p>" }))
    const entries = renderSamples(broken, SAMPLE_ROWS.slice(0, 1), SAMPLE_TODAY)
    expect(entries[0]?.problems.some((p) => p.startsWith("missing_signature"))).toBe(true)
    expect(galleryHtml(entries, SAMPLE_TODAY)).toContain("1 réponse(s) refusée(s)")
  })

  it("docflow preview --out writes the gallery", () => {
    const out = join(mkdtempSync(join(tmpdir(), "docflow-preview-")), "gallery.html")
    const stdout = execFileSync("node", ["bin/docflow.js", "preview", "--out", out], { cwd: root, encoding: "utf8", timeout: 60_000 })
    expect(stdout).toContain(`${SAMPLE_ROWS.length} sample replies, 0 refused`)
    expect(readFileSync(out, "utf8")).toContain("Galerie des réponses")
  }, 90_000)
})
