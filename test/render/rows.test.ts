import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { embeddedTemplates, formatFrenchDate, renderReply, TemplateVars } from "../../src/services/render/index.ts"
import { SAMPLE_ROWS } from "../../src/services/render/samples/rows.ts"
import { SAMPLE_TODAY } from "../../src/services/render/samples/states.ts"

const compiled = Either.getOrThrow(embeddedTemplates())
const goldenDir = fileURLToPath(new URL("../golden", import.meta.url))
const updateGolden = process.env["UPDATE_GOLDEN"] === "1"
const slug = (id: string): string => id.replace(/\*/g, "ANY").replace(/[^A-Za-z0-9]+/g, "_").replace(/^_|_$/g, "")

describe("every reachable STATE × INTENTION row renders a validated reply", () => {
  it("has unique row ids", () => {
    const ids = SAMPLE_ROWS.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  for (const row of SAMPLE_ROWS) {
    it(row.id, () => {
      const reply = Either.getOrThrow(renderReply(compiled, row.vars, { today: SAMPLE_TODAY }))
      const vars = Schema.decodeUnknownSync(TemplateVars)(row.vars)
      expect(reply.validation.errors).toEqual([])
      expect(reply.text.startsWith(`Bonjour ${vars.prenom},`)).toBe(true)
      expect(reply.sections[0]).toBe("greeting")
      expect(reply.sections.at(-1)).toBe("signature")
      for (const section of row.sections) expect(reply.sections).toContain(section)
      for (const fact of row.facts) expect(reply.text).toContain(fact)

      // Facts derived from the variables: offered dates in French, session hours, no internal session name.
      if (reply.sections.includes("exam_dates")) {
        for (const d of vars.next_dates) {
          expect(reply.text).toContain(formatFrenchDate(d.date_examen))
          expect(reply.text).toContain(formatFrenchDate(d.date_cloture))
        }
      }
      if (reply.sections.includes("sessions")) {
        for (const s of vars.sessions_proposees) {
          expect(reply.text).toContain(s.is_soir ? "18h–22h, sur deux semaines" : "8h30–17h30, sur une semaine")
          expect(reply.text).toContain(`du ${formatFrenchDate(s.date_debut)} au ${formatFrenchDate(s.date_fin)}`)
        }
      }
      for (const s of vars.sessions_proposees) if (s.nom !== "") expect(reply.html).not.toContain(s.nom)

      const goldenPath = `${goldenDir}/${slug(row.id)}.html`
      if (updateGolden) {
        mkdirSync(goldenDir, { recursive: true })
        writeFileSync(goldenPath, `${reply.html}\n`)
      }
      expect(existsSync(goldenPath), `golden ${goldenPath} missing (UPDATE_GOLDEN=1 writes it)`).toBe(true)
      expect(`${reply.html}\n`).toBe(readFileSync(goldenPath, "utf8"))
    })
  }
})
