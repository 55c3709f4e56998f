import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { extractCustomerMessage } from "../../src/services/triage/message/customerMessage.ts"
import { extractForwarded } from "../../src/services/triage/message/forward.ts"
import { stripQuotedHistory } from "../../src/services/triage/message/quoted.ts"
import { gmailReply, html, iphoneReply, outlookReply, staffForward, thread } from "./fixtures/mail.ts"

const ask = "Bonjour, je voudrais savoir où en est mon dossier d'inscription à l'examen VTC, merci."

describe("quoted history is removed (§2.2)", () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ["Gmail quote container", gmailReply(ask, "SECRET-HISTORY votre dossier est complet")],
    ["Outlook De/Objet header block", outlookReply(ask, "SECRET-HISTORY merci de renvoyer le permis")],
    ["iPhone 'a écrit' + > lines", iphoneReply(ask, "SECRET-HISTORY date du 31/03")],
    ["Message d'origine separator", `${ask}\n\n-----Message d'origine-----\nDe : CAB\nSECRET-HISTORY`],
    ["plain blockquote", `<p>${ask}</p><blockquote>SECRET-HISTORY ancien message</blockquote>`],
    ["Outlook divRplyFwdMsg", `<div>${ask}</div><div id="divRplyFwdMsg"><b>De :</b> CAB<br>SECRET-HISTORY</div>`],
    ["English 'wrote:'", `${ask}\n\nOn Mon, 2 Mar 2026 at 14:05, CAB <doc@cab-formations.fr> wrote:\nSECRET-HISTORY`],
    ["underscore separator", `${ask}\n__________\nSECRET-HISTORY`],
    ["two-line 'Le … a écrit :'", `${ask}\n\nLe lun. 2 mars 2026 à 14:05, CAB Formations <doc@cab-formations.fr>\na écrit :\nSECRET-HISTORY`]
  ]
  it.each(cases)("%s", (_name, body) => {
    const result = stripQuotedHistory(body)
    expect(result.text).toContain("où en est mon dossier")
    expect(result.text).not.toContain("SECRET-HISTORY")
    expect(result.quotedContentFallback).toBe(false)
  })

  it("keeps the original when stripping leaves < 30 chars of ≥ 50", () => {
    const result = stripQuotedHistory(iphoneReply("ok", "Bonjour, la prochaine date d'examen est le 31/03/2026 à Paris."))
    expect(result.quotedContentFallback).toBe(true)
    expect(result.text).toContain("31/03/2026")
  })

  it("decodes HTML entities and line breaks", () => {
    expect(stripQuotedHistory(html("J'ai reçu l'e-mail &amp; la facture")).text).toBe("J'ai reçu l'e-mail & la facture")
  })
})

describe("forwards from staff", () => {
  it("extracts the candidate's text and address from a Gmail forward", () => {
    const forwarded = extractForwarded(staffForward("Bonjour, je n'ai pas reçu ma convocation.\nMerci"))
    expect(forwarded?.sender).toBe("karim.benali75@gmail.com")
    expect(forwarded?.text).toContain("je n'ai pas reçu ma convocation")
    expect(forwarded?.text).not.toContain("je vous transfère")
  })

  it("unwraps a forward of a forward until the external sender", () => {
    const inner = "---------- Forwarded message ---------\nDe: Lina Haddad <lina.h@gmail.com>\nDate: 1 mars 2026\nSubject: examen\n\nBonjour, je souhaite reporter mon examen."
    const outer = `Pour info\n---------- Forwarded message ---------\nFrom: Sophie <sophie@cab-formations.fr>\nDate: 2 mars 2026\nSubject: Fwd: examen\n\n${inner}`
    const forwarded = extractForwarded(outer)
    expect(forwarded?.sender).toBe("lina.h@gmail.com")
    expect(forwarded?.text).toBe("Bonjour, je souhaite reporter mon examen.")
  })

  it("reads Apple Mail forwards", () => {
    const body = "<div>À traiter svp</div><div>Début du message transféré :</div><blockquote><div><b>De : </b>Paul Martin &lt;paul.m@orange.fr&gt;</div><div><b>Objet : </b>Dossier</div><div><b>Date : </b>2 mars 2026</div><br><div>Bonjour, voici où j'en suis avec mes documents.</div></blockquote>"
    const forwarded = extractForwarded(body)
    expect(forwarded?.sender).toBe("paul.m@orange.fr")
    expect(forwarded?.text).toContain("voici où j'en suis")
  })

  it("an internal sender's forward becomes the customer message, with the forwarded sender", () => {
    const result = extractCustomerMessage([thread(staffForward("Bonjour, où en est mon dossier ?"), { from: "Sophie <sophie@cab-formations.fr>" })])
    expect(result.text).toBe("Bonjour, où en est mon dossier ?")
    expect(result.parts[0]?.forwardedFrom).toBe("karim.benali75@gmail.com")
  })
})

describe("thread selection", () => {
  const t = (content: string, createdTime: string, extra: Parameters<typeof thread>[1] = {}) => thread(content, { createdTime, ...extra })
  const long = (n: number) => `Message numéro ${n} : ${"je voudrais des précisions sur mon inscription à l'examen VTC. ".repeat(2)}`

  it("ignores drafts, stops at our last reply, keeps at most three recent messages, newest first", () => {
    const threads = [
      t(long(1), "2026-03-01T10:00:00Z"),
      t("Notre réponse", "2026-03-02T10:00:00Z", { direction: "out", from: "doc@cab-formations.fr" }),
      t(long(2), "2026-03-03T10:00:00Z"),
      t(long(3), "2026-03-04T10:00:00Z"),
      t(long(4), "2026-03-05T10:00:00Z"),
      t(long(5), "2026-03-06T10:00:00Z"),
      t("Brouillon en cours", "2026-03-07T10:00:00Z", { direction: "out", status: "DRAFT" })
    ]
    const result = extractCustomerMessage(threads)
    expect(result.parts.map((part) => part.text.slice(0, 17))).toEqual(["Message numéro 5 ", "Message numéro 4 ", "Message numéro 3 "])
    expect(result.text.split("\n---\n")).toHaveLength(3)
    expect(result.incomingSinceLastReply).toHaveLength(4)
    expect(result.text).not.toContain("numéro 1")
  })

  it("keeps the newest message even when short, drops later short ones and skip patterns", () => {
    const threads = [
      t("Voir mon message précédent svp, lisez mon mail", "2026-03-06T10:00:00Z"),
      t("Merci", "2026-03-05T10:00:00Z"),
      t("ok", "2026-03-04T10:00:00Z")
    ]
    const result = extractCustomerMessage(threads)
    expect(result.parts.map((part) => part.text)).toEqual(["Merci"])
  })

  it("returns an empty message when the newest thread is ours", () => {
    const result = extractCustomerMessage([t("Réponse", "2026-03-06T10:00:00Z", { direction: "out" }), t(long(1), "2026-03-01T10:00:00Z")])
    expect(result.text).toBe("")
    expect(result.latestIncomingThreadId).toBeUndefined()
  })
})

describe("property: extraction never returns quoted history", () => {
  const word = fc.stringMatching(/^[a-zà-ü]{2,9}$/)
  const customerText = fc.array(word, { minLength: 8, maxLength: 30 }).map((words) => `Bonjour ${words.join(" ")} merci`)
  const wrapper = fc.constantFrom(
    (text: string, quoted: string) => gmailReply(text, quoted),
    (text: string, quoted: string) => outlookReply(text, quoted),
    (text: string, quoted: string) => iphoneReply(text, quoted),
    (text: string, quoted: string) => `${html(text)}<blockquote>${quoted}</blockquote>`,
    (text: string, quoted: string) => `${text}\n\n-----Original Message-----\nFrom: CAB\n${quoted}`,
    (text: string, quoted: string) => `${text}\n\nLe 3 mars 2026 à 09:00, CAB <doc@cab-formations.fr> a écrit :\n${quoted}`
  )
  it("for every wrapper and text, the sentinel of the quoted part never comes back", () => {
    fc.assert(
      fc.property(customerText, fc.array(word, { maxLength: 20 }), wrapper, (text, quotedWords, wrap) => {
        const quoted = `QUOTEDSENTINEL ${quotedWords.join(" ")}`
        const result = extractCustomerMessage([thread(wrap(text, quoted))])
        expect(result.text).not.toContain("QUOTEDSENTINEL")
        expect(result.text.length).toBeGreaterThanOrEqual(30)
      }),
      { numRuns: 300 }
    )
  })
})
