import { describe, expect, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import fc from "fast-check"
import { embeddedTemplates, renderReply, TemplateVars } from "../../src/services/render/index.ts"
import { nextDates75, sessionsFor } from "../../src/services/render/samples/states.ts"

const TODAY = "2026-03-02"
const compiled = Either.getOrThrow(embeddedTemplates())
const defaults = Schema.decodeUnknownSync(TemplateVars)({})
const flagNames = Object.keys(defaults).filter((k) => typeof defaults[k as keyof typeof defaults] === "boolean")

/** Every date variable set to a future date, every list filled: any branch can print what it needs. */
const filled = {
  prenom: "Sarah",
  identifiant_examt3p: "sarah.martin@example.org",
  mot_de_passe_examt3p: "Vtc-2026!k",
  uber_alternative_email: "sarah.driver@example.com",
  requested_month_name: "avril",
  preference_horaire_text: "cours du jour",
  session_preference: "jour",
  session_preference_requested_text: "cours du soir",
  date_examen: "2026-04-28", date_cloture: "2026-04-01", date_convocation: "2026-04-18",
  new_exam_date: "2026-05-26", new_exam_date_cloture: "2026-04-29",
  auto_assigned_exam_date: "2026-05-26", auto_assigned_session_start: "2026-05-11", auto_assigned_session_end: "2026-05-15",
  confirmed_exam_date: "2026-05-26", previously_communicated_date: "2026-04-28",
  session_date_debut: "2026-04-13", session_date_fin: "2026-04-17",
  matched_session_start: "2026-05-04", matched_session_end: "2026-05-15",
  next_dates: nextDates75,
  sessions_proposees: sessionsFor("2026-04-28"),
  pieces_refusees_details: [{ nom: "Photo", motif: "floue" }]
}

/** What a flag combination may legitimately trip: showing credentials or the 20 € price without the matching intent. */
const ALLOWED = new Set(["credentials_not_allowed", "foreign_email", "amount_20_not_allowed"])

describe("any combination of flags", () => {
  it("renders a reply with greeting, signature, known future dates and no internal term (property)", () => {
    fc.assert(fc.property(fc.array(fc.boolean(), { minLength: flagNames.length, maxLength: flagNames.length }), (bits) => {
      const flags = Object.fromEntries(flagNames.map((name, i) => [name, bits[i] ?? false]))
      const reply = Either.getOrThrow(renderReply(compiled, { ...filled, ...flags }, { today: TODAY }))
      expect(reply.sections[0]).toBe("greeting")
      expect(reply.sections.at(-1)).toBe("signature")
      expect(reply.validation.errors.filter((e) => !ALLOWED.has(e.code))).toEqual([])
      for (const e of reply.validation.errors.filter((x) => x.code === "foreign_email")) {
        expect(e.message).toMatch(/sarah\.martin@example\.org|sarah\.driver@example\.com/)
      }
    }), { numRuns: 150 })
  })
})
