import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import {
  answerMatches, duplicatePendingNote, Markers, parseStoredDuplicate, pendingClarification, resolveIdentityClarification
} from "../../src/services/rules/linking/clarification.ts"
import { contact, deal } from "./fixtures/crm.ts"

describe("pending clarification markers (§3.6)", () => {
  it("finds the newest pending marker unless a resolution marker is newer", () => {
    const pending = { content: duplicatePendingNote({ dealId: "111", dealName: "BFS NP Karim BENALI", duplicateType: "RECOVERABLE_PAID", email: "k@yahoo.fr", phone: "0699887766", originalIntent: "STATUT_DOSSIER" }), commentedTime: "2026-03-01T10:00:00Z" }
    expect(pendingClarification([pending])).toMatchObject({ kind: "duplicate", dealId: "111", stored: { email: "k@yahoo.fr", phone: "0699887766", originalIntent: "STATUT_DOSSIER", duplicateType: "RECOVERABLE_PAID" } })
    const resolved = { content: `ok ${Markers.duplicateVerified}`, commentedTime: "2026-03-02T10:00:00Z" }
    expect(pendingClarification([pending, resolved])).toBeUndefined()
    expect(pendingClarification([{ content: Markers.identityPending, commentedTime: "2026-03-03T10:00:00Z" }, resolved])).toEqual({ kind: "identity" })
    expect(pendingClarification([{ content: "@agent merci de vérifier" }])).toBeUndefined()
  })

  it("property: the pending note reads back what it stored", () => {
    fc.assert(fc.property(
      fc.stringMatching(/^\d{10,19}$/), fc.emailAddress(), fc.stringMatching(/^0[67]\d{8}$/), fc.constantFrom("STATUT_DOSSIER", "REPORT_DATE", undefined),
      (dealId, email, phone, intent) => {
        const note = duplicatePendingNote({ dealId, dealName: undefined, duplicateType: undefined, email, phone, originalIntent: intent })
        const read = pendingClarification([{ content: note }])
        expect(read).toMatchObject({ kind: "duplicate", dealId, stored: { email: email.toLowerCase(), phone, originalIntent: intent } })
      }
    ))
  })

  it("the answer matches on the exact e-mail (any case) or the normalised mobile", () => {
    const stored = { email: "k.benali@yahoo.fr", phone: "0699887766", originalIntent: undefined, duplicateType: undefined }
    expect(answerMatches("c'était K.Benali@Yahoo.fr", stored)).toBe(true)
    expect(answerMatches("mon numéro : +33 6 99 88 77 66", stored)).toBe(true)
    expect(answerMatches("k.benali@yahoo.com et 06 00 00 00 00", stored)).toBe(false)
  })

  it("identity variant: a won 20 € deal found through the given e-mail → recoverable", () => {
    const old = contact({ Email: "ancien@gmail.com" })
    const paid = deal(old, { Evalbox: "Dossier Synchronisé" })
    expect(resolveIdentityClarification("mon ancien mail : ancien@gmail.com", [old], [paid])).toMatchObject({ action: "DUPLICATE_RECOVERABLE", dealId: paid.id, duplicateType: "RECOVERABLE_PAID" })
    const notFound = resolveIdentityClarification("je ne sais plus", [old], [paid])
    expect(notFound.action).toBe("GO")
    expect(notFound.ticketNote).toContain(Markers.identitySearchCompleted)
  })
})
