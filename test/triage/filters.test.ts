import { describe, expect, it } from "@effect/vitest"
import { attachmentRuleFires, isDocumentSubmission, isRealAttachment } from "../../src/services/triage/filters/documents.ts"
import { bounceFilter, cmaFilter, isNoReplySender, spamFilter } from "../../src/services/triage/filters/senderFilters.ts"
import { containsAny } from "../../src/services/triage/text/normalize.ts"
import { thread } from "./fixtures/mail.ts"

describe("bounce and spam (§2.3 rules 1–2)", () => {
  it.each([
    ["Undeliverable: Votre dossier VTC", ""],
    ["Delivery Status Notification (Failure)", ""],
    ["", "Reporting-MTA: dns; mx.google.com\nFinal-Recipient: rfc822; karim@gmial.com"],
    ["Mail Delivery Subsystem", "Message not delivered"]
  ])("bounce: %s", (subject, message) => {
    expect(bounceFilter(subject, message)).toMatchObject({ action: "BOUNCE", method: "bounce_filter" })
  })
  it("spam keywords stop the ticket, ordinary mail does not", () => {
    expect(spamFilter("Gagnez au CASINO", "")).toMatchObject({ action: "SPAM" })
    expect(spamFilter("", "Bitcoin gratuit pour vous")).toMatchObject({ action: "SPAM" })
    expect(spamFilter("Examen", "Je voudrais reporter mon examen")).toBeUndefined()
    expect(bounceFilter("Examen", "Je voudrais reporter mon examen")).toBeUndefined()
  })
  it("keywords match whole words only", () => {
    expect(containsAny("Je vais assister à la formation", ["sst"])).toBe(false)
    expect(containsAny("formation SST", ["sst"])).toBe(true)
    expect(containsAny("mes documents", ["document"])).toBe(true)
  })
})

describe("CMA senders (§2.3 rule 3)", () => {
  const cases: ReadonlyArray<readonly [string, string, string, string | undefined]> = [
    ["incomplete", "Madame, Monsieur, nous vous informons que le dossier de M. Benali est incomplet : pièce d'identité illisible.", "CMA_NOTIFICATION", "DOSSIER_INCOMPLET"],
    ["still incomplete", "Bonjour, après vérification, le dossier reste toujours en incomplet malgré le dernier envoi.", "CMA_NOTIFICATION", "DOSSIER_INCOMPLET"],
    ["validated", "Bonjour, nous vous confirmons que votre dossier n°00038886 est complet et a été transmis au jury.", "CMA_NOTIFICATION", "DOSSIER_VALIDE"],
    ["validated (a été validé)", "Bonjour, le dossier du candidat a été validé par nos services. Cordialement, la CMA.", "CMA_NOTIFICATION", "DOSSIER_VALIDE"],
    ["batch mail is never 'incomplet'", "Bonjour, veuillez trouver la liste des candidats dans le tableau ci-dessous : dossier incomplet pour 3 d'entre eux.", "CMA_OTHER", undefined],
    ["other CMA mail", "Bonjour, les convocations seront envoyées la semaine prochaine.", "CMA_OTHER", undefined]
  ]
  it.each(cases)("%s", (_name, body, action, type) => {
    const verdict = cmaFilter("Service examens <examens@cma-idf.fr>", body)
    expect(verdict?.action).toBe(action)
    expect(verdict?.cmaType).toBe(type)
  })
  it("reads only the CMA's own text, not the quoted candidate mail below it", () => {
    const body = "Bonjour, nous accusons réception de votre message et revenons vers vous.\n\nLe 2 mars 2026, Karim a écrit :\nmon dossier est incomplet ?"
    expect(cmaFilter("examens@cma-hautsdefrance.fr", body)?.action).toBe("CMA_OTHER")
  })
  it("non-CMA senders are not concerned", () => {
    expect(cmaFilter("karim@gmail.com", "dossier incomplet")).toBeUndefined()
    expect(cmaFilter("info@cmarketing.fr", "dossier incomplet")).toBeUndefined()
  })
})

describe("no-reply senders (§2.3 rule 4, R27)", () => {
  it.each([
    ["ExamT3P <notifications@exament3p.fr>", true],
    ["noreply@exament3p.fr", true],
    ["\"Plateforme\" <no-reply@exament3p.fr>", true],
    ["Aircall <noreply@notify.aircall.io>", true],
    ["notification@zohodesk.com", true],
    ["noreply.karim@gmail.com", false],
    ["karim.benali75@gmail.com", false]
  ])("%s → %s", (sender, expected) => {
    expect(isNoReplySender(sender)).toBe(expected)
  })
})

describe("document submission vs document question (§2.4, R24, R25)", () => {
  it.each([
    ["Ci-joint mon permis de conduire recto verso.", true],
    ["Je vous transmets mon justificatif de domicile", true],
    ["Voici ma pièce d'identité et le récépissé", true],
    ["Facture", true],
    ["Facture : j'ai besoin d'une facture svp", false],
    ["Est-ce que je dois envoyer mon passeport ?", false],
    ["Je n'ai pas de justificatif de domicile à mon nom, ci-joint une attestation", false],
    ["Quel format pour le permis de conduire", false],
    ["Bonjour, où en est mon dossier", false]
  ])("%s → %s", (text, expected) => {
    expect(isDocumentSubmission(text)).toBe(expected)
  })
})

describe("attachment rule (§2.3 rule 16)", () => {
  it("ignores logos, signatures and small inline images", () => {
    expect(isRealAttachment({ name: "logo_entreprise.png", size: 200_000 })).toBe(false)
    expect(isRealAttachment({ name: "image001.jpg", size: 12_000 })).toBe(false)
    expect(isRealAttachment({ name: "photo_permis.jpg", size: 12_000 })).toBe(false)
    expect(isRealAttachment({ name: "photo_permis.jpg", size: 1_200_000 })).toBe(true)
    expect(isRealAttachment({ fileName: "justificatif.pdf", size: 30_000 })).toBe(true)
  })
  it("fires only with a real attachment and a document word", () => {
    const withPdf = [thread("Bonjour, voici mon permis", { attachments: [{ name: "permis.pdf", size: 300_000 }] })]
    const withLogo = [thread("Bonjour, voici mon permis", { attachments: [{ name: "signature.png", size: 300_000 }] })]
    expect(attachmentRuleFires(withPdf, "Dossier", "Bonjour, voici mon permis")).toBe(true)
    expect(attachmentRuleFires(withPdf, "Question", "Bonjour, quand est l'examen ?")).toBe(false)
    expect(attachmentRuleFires(withLogo, "Dossier", "Bonjour, voici mon permis")).toBe(false)
  })
})
