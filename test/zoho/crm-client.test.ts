import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { fixedWorld } from "../../src/sandbox/index.ts"
import { allOf, anyOf, condition } from "../../src/services/zoho/index.ts"
import { setup } from "./support.ts"

describe("CRM client against the sandbox", () => {
  it.live("searches deals and contacts by criteria, email, phone and word; 204 is an empty list", () =>
    Effect.gen(function* () {
      const { crm, sandbox } = yield* setup()
      const contact = sandbox.world.crm["Contacts"]?.[0] ?? {}
      const email = String(contact["Email"])
      const byCriteria = yield* crm.searchDeals({ criteria: condition("Email", "equals", email) })
      expect(byCriteria.map((d) => d.Email)).toEqual([email])
      expect(byCriteria[0]?.Contact_Name?.id).toBe(contact["id"])
      expect((yield* crm.searchContacts({ email })).map((c) => c.id)).toEqual([contact["id"]])
      const phone = String(contact["Phone"])
      const spaced = phone.replace(/(\d{2})(?=\d)/g, "$1 ")
      expect((yield* crm.searchContacts({ phone: spaced })).map((c) => c.id)).toEqual([contact["id"]])
      const word = yield* crm.searchDeals({ word: String(contact["Last_Name"]) })
      expect(word.length).toBeGreaterThanOrEqual(1)
      expect(word.every((d) => (d.Deal_Name ?? "").includes(String(contact["Last_Name"])))).toBe(true)
      expect(yield* crm.searchDeals({ email: "personne@nulle-part.example" })).toEqual([])
      const statuses = (yield* sandbox.requests).filter((r) => r.path.endsWith("/search")).map((r) => r.status)
      expect(statuses.at(-1)).toBe(204)
    }).pipe(Effect.scoped)
  )

  it.live("follows more_records across pages and stops at maxPages", () =>
    Effect.gen(function* () {
      const { crm, sandbox } = yield* setup({ world: fixedWorld({ tickets: 450 }) })
      const won = sandbox.world.crm["Deals"]?.filter((d) => d["Stage"] === "GAGNÉ") ?? []
      const criteria = condition("Stage", "equals", "GAGNÉ")
      const page1 = yield* crm.searchDealsPage({ criteria }, 1, 10)
      expect(page1.records).toHaveLength(10)
      expect(page1.moreRecords).toBe(true)
      const page4 = yield* crm.searchDealsPage({ criteria }, 4, 10)
      expect(page4.moreRecords).toBe(won.length > 40)
      const all = yield* crm.searchDeals({ criteria })
      expect(won.length).toBeGreaterThan(200)
      expect(all.map((d) => d.id).sort()).toEqual(won.map((d) => String(d["id"])).sort())
      const capped = yield* crm.searchDeals({ criteria }, 1)
      expect(capped).toHaveLength(200)
      const pages = (yield* sandbox.requests).filter((r) => r.path.endsWith("/Deals/search")).map((r) => [r.query["page"], r.query["per_page"]])
      expect(pages.slice(2)).toEqual([["1", "200"], ["2", "200"], ["1", "200"]])
    }).pipe(Effect.scoped)
  )

  it.live("gets deals, contacts, exam dates and sessions; module searches; related deals, notes and timeline", () =>
    Effect.gen(function* () {
      const { crm, sandbox } = yield* setup()
      const deal = sandbox.world.crm["Deals"]?.[1] ?? {}
      const dealId = String(deal["id"])
      const got = yield* crm.getDeal(dealId)
      expect(got.Deal_Name).toBe(deal["Deal_Name"])
      expect(got.MDP_EVALBOX).toBe(deal["MDP_EVALBOX"])
      const contactId = String((deal["Contact_Name"] as { id: string }).id)
      expect((yield* crm.getContact(contactId)).First_Name).toBe("Sophie")
      expect((yield* crm.contactDeals(contactId)).map((d) => d.id)).toEqual([dealId])
      const notes = yield* crm.dealNotes(dealId)
      expect(notes.map((n) => n.Note_Title)).toEqual(["Inscription"])
      // a case file holds the notes of several deals: each note says which deal it belongs to
      expect(notes.map((n) => (typeof n.Parent_Id === "object" ? n.Parent_Id?.id : n.Parent_Id))).toEqual([dealId])
      const timeline = yield* crm.dealTimeline(dealId)
      expect(timeline[0]?.field_history?.[0]?.api_name).toBe("Evalbox")
      const dates = yield* crm.searchExamDates(
        allOf(anyOf(condition("Statut", "equals", "Actif"), condition("Statut", "equals", null)), condition("Departement", "equals", "34"))
      )
      expect(dates.map((d) => d.Statut)).toEqual(["Actif", "Actif"])
      expect(dates.every((d) => String(d.Name).startsWith("34_"))).toBe(true)
      const examDate = yield* crm.getExamDate(dates[0]?.id ?? "")
      expect(examDate.Name).toBe(dates[0]?.Name)
      const sessions = yield* crm.searchSessions(condition("Name", "starts_with", "cds"))
      expect(sessions.map((s) => s.Name.slice(0, 3))).toEqual(["cds", "cds"])
      expect((yield* crm.getSession(sessions[0]?.id ?? "")).Date_d_but).toBe(sessions[0]?.Date_d_but)
      const missing = yield* Effect.either(crm.getDeal("1"))
      expect(Either.isLeft(missing) && missing.left.reason).toBe("NotFound")
      const timelinePath = (yield* sandbox.requests).find((r) => r.path.endsWith("/__timeline"))?.path
      expect(timelinePath).toBe(`/crm/v8/Deals/${dealId}/__timeline`)
    }).pipe(Effect.scoped)
  )

  it.live("updates a deal and a contact, creates a deal note, and logs each write with its record id", () =>
    Effect.gen(function* () {
      const { crm, sandbox } = yield* setup()
      const deal = sandbox.world.crm["Deals"]?.[0] ?? {}
      const dealId = String(deal["id"])
      const result = yield* crm.updateDeal(dealId, { Evalbox: "VALIDE CMA", Preference_horaire: "soir" })
      expect(result.code).toBe("SUCCESS")
      expect((yield* crm.getDeal(dealId)).Evalbox).toBe("VALIDE CMA")
      const contactId = String((deal["Contact_Name"] as { id: string }).id)
      yield* crm.updateContact(contactId, { Email: "nouvelle.adresse@example.org" })
      const noteId = yield* crm.createDealNote(dealId, "docflow", "Date d'examen proposée.")
      expect(noteId).toMatch(/^\d+$/)
      expect((yield* crm.dealNotes(dealId)).map((n) => n.Note_Content)).toContain("Date d'examen proposée.")
      const writes = yield* sandbox.writes
      expect(writes.map((w) => [w.kind, w.module, w.recordId])).toEqual([
        ["crmUpdate", "Deals", dealId],
        ["crmUpdate", "Contacts", contactId],
        ["note", "Deals", dealId]
      ])
      const notePost = (yield* sandbox.requests).find((r) => r.method === "POST" && r.path === "/crm/v8/Notes")
      expect(notePost?.body).toEqual({
        data: [{ Note_Title: "docflow", Note_Content: "Date d'examen proposée.", Parent_Id: { module: { api_name: "Deals" }, id: dealId } }]
      })
    }).pipe(Effect.scoped)
  )

  it.live("a record-level error is an error: single update, partial batch (207) and all-failed batch (400)", () =>
    Effect.gen(function* () {
      const { crm, sandbox } = yield* setup()
      const [a, b] = (sandbox.world.crm["Deals"] ?? []).map((d) => String(d["id"]))
      const single = yield* Effect.either(crm.updateDeal(a ?? "", { Not_A_Field: "x" }))
      expect(Either.isLeft(single) && [single.left.reason, single.left.code, single.left.recordId]).toEqual(["Invalid", "INVALID_DATA", a])
      expect(Either.isLeft(single) && single.left.detail).toContain("Not_A_Field")
      const partial = yield* Effect.either(
        crm.updateDeals([
          { id: a ?? "", fields: { Stage: "GAGNÉ" } },
          { id: b ?? "", fields: { Unknown_Field: 1 } }
        ])
      )
      expect(Either.isLeft(partial) && [partial.left.code, partial.left.recordId]).toEqual(["INVALID_DATA", b])
      expect(Either.isLeft(partial) && partial.left.detail).toContain("1 of 2 records failed")
      const statuses = (yield* sandbox.requests).filter((r) => r.method === "PUT").map((r) => r.status)
      expect(statuses).toEqual([400, 207])
      // The valid record of the mixed batch was applied: the caller must know the batch was partial.
      expect((yield* sandbox.writes).map((w) => w.recordId)).toEqual([a])
      const badNote = yield* Effect.either(crm.createDealNote("123", "t", "c"))
      expect(Either.isLeft(badNote) && [badNote.left.reason, badNote.left.code]).toEqual(["Invalid", "INVALID_DATA"])
    }).pipe(Effect.scoped)
  )
})
