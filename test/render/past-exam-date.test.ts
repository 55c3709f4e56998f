/**
 * Every sample reply rendered on a day after the candidate's own exam: the templates word the
 * past exam without printing its date, so the validator finds no past date and the reply can be
 * drafted. Future dates (offers, sessions, a new exam date) are still printed.
 */
import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import fc from "fast-check"
import { embeddedTemplates, formatFrenchDate, renderReply, type TemplateVarsInput } from "../../src/services/render/index.ts"
import { SAMPLE_ROWS } from "../../src/services/render/samples/rows.ts"
import { SAMPLE_TODAY } from "../../src/services/render/samples/states.ts"

const compiled = Either.getOrThrow(embeddedTemplates())

const daysBefore = (iso: string, days: number): string => {
  const [y, m, d] = iso.split("-").map(Number)
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) - days)).toISOString().slice(0, 10)
}

/**
 * The row's variables with the exam `daysAgo` days before today, and what `decide` derives from
 * such a date: no convocation or clôture date ahead, clôture passed. With `stateFlags`, also the
 * state flags of a past exam (results awaited after a convocation, probably sat when validated).
 */
const withPastExam = (vars: TemplateVarsInput, daysAgo: number, stateFlags: boolean): TemplateVarsInput => ({
  ...vars,
  date_examen: daysBefore(SAMPLE_TODAY, daysAgo),
  date_examen_vide: false,
  date_convocation: "",
  date_cloture: "",
  cloture_passed: true,
  ...(stateFlags && vars.evalbox_convoc_recue === true ? { examen_passe: true } : {}),
  ...(stateFlags && (vars.evalbox_valide_cma === true || vars.evalbox_dossier_synchronise === true)
    ? { examen_probablement_passe: true }
    : {})
})

const render = (vars: TemplateVarsInput) => Either.getOrThrow(renderReply(compiled, vars, { today: SAMPLE_TODAY }))

describe("a past exam date is never printed", () => {
  for (const row of SAMPLE_ROWS) {
    it(row.id, () => {
      fc.assert(fc.property(fc.integer({ min: 1, max: 400 }), fc.boolean(), (daysAgo, stateFlags) => {
        const vars = withPastExam(row.vars, daysAgo, stateFlags)
        const reply = render(vars)
        expect(reply.validation.errors.filter((e) => e.code === "past_date")).toEqual([])
        expect(reply.text).not.toContain(formatFrenchDate(vars.date_examen ?? "") ?? "?")
      }), { numRuns: 12 })
    })
  }

  it("the exam date yesterday is past, today and tomorrow are printed", () => {
    const base: TemplateVarsInput = { prenom: "Sarah", primary_intent: "DEMANDE_DATE_EXAMEN", intention_demande_date: true, evalbox_valide_cma: true }
    const on = (date: string) => render({ ...base, date_examen: date })
    const yesterday = daysBefore(SAMPLE_TODAY, 1)
    const tomorrow = daysBefore(SAMPLE_TODAY, -1)
    expect(on(yesterday).text).toContain("La date de votre examen est désormais passée.")
    expect(on(yesterday).text).not.toContain(formatFrenchDate(yesterday) ?? "?")
    expect(on(SAMPLE_TODAY).text).toContain(`Votre examen est prévu le ${formatFrenchDate(SAMPLE_TODAY)}`)
    expect(on(tomorrow).text).toContain(`Votre examen est prévu le ${formatFrenchDate(tomorrow)}`)
    for (const date of [yesterday, SAMPLE_TODAY, tomorrow]) expect(on(date).validation.errors).toEqual([])
  })

  it("the renderer derives the past flag from the day, whatever the caller supplies", () => {
    const base: TemplateVarsInput = { prenom: "Sarah", show_statut_section: true, evalbox_pret_a_payer: true }
    const future = daysBefore(SAMPLE_TODAY, -30)
    const shown = render({ ...base, date_examen: future, date_examen_is_past: true })
    expect(shown.text).toContain(`Votre inscription à l'examen du ${formatFrenchDate(future)}`)
    const past = render({ ...base, date_examen: daysBefore(SAMPLE_TODAY, 30), date_examen_is_past: false })
    expect(past.text).toContain("Votre précédente date d'examen étant passée, votre inscription se fera sur une prochaine date")
    expect(past.validation.errors).toEqual([])
  })
})
