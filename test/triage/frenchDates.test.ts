import { describe, expect, it } from "@effect/vitest"
import { findDates, findMonths, readMonths } from "../../src/services/triage/text/frenchDates.ts"

const today = "2026-03-10"

describe("findDates", () => {
  const cases: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
    ["je confirme le 31 mars", ["2026-03-31"]],
    ["le 1er avril 2026 ça me va", ["2026-04-01"]],
    ["examen le 31/03/2026 ou le 28/04", ["2026-03-31", "2026-04-28"]],
    ["le 5 février", ["2027-02-05"]],
    ["le 10 mars", ["2026-03-10"]],
    ["le 12 fevier", ["2027-02-12"]],
    ["le 3 sept.", ["2026-09-03"]],
    ["date ISO 2026-06-30", ["2026-06-30"]],
    ["lundi 13 Avril au vendredi 24 avril", ["2026-04-13", "2026-04-24"]],
    ["de 9h-18h tous les jours", []],
    ["mon numéro 06.12.34.56.78", []],
    ["le 31 février", []],
    ["le 31/02/2026", []]
  ]
  it.each(cases)("%s", (text, expected) => {
    expect(findDates(text, today).map((d) => d.iso)).toEqual(expected)
  })
})

describe("months", () => {
  it("reads month names with typos and abbreviations, not 'mais'", () => {
    expect(findMonths("fin avril ou début mai mais pas en juilet, plutôt en dec.").map((m) => m.month)).toEqual([4, 5, 7, 12])
  })

  const cases: ReadonlyArray<readonly [string, number | null, number | null]> = [
    ["je voudrais reporter en juin", 6, 6],
    ["mon examen est prévu le 31 mars, je voudrais le décaler fin avril", 3, 4],
    ["mon examen est le 31 mars", 3, null],
    ["j'ai reçu votre mail de février", 2, null],
    ["une date au mois d'août svp", 8, 8],
    ["pas de mois ici", null, null],
    ["je préfère la session de septembre", 9, 9]
  ]
  it.each(cases)("%s → mentioned %s, requested %s", (text, mentioned, requested) => {
    expect(readMonths(text, today)).toEqual({ mentionedMonth: mentioned, requestedMonth: requested })
  })
})
