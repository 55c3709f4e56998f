import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { extractFacts } from "../../src/services/humanizer/facts.ts"
import { type RejectionRule, rejectionsOf, type ReplyValidator } from "../../src/services/humanizer/rejection.ts"

const TEMPLATE = [
  "Bonjour Karim,<br><br>",
  "Votre examen est prévu le <b>16/03/2027</b> à la CMA 75 (clôture des inscriptions : 20/02/2027).<br>",
  "Nous vous proposons le cours du soir, de 18h à 22h, du 01/03/2027 au 12/03/2027.<br>",
  "En cas d'absence, les frais de réinscription sont de 241 €.<br>",
  "Votre identifiant ExamT3P : karim.benali@example.fr, mot de passe : Xy7!pq<br>",
  "N'hésitez pas à vous connecter sur <a href=\"https://www.exament3p.fr/connexion\">ExamT3P</a>.<br>",
  "Pour toute question : doc@cab-formations.fr<br><br>",
  "Bien cordialement,<br>L'équipe CAB Formations"
].join("")

const CANDIDATE = "Bonjour, je suis disponible à partir du 02/03/2027, est-ce possible ?"

/** Flags a forbidden internal term, like the render service's validator does. */
const validator: ReplyValidator = (html) => (/\bEvalbox\b/i.test(html) ? [{ severity: "error", message: "forbidden term: Evalbox" }] : [])

const rulesOf = (rewrite: string): ReadonlyArray<RejectionRule> =>
  [...new Set(rejectionsOf({ template: TEMPLATE, rewrite, candidateMessage: CANDIDATE, validate: validator }).map((r) => r.rule))].sort()

const swap = (from: string, to: string) => {
  if (!TEMPLATE.includes(from)) throw new Error(`fixture does not contain ${from}`)
  return TEMPLATE.replace(from, to)
}

describe("humanizer rejection rules", () => {
  const rejected: ReadonlyArray<readonly [string, string, ReadonlyArray<RejectionRule>]> = [
    ["a date is dropped", swap("16/03/2027", "mi-mars"), ["date-dropped"]],
    ["a date is changed", swap("16/03/2027", "17/03/2027"), ["date-added", "date-dropped"]],
    ["only the year of a date is changed", swap("16/03/2027", "16/03/2028"), ["date-added", "date-dropped"]],
    ["a weekday is added wrongly", swap("le <b>16/03/2027</b>", "le <b>mercredi 16/03/2027</b>"), ["weekday-wrong"]],
    ["a numeric date is invented", swap("Bien cordialement", "Prochaine réunion le 23/04/2027.<br>Bien cordialement"), ["date-added"]],
    ["a date in words is invented", swap("Bien cordialement", "Rendez-vous le 5 mai 2027.<br>Bien cordialement"), ["date-added"]],
    ["an hour is dropped", swap("de 18h à 22h", "en soirée jusqu'à 22h"), ["time-dropped"]],
    ["an hour is changed", swap("18h", "19h"), ["time-added", "time-dropped"]],
    ["an amount is dropped", swap("sont de 241 €", "sont à votre charge"), ["amount-dropped"]],
    ["an amount is changed", swap("241 €", "245 €"), ["amount-added", "amount-dropped"]],
    ["the offer price appears", swap("Bien cordialement", "Votre offre à 20 euros reste valable.<br>Bien cordialement"), ["amount-added"]],
    ["a link is dropped", swap("<a href=\"https://www.exament3p.fr/connexion\">ExamT3P</a>", "le portail"), ["link-dropped"]],
    ["a link is added", swap("Bien cordialement", "Voir https://exemple.fr/offre<br>Bien cordialement"), ["link-added"]],
    ["an e-mail is dropped", swap("Pour toute question : doc@cab-formations.fr", "Pour toute question, écrivez-nous"), ["email-dropped"]],
    ["an e-mail is added", swap("Bien cordialement", "Ou : support@ailleurs.fr<br>Bien cordialement"), ["email-added"]],
    ["the CMA département is dropped", swap("à la CMA 75", "à la CMA"), ["cma-dropped"]],
    ["the password is altered", swap("Xy7!pq", "Xy7pq"), ["password-dropped"]],
    ["a proposal becomes a confirmation", swap("Nous vous proposons le cours du soir", "Votre place au cours du soir est réservée"), ["confirmation-added"]],
    ["the <br> layout is flattened", TEMPLATE.replace(/<br>/g, " "), ["formatting-lost"]],
    ["the bold emphasis is removed", TEMPLATE.replace(/<\/?b>/g, ""), ["formatting-lost"]],
    ["the text is padded to three times its size", TEMPLATE + TEMPLATE + TEMPLATE, ["length"]],
    ["the rewrite is empty", "  <br> ", ["empty"]],
    ["a placeholder is left", swap("Bonjour Karim", "Bonjour {{prenom}}"), ["placeholder"]],
    ["the reply validator fails", swap("Votre examen", "Votre statut Evalbox et votre examen"), ["validator"]]
  ]

  it.each(rejected)("rejects when %s", (_name, rewrite, expected) => {
    expect(rulesOf(rewrite)).toEqual([...expected].sort())
  })

  const accepted: ReadonlyArray<readonly [string, string]> = [
    ["the template itself", TEMPLATE],
    ["a reworded text", swap("N'hésitez pas à vous connecter", "Vous pouvez vous connecter")],
    ["a date shortened to day/month", swap("<b>16/03/2027</b>", "<b>16/03</b>")],
    ["a date written in words", swap("16/03/2027", "16 mars 2027")],
    ["a date given its right weekday", swap("16/03/2027", "mardi 16 mars 2027")],
    ["an hour written differently", swap("de 18h à 22h", "de 18 h 00 à 22:00")],
    ["an amount written differently", swap("241 €", "241,00 euros")],
    ["a date the candidate quoted himself", swap("Bien cordialement", "Vous nous avez indiqué être disponible dès le 02/03/2027.<br>Bien cordialement")]
  ]

  it.each(accepted)("accepts %s", (_name, rewrite) => {
    expect(rejectionsOf({ template: TEMPLATE, rewrite, candidateMessage: CANDIDATE, validate: validator })).toEqual([])
  })

  it("without a validator, only the fact rules apply", () => {
    const rewrite = swap("Votre examen", "Votre statut Evalbox et votre examen")
    expect(rejectionsOf({ template: TEMPLATE, rewrite, candidateMessage: CANDIDATE })).toEqual([])
  })

  it("reads dates in several French forms", () => {
    const facts = extractFacts("le 1er mars 2027, le lundi 12 avril 2027, le 03/05/2027, 2027-06-07, le 8 juin, le 09/07 ; 31/02/2027")
    expect([...facts.dates].sort()).toEqual(["--06-08", "--07-09", "2027-03-01", "2027-04-12", "2027-05-03", "2027-06-07"])
  })

  it("does not read durations as times of day", () => {
    expect([...extractFacts("Formation de 40h, cours de 8h30 à 17h30, 2 hôtels").times].sort()).toEqual(["08:30", "17:30"])
    expect([...extractFacts("Cours du soir : 18h–22h").times].sort()).toEqual(["18:00", "22:00"])
  })

  const pad = (n: number) => String(n).padStart(2, "0")
  const dateArb = fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2026, max: 2030 }))
    .map(([d, m, y]) => `${pad(d)}/${pad(m)}/${y}`)
  const amountArb = fc.integer({ min: 1, max: 9_999 }).map((n) => `${n} €`)
  const timeArb = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => (m === 0 ? `${h}h` : `${h}h${pad(m)}`))
  const factArb = fc.oneof(
    dateArb.map((v) => ({ kind: "date-dropped" as const, sentence: `Date : ${v}.` , v })),
    amountArb.map((v) => ({ kind: "amount-dropped" as const, sentence: `Montant : ${v}.`, v })),
    timeArb.map((v) => ({ kind: "time-dropped" as const, sentence: `Horaire : ${v}.`, v }))
  )

  it("property: dropping any one fact sentence is rejected with that fact's rule; keeping all is accepted", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(factArb, { minLength: 2, maxLength: 8, selector: (f) => f.v }),
        fc.nat(),
        (facts, pick) => {
          const template = `Bonjour,<br>${facts.map((f) => f.sentence).join("<br>")}<br>Bien cordialement`
          expect(rejectionsOf({ template, rewrite: template, candidateMessage: "" })).toEqual([])
          const dropped = pick % facts.length
          const rewrite = `Bonjour,<br>${facts.filter((_, i) => i !== dropped).map((f) => f.sentence).join("<br>")}<br>Bien cordialement<br>Bien à vous`
          const rules = rejectionsOf({ template, rewrite, candidateMessage: "" }).map((r) => r.rule)
          expect(rules).toContain(facts[dropped]?.kind)
        }
      ),
      { numRuns: 300 }
    )
  })
})
