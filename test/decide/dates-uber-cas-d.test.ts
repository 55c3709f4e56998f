/**
 * Uber CAS D follow-up (§1.4 step 4, §7.3): after our CAS D reply, a new address from the
 * candidate is acknowledged in the reply and handed to a person in a private note.
 */
import { describe, expect, it } from "@effect/vitest"
import { decide } from "../../src/pipeline/decide/index.ts"
import { uberAlternativeEmail, type AlternativeEmailInput } from "../../src/pipeline/decide/uberAlternativeEmail.ts"
import { decoded, fixtureJson, GO, templates, type Json } from "./caseFiles.ts"

const SENT = "bonjour, votre adresse n'est pas reliée à un compte uber driver actif. vérifiez l'adresse utilisée."
const base: AlternativeEmailInput = {
  uberCaseD: true, previousReplies: SENT, providedEmail: null,
  message: "Voici la bonne adresse : Samir.Driver@example.com", knownEmails: ["samir.haddad@example.fr"]
}

describe("uberAlternativeEmail", () => {
  it.each([
    ["a new address in the message", {}, "samir.driver@example.com"],
    ["the triage's provided e-mail comes first", { providedEmail: "autre@example.org" }, "autre@example.org"],
    ["CAS D not raised", { uberCaseD: false }, null],
    ["CAS D never sent", { previousReplies: "bonjour, votre dossier avance." }, null],
    ["only known addresses", { message: "mon adresse est samir.haddad@example.fr" }, null],
    ["our own address is not the candidate's", { message: "j'ai écrit à doc@cab-formations.fr" }, null],
    ["no address at all", { message: "j'ai bien un compte Uber" }, null]
  ])("%s", (_label, over, expected) => {
    expect(uberAlternativeEmail({ ...base, ...over })).toBe(expected)
  })
})

/** The GO candidate, Uber documents received a month ago, Uber says no active driver account. */
const casD = (message: string, sentBefore: boolean): Json => {
  const json = fixtureJson(GO)
  const deal = json.deals[0]
  deal.Compte_Uber = false
  deal.Date_examen_VTC = { name: "75_2026-04-27", id: "1456177001500000427" }
  json.dealNotes = []
  json.dealTimeline = null
  json.llmTriage.primary_intent = "QUESTION_GENERALE"
  json.llmTriage.secondary_intents = []
  const [inbound, outbound] = json.threads
  inbound.plainText = message
  inbound.content = `<div>${message}</div>`
  if (sentBefore) {
    outbound.plainText = "Bonjour Samir, votre adresse n'est pas reliée à un compte Uber Driver actif. L'équipe CAB Formations"
    outbound.content = `<div>${outbound.plainText}</div>`
  }
  return json
}

describe("through decide", () => {
  it("the new address is acknowledged and a private note asks a person to check it with Uber", () => {
    const d = decide(decoded(casD("Bonjour, mon compte Uber est sous l'adresse samir.driver@example.com. Merci", true)), templates)
    expect(d.templateVars.uber_cas_d_email_received).toBe(true)
    expect(d.reply?.sections).toContain("alert:uber_cas_d_email_received")
    expect(d.reply?.text).toContain("samir.driver@example.com")
    expect(d.reply?.validation.errors).toEqual([])
    const notes = d.actions.flatMap((a) => (a._tag === "AddTicketComment" ? [a.payload] : []))
    expect(notes).toContainEqual(expect.objectContaining({ isPublic: false, content: expect.stringContaining("samir.driver@example.com") }))
    // the contact's e-mail is not changed automatically (DEV-D18)
    expect(d.actions.some((a) => a._tag === "UpdateDeal" && "Email" in a.payload)).toBe(false)
  })

  it("without an earlier CAS D reply the CAS D block is given, not the acknowledgement", () => {
    const d = decide(decoded(casD("Bonjour, mon compte Uber est sous l'adresse samir.driver@example.com.", false)), templates)
    expect(d.templateVars.uber_cas_d_email_received).not.toBe(true)
    expect(d.reply?.sections).toContain("alert:uber_cas_d")
  })
})
