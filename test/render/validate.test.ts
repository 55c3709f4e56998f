import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import fc from "fast-check"
import { TemplateVars, type TemplateVarsInput, validateReply } from "../../src/services/render/index.ts"

const TODAY = "2026-03-02"
const GREETING = "Bonjour Sarah,"
const SIGNATURE = "Bien cordialement,\nL'équipe CAB Formations"

const baseVars: TemplateVarsInput = {
  prenom: "Sarah",
  state_name: "EXAM_DATE_ASSIGNED_WAITING",
  primary_intent: "STATUT_DOSSIER",
  date_examen: "2026-04-28",
  date_cloture: "2026-04-01",
  identifiant_examt3p: "sarah.martin@example.org",
  mot_de_passe_examt3p: "Vtc-2026!k"
}

/** Validates a reply whose body is `body` (one paragraph per line), framed by greeting and signature. */
const check = (body: string, vars: TemplateVarsInput = {}, frame: { greeting?: string; signature?: string } = {}) => {
  const text = [frame.greeting ?? GREETING, body, frame.signature ?? SIGNATURE].join("\n\n")
  const html = text.split("\n\n").map((p) => `<p>${p.replace(/\n/g, "<br>")}</p>`).join("\n")
  return validateReply({ html, text, today: TODAY, vars: Schema.decodeUnknownSync(TemplateVars)({ ...baseVars, ...vars }) })
}
const codes = (r: ReturnType<typeof check>) => r.errors.map((e) => e.code)

describe("reply validator", () => {
  it("accepts a clean reply", () => {
    const r = check("Votre examen est prévu le mardi 28 avril 2026 (inscriptions jusqu'au 01/04/2026). Écrivez à doc@cab-formations.fr.")
    expect(r).toEqual({ ok: true, errors: [], warnings: [] })
  })

  it.each([
    "Votre fiche CRM est à jour.", "Statut Evalbox : VALIDE CMA.", "Le deal est gagné.", "Dossier BFS NP.",
    "Session CDJ confirmée.", "Cours cds du soir.", "Session cdj-visio-vtc-0413 réservée.", "Champ lookup vide.",
    "Erreur API.", "Référence deal_id manquante.", "Dossier 1456177001581548182.", "Le module Sessions."
  ])("rejects an internal term: %s", (body) => {
    expect(codes(check(body))).toContain("internal_term")
  })

  it("does not mistake ordinary French for internal terms", () => {
    expect(check("Une situation idéale, des cours du soir et un délai de 10 jours.").ok).toBe(true)
  })

  it("rejects an unresolved placeholder", () => {
    expect(codes(check("Bonjour {{prenom}}, voici votre dossier."))).toContain("unresolved_placeholder")
  })

  it("requires the greeting and the signature", () => {
    expect(codes(check("Voici votre dossier.", {}, { greeting: "Madame," }))).toContain("missing_greeting")
    expect(codes(check("Voici votre dossier.", {}, { signature: "À bientôt" }))).toContain("missing_signature")
  })

  it("rejects dates that are not in the decision's data, in any written form", () => {
    for (const body of ["Examen le mardi 5 mai 2026.", "Examen le 05/05/2026.", "Examen le 2026-05-05."]) {
      expect(codes(check(body))).toEqual(["unknown_date"])
    }
  })

  it("checks dates written without a year against the day and month of the data", () => {
    expect(check("Formation jusqu'au 28 avril, clôture le 01/04.").ok).toBe(true)
    expect(codes(check("Formation le 5 mai."))).toEqual(["unknown_date"])
    expect(codes(check("Formation le 05/05."))).toEqual(["unknown_date"])
    expect(codes(check("Votre examen du 17 février.", { date_examen: "2026-02-17" }))).toEqual(["past_date"])
    expect(check("Une note de 12/20 et un délai de 3 jours.").ok).toBe(true)
  })

  it("rejects past dates even when they are in the data", () => {
    expect(codes(check("Votre examen du mardi 17 février 2026.", { date_examen: "2026-02-17" }))).toEqual(["past_date"])
    expect(check("Votre examen du lundi 2 mars 2026.", { date_examen: "2026-03-02" }).ok).toBe(true)
  })

  it("rejects a list proposing more than five exam dates", () => {
    const dates = ["2026-04-07", "2026-04-14", "2026-04-21", "2026-04-28", "2026-05-05", "2026-05-12"]
    const next = dates.map((d) => ({ date_examen: d, date_cloture: "2026-03-20", departement: "75" }))
    const items = (n: number) => dates.slice(0, n).map((d) => `<li>examen le ${d.split("-").reverse().join("/")} (clôture 20/03/2026)</li>`).join("")
    const vars = Schema.decodeUnknownSync(TemplateVars)({ ...baseVars, next_dates: next })
    const html = (n: number) => `<p>${GREETING}</p><ul>${items(n)}</ul><p>${SIGNATURE.replace("\n", "<br>")}</p>`
    const text = `${GREETING}\n\nDates\n\n${SIGNATURE}`
    expect(validateReply({ html: html(5), text, today: TODAY, vars }).ok).toBe(true)
    expect(validateReply({ html: html(6), text, today: TODAY, vars }).errors.map((e) => e.code)).toEqual(["too_many_exam_dates"])
  })

  it("accepts only the school's e-mail addresses", () => {
    expect(codes(check("Écrivez à support@uber.com."))).toEqual(["foreign_email"])
    expect(check("Écrivez à doc@cab-formations.fr.").ok).toBe(true)
  })

  it("shows credentials only where the state or intent requires them", () => {
    const body = "Identifiant : sarah.martin@example.org\nMot de passe : Vtc-2026!k"
    expect(codes(check(body))).toEqual(expect.arrayContaining(["credentials_not_allowed", "foreign_email"]))
    expect(check(body, { primary_intent: "DEMANDE_IDENTIFIANTS" }).ok).toBe(true)
    expect(check(body, { primary_intent: "STATUT_DOSSIER", secondary_intents: ["ENVOIE_IDENTIFIANTS"] }).ok).toBe(true)
    expect(check(body, { state_name: "CONVOCATION_RECEIVED", primary_intent: "DEMANDE_CONVOCATION" }).ok).toBe(true)
    expect(codes(check("Votre code est Vtc-2026!k."))).toEqual(["credentials_not_allowed"])
  })

  it("mentions the 20 € price only to answer a cancellation", () => {
    expect(codes(check("Votre inscription de 20 € est confirmée."))).toEqual(["amount_20_not_allowed"])
    expect(codes(check("Votre inscription de 20 euros est confirmée."))).toEqual(["amount_20_not_allowed"])
    expect(check("L'inscription de 20 € n'est pas remboursable.", { primary_intent: "DEMANDE_ANNULATION" }).ok).toBe(true)
    expect(check("Les frais de 120 € et de 241 € sont pris en charge.").errors).toEqual([])
  })

  it("warns about odd amounts and odd lengths without blocking", () => {
    const r = check("Frais de 999 €.")
    expect(r.ok).toBe(true)
    expect(r.warnings.map((w) => w.code)).toEqual(["unexpected_amount"])
  })

  it("any internal term inserted anywhere in a valid reply blocks it (property)", () => {
    const terms = ["CRM", "Evalbox", "deal", "BFS", "CDJ", "CDS", "lookup", "API", "ticket_id"]
    fc.assert(fc.property(
      fc.constantFrom(...terms),
      fc.constantFrom("", "Note : ", "("),
      fc.constantFrom("", ".", " mis à jour.", ")"),
      (term, before, after) => {
        expect(codes(check(`Votre dossier avance. ${before}${term}${after}`))).toContain("internal_term")
      }
    ))
  })
})
