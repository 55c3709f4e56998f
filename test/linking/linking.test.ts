import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { candidateEmailFromThreads } from "../../src/services/rules/linking/candidateEmail.ts"
import { dealIdFromOpportunite, opportuniteUrl } from "../../src/services/rules/linking/dealRef.ts"
import { recommendDepartment } from "../../src/services/rules/linking/department.ts"
import { detectDuplicates, duplicateTypeOf } from "../../src/services/rules/linking/duplicates.ts"
import { linkDeal, type LinkingInput } from "../../src/services/rules/linking/linkDeal.ts"
import { mobilesInText, namesShareAWord, normalizeFrenchPhone, phoneSearchVariants } from "../../src/services/rules/linking/phone.ts"
import { selectDeal } from "../../src/services/rules/linking/selection.ts"
import { gmailReply, staffForward, thread } from "../triage/fixtures/mail.ts"
import { contact, deal, examLookup } from "./fixtures/crm.ts"

const today = "2026-03-10"
const noDuplicates = detectDuplicates({ candidateDeals: [], selected: undefined, candidate: undefined, otherDeals: [], contactsById: new Map() })

describe("cf_opportunite", () => {
  it.each([
    ["1456177001581548182", "1456177001581548182"],
    ["https://crm.zoho.eu/crm/org20071/tab/Potentials/1456177001581548182", "1456177001581548182"],
    ["https://crm.zoho.eu/crm/v3/Deals/1456177001581548183/notes", "1456177001581548183"],
    ["deal n° 14561770015 voir CRM", "14561770015"],
    ["", undefined],
    ["à vérifier", undefined]
  ])("%s → %s", (value, expected) => {
    expect(dealIdFromOpportunite(value)).toBe(expected)
  })
  it("writes the CRM URL of the selected deal", () => {
    expect(opportuniteUrl("123", "eu")).toBe("https://crm.zoho.eu/crm/tab/Potentials/123")
    expect(dealIdFromOpportunite(opportuniteUrl("1456177001590000101", "com"))).toBe("1456177001590000101")
  })
})

describe("phones (§3.2 step 5, §3.3)", () => {
  it.each([
    ["+33 6 12 34 56 78", "0612345678"], ["0033612345678", "0612345678"], ["612345678", "0612345678"],
    ["06.12.34.56.78", "0612345678"], ["33712345678", "0712345678"], ["01 23", undefined], [null, undefined]
  ])("normalize %s → %s", (raw, expected) => {
    expect(normalizeFrenchPhone(raw)).toBe(expected)
  })
  it("search variants and mobiles written in text", () => {
    expect(phoneSearchVariants("0612345678")).toEqual(["0612345678", "06 12 34 56 78", "+33612345678", "+33 6 12 34 56 78"])
    expect(mobilesInText("appelez le 07 11 22 33 44 ou +33 6 12 34 56 78, fixe 01 44 55 66 77")).toEqual(["0711223344", "0612345678"])
  })
  it("a phone match needs a shared name word (accents, case, ≥ 3 letters)", () => {
    expect(namesShareAWord("Hélène Dupré", "HELENE MARTIN")).toBe(true)
    expect(namesShareAWord("Al Ba", "Al Ba")).toBe(false)
    expect(namesShareAWord("Karim Benali", "Sofiane Haddad")).toBe(false)
  })
  it("property: normalisation is idempotent and yields 10 digits starting with 0", () => {
    fc.assert(fc.property(fc.stringMatching(/^(\+33 ?|0)[67]( ?\d\d){4}$/), (raw) => {
      const once = normalizeFrenchPhone(raw)
      expect(once).toMatch(/^0[67]\d{8}$/)
      expect(normalizeFrenchPhone(once)).toBe(once)
    }))
  })
})

describe("candidate e-mail from threads (§3.2 step 2)", () => {
  it("takes the newest inbound sender, skipping system addresses", () => {
    const threads = [
      thread("Notification", { from: "noreply@evalbox.com", createdTime: "2026-03-09T10:00:00Z" }),
      thread("Bonjour", { from: "Lina Haddad <Lina.H@gmail.com>", createdTime: "2026-03-08T10:00:00Z" })
    ]
    expect(candidateEmailFromThreads(threads, null)).toEqual({ email: "lina.h@gmail.com", viaForward: false })
  })
  it("an internal forward yields the forwarded candidate's address", () => {
    const threads = [thread(staffForward("Bonjour, où en est mon dossier ?", "Paul Martin <paul.m@orange.fr>"), { from: "sophie@cab-formations.fr" })]
    expect(candidateEmailFromThreads(threads, "sophie@cab-formations.fr")).toEqual({ email: "paul.m@orange.fr", viaForward: true })
  })
  it("falls back to the ticket e-mail", () => {
    expect(candidateEmailFromThreads([], "Karim <karim@gmail.com>").email).toBe("karim@gmail.com")
  })
})

describe("selection priorities P0–P5 (§3.2 step 7)", () => {
  const owner = contact()
  it.each<readonly [string, ReadonlyArray<Parameters<typeof deal>[1]>, number, string]>([
    ["P0: most recent won deal, whatever the amount", [{ Closing_Date: "2025-06-01" }, { Amount: 1299, Closing_Date: "2026-02-01" }], 1, "P0"],
    ["P0 falls back on Created_Time", [{ Closing_Date: null, Created_Time: "2026-02-01T10:00:00+01:00" }, { Closing_Date: null, Created_Time: "2025-02-01T10:00:00+01:00" }], 0, "P0"],
    ["P4: 20 € prospect before any other prospect", [{ Stage: "EN ATTENTE", Amount: 1299 }, { Stage: "EN ATTENTE" }], 1, "P4"],
    ["P5: any prospect", [{ Stage: "PERDU" }, { Stage: "EN ATTENTE", Amount: 990 }], 1, "P5"]
  ])("%s", (_name, shapes, expectedIndex, priority) => {
    const deals = shapes.map((shape) => deal(owner, shape))
    const selection = selectDeal(deals, noDuplicates, today)
    expect(selection?.deal.id).toBe(deals[expectedIndex]?.id)
    expect(selection?.priority).toBe(priority)
  })
  it("no won and no pending deal → nothing", () => {
    expect(selectDeal([deal(owner, { Stage: "PERDU" })], noDuplicates, today)).toBeUndefined()
  })
})

describe("duplicate Uber offer (§3.5)", () => {
  const owner = contact()
  const base = { selected: undefined, candidate: owner, otherDeals: [], contactsById: new Map([[owner.id, owner]]) }

  it.each<readonly [string, Parameters<typeof deal>[1], string]>([
    ["result on record", { Resultat: "NON ADMISSIBLE" }, "TRUE_DUPLICATE"],
    ["absent", { Resultat: "ABSENT TH" }, "TRUE_DUPLICATE"],
    ["convocation received", { Evalbox: "Convoc CMA reçue" }, "TRUE_DUPLICATE"],
    ["paid, at the CMA", { Evalbox: "Dossier Synchronisé" }, "RECOVERABLE_PAID"],
    ["refused by the CMA", { Evalbox: "Refusé CMA" }, "RECOVERABLE_REFUS_CMA"],
    ["never paid", { Evalbox: "Pret a payer" }, "RECOVERABLE_NOT_PAID"]
  ])("type of the oldest deal: %s → %s", (_name, fields, type) => {
    expect(duplicateTypeOf(deal(owner, fields))).toBe(type)
  })

  it("two won 20 € deals: the older with an ExamT3P account is worked on, the newer disabled", () => {
    const older = deal(owner, { Closing_Date: "2025-04-01", Evalbox: "Refusé CMA" })
    const newer = deal(owner, { Closing_Date: "2026-01-10" })
    const found = detectDuplicates({ ...base, candidateDeals: [newer, older] })
    expect(found).toMatchObject({ hasDuplicateUberOffer: true, duplicateType: "RECOVERABLE_REFUS_CMA", alreadyPaidToCma: true })
    expect(found.dealToWorkOn?.id).toBe(older.id)
    expect(found.dealToDisable?.id).toBe(newer.id)
  })

  it("two won 20 € deals, older without account: work on the newer", () => {
    const older = deal(owner, { Closing_Date: "2025-04-01", Evalbox: "Documents manquants" })
    const newer = deal(owner, { Closing_Date: "2026-01-10" })
    const found = detectDuplicates({ ...base, candidateDeals: [older, newer] })
    expect(found.dealToWorkOn?.id).toBe(newer.id)
    expect(found.alreadyPaidToCma).toBe(false)
  })

  it("one won deal with an exam result → offer already used", () => {
    expect(detectDuplicates({ ...base, candidateDeals: [deal(owner, { Resultat: "NON ADMIS" })] })).toMatchObject({ hasDuplicateUberOffer: true, offerAlreadyUsed: true })
    expect(detectDuplicates({ ...base, candidateDeals: [deal(owner)] }).hasDuplicateUberOffer).toBe(false)
  })

  it("a paid training bought after the Uber offer cancels the duplicate and is selected (P1.5)", () => {
    const deals = [deal(owner, { Closing_Date: "2025-01-01" }), deal(owner, { Closing_Date: "2025-06-01" }), deal(owner, { Amount: 1490, Closing_Date: "2026-02-01" })]
    const found = detectDuplicates({ ...base, candidateDeals: deals })
    expect(found.hasDuplicateUberOffer).toBe(false)
    expect(selectDeal(deals, found, today)).toMatchObject({ deal: { id: deals[2]?.id }, priority: "P1.5" })
  })

  describe("name + identity search", () => {
    const other = contact({ Email: "karim.b@yahoo.fr", Mobile: "0699887766" })
    const selected = deal(owner, { Numero_Permis: "12AB34567", CMA_de_depot: "75" })
    const contactsById = new Map([[owner.id, owner], [other.id, other]])
    const run = (match: Parameters<typeof deal>[1], otherContact = other) =>
      detectDuplicates({ candidateDeals: [selected], selected, candidate: owner, otherDeals: [deal(otherContact, { Closing_Date: "2024-05-01", ...match })], contactsById })

    it("same licence number → high confidence duplicate", () => {
      expect(run({ Numero_Permis: "12 ab 34567" })).toMatchObject({ hasDuplicateUberOffer: true, duplicateConfidence: "HIGH_CONFIDENCE" })
    })
    it("a different licence number excludes the match", () => {
      expect(run({ Numero_Permis: "99ZZ00000", CMA_de_depot: "75" })).toMatchObject({ hasDuplicateUberOffer: false, needsDuplicateConfirmation: false })
    })
    it("same CMA, different contact data → needs confirmation with the other dossier's contact info", () => {
      const found = run({ Numero_Permis: null, CMA_de_depot: "75" })
      expect(found).toMatchObject({ hasDuplicateUberOffer: false, needsDuplicateConfirmation: true, duplicateConfidence: "NEEDS_CONFIRMATION" })
      expect(found.duplicateContactInfo).toMatchObject({ duplicateEmail: "karim.b@yahoo.fr", duplicatePhone: "0699887766" })
    })
    it("same CMA and same phone → high confidence", () => {
      const samePhone = contact({ Email: "autre@gmail.com", Mobile: "+33 6 12 34 56 78" })
      contactsById.set(samePhone.id, samePhone)
      expect(run({ Numero_Permis: null, CMA_de_depot: "75" }, samePhone).duplicateConfidence).toBe("HIGH_CONFIDENCE")
    })
    it("a different person's name never matches", () => {
      const stranger = contact({ First_Name: "Sofiane", Last_Name: "Haddad" })
      expect(run({ Numero_Permis: "12AB34567" }, stranger).hasDuplicateUberOffer).toBe(false)
    })
  })
})

describe("department recommendation (§3.4)", () => {
  const owner = contact()
  it.each<readonly [string, ReadonlyArray<Parameters<typeof deal>[1]>, string, string, string | undefined]>([
    ["Uber deal, plain question", [{}], "", "Bonjour, où en est mon dossier ?", "DOC"],
    ["Uber deal, other service", [{}], "Location véhicule", "Je veux louer un véhicule pour l'examen pratique", "Contact"],
    ["other service but future exam", [{ Date_examen_VTC: examLookup("2026-05-26") }], "", "je voudrais une formation pratique", "DOC"],
    ["other service, past exam", [{ Date_examen_VTC: examLookup("2026-01-26") }], "", "je voudrais une formation pratique", "Contact"],
    ["documents for a dossier at the CMA", [{ Evalbox: "Documents refusés", Date_Dossier_re_u: "2026-01-05" }], "", "Ci-joint mon justificatif", "Refus CMA"],
    ["documents but nothing received yet", [{ Evalbox: "Documents refusés" }], "", "Ci-joint mon justificatif", "DOC"],
    ["refused dossier without documents", [{ Evalbox: "Refusé CMA", Date_Dossier_re_u: "2026-01-05" }], "", "Pourquoi refusé ?", "DOC"],
    ["Uber prospect stays in DOC", [{ Stage: "EN ATTENTE" }], "", "Comment ça marche ?", "DOC"],
    ["classic deal, documents in subject", [{ Amount: 1299 }], "Documents", "Bonjour", "DOCS CAB"],
    ["classic deal, question", [{ Amount: 1299 }], "", "Quand commence la formation ?", "Contact"],
    ["only lost deals", [{ Stage: "PERDU", Amount: 1299 }], "", "Bonjour", undefined]
  ])("%s → %s", (_name, shapes, subject, message, expected) => {
    expect(recommendDepartment(shapes.map((shape) => deal(owner, shape)), subject, message, today).department).toBe(expected)
  })
})

describe("linkDeal over the case file (§3.2)", () => {
  const input = (overrides: Partial<LinkingInput>): LinkingInput => ({
    ticket: { email: null, cf: {} }, subject: "", lastInboundMessage: "Bonjour", threads: [], contacts: [], deals: [], today, ...overrides
  })

  it("cf_opportunite wins and gathers the deals of every contact sharing the owner's e-mail", () => {
    const a = contact()
    const b = contact({ Mobile: null })
    const linked = deal(a, { Closing_Date: "2025-01-01", Amount: 1299 })
    const sibling = deal(b, { Closing_Date: "2026-02-01" })
    const result = linkDeal(input({ ticket: { cf: { cf_opportunite: `https://crm.zoho.eu/crm/tab/Potentials/${linked.id}` } }, contacts: [a, b], deals: [linked, sibling] }))
    expect(result).toMatchObject({ linkSource: "cf_opportunite", selectionPriority: "cf_opportunite", selectedDeal: { id: linked.id } })
    expect(result.allDeals.map((d) => d.id).sort()).toEqual([linked.id, sibling.id].sort())
  })

  it("unknown e-mail → candidate_not_found; known contact without deals → no_deal_for_contact", () => {
    const threads = [thread("Bonjour", { from: "x@gmail.com" })]
    expect(linkDeal(input({ threads }))).toMatchObject({ needsClarification: true, clarificationReason: "candidate_not_found", email: "x@gmail.com" })
    const c = contact({ Email: "x@gmail.com" })
    expect(linkDeal(input({ threads, contacts: [c] }))).toMatchObject({ needsClarification: true, clarificationReason: "no_deal_for_contact" })
  })

  it("an alternative e-mail written by the candidate is tried", () => {
    const c = contact({ Email: "ancien.mail@hotmail.fr" })
    const d = deal(c)
    const threads = [thread(gmailReply("Bonjour, essayez avec mon ancienne adresse ancien.mail@hotmail.fr"), { from: "nouveau@gmail.com" })]
    expect(linkDeal(input({ threads, contacts: [c], deals: [d] }))).toMatchObject({ linkSource: "alternative_email", alternativeEmailUsed: "ancien.mail@hotmail.fr", selectedDeal: { id: d.id } })
  })

  it("phone fallback merges a same-name contact holding a won 20 € deal, never another person", () => {
    const byMail = contact({ Email: "k@gmail.com", Mobile: "06 12 34 56 78" })
    const prospect = deal(byMail, { Stage: "EN ATTENTE" })
    const sameName = contact({ Email: "autre@gmail.com", Phone: "+33612345678", Mobile: null })
    const won = deal(sameName)
    const stranger = contact({ First_Name: "Sofiane", Last_Name: "Haddad", Email: "s@gmail.com", Mobile: "0612345678" })
    const strangerDeal = deal(stranger)
    const threads = [thread("Bonjour", { from: "k@gmail.com" })]
    const result = linkDeal(input({ threads, contacts: [byMail, sameName, stranger], deals: [prospect, won, strangerDeal] }))
    expect(result).toMatchObject({ linkSource: "phone", phoneUsed: "0612345678", selectedDeal: { id: won.id } })
    expect(result.allDeals.map((d) => d.id)).not.toContain(strangerDeal.id)
  })

  it("property: the selected deal always belongs to the candidate's deals", () => {
    const shape = fc.record({
      Amount: fc.constantFrom(20, 1299), Stage: fc.constantFrom("GAGNÉ", "EN ATTENTE", "PERDU"),
      Closing_Date: fc.constantFrom("2024-05-01", "2025-05-01", "2026-01-01", null),
      Evalbox: fc.constantFrom(null, "Dossier Synchronisé", "Refusé CMA", "VALIDE CMA"),
      Resultat: fc.constantFrom(null, "ADMISSIBLE", "NON ADMIS")
    })
    fc.assert(fc.property(fc.array(shape, { maxLength: 5 }), (shapes) => {
      const c = contact({ Email: "p@gmail.com" })
      const deals = shapes.map((s) => deal(c, s))
      const result = linkDeal(input({ threads: [thread("Bonjour", { from: "p@gmail.com" })], contacts: [c], deals }))
      if (result.selectedDeal !== undefined) expect(deals.map((d) => d.id)).toContain(result.selectedDeal.id)
      expect(result.needsClarification).toBe(deals.length === 0)
    }), { numRuns: 200 })
  })
})
