import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { CONTACT_DEPARTMENT, DOC_DEPARTMENT } from "../../src/sandbox/index.ts"
import { allOf, anyOf, condition } from "../../src/services/zoho/index.ts"
import { checkRequest } from "./oas.ts"
import { setup } from "./support.ts"

describe("every request docflow sends is a valid operation of Zoho's OpenAPI files", () => {
  it.live("checks each recorded request of every client call", () =>
    Effect.gen(function* () {
      const { desk, crm, sandbox } = yield* setup()
      const ticket = String(sandbox.world.tickets[0]?.["id"])
      const deal = sandbox.world.crm["Deals"]?.[1] ?? {}
      const dealId = String(deal["id"])
      const contactId = String((deal["Contact_Name"] as { id: string }).id)
      yield* desk.listTickets({ departmentId: DOC_DEPARTMENT, status: ["Open", "On Hold"] }, { from: 0, limit: 100 })
      yield* desk.getTicket(ticket)
      const threads = yield* desk.listThreads(ticket)
      yield* Effect.forEach(threads, (t) => desk.getThread(ticket, t.id))
      yield* desk.listComments(ticket)
      yield* desk.listDrafts(ticket)
      yield* desk.createDraftReply(ticket, {
        channel: "EMAIL",
        content: "<p>Bonjour</p>",
        contentType: "html",
        fromEmailAddress: sandbox.world.fromAddresses[0] ?? "",
        to: "candidat@example.org",
        isForward: false
      })
      yield* desk.addPrivateComment(ticket, "note")
      yield* desk.updateTicket(ticket, { cf: { cf_opportunite: "https://crm.example/deal" }, status: "Open" })
      yield* desk.moveTicket(ticket, CONTACT_DEPARTMENT)
      yield* desk.listDepartments
      yield* crm.searchDeals({ criteria: condition("Email", "equals", String(deal["Email"])) })
      yield* crm.searchDeals({ word: "DUPONT" })
      yield* crm.searchContacts({ email: String(deal["Email"]) })
      yield* crm.searchContacts({ phone: "0612345678" })
      yield* crm.searchExamDates(allOf(anyOf(condition("Statut", "equals", "Actif"), condition("Statut", "equals", null)), condition("Departement", "equals", "75")))
      yield* crm.searchSessions(condition("Date_fin", "greater_equal", "2026-03-10"))
      yield* crm.getDeal(dealId)
      yield* crm.getContact(contactId)
      yield* crm.contactDeals(contactId)
      yield* crm.dealNotes(dealId)
      yield* crm.dealTimeline(dealId)
      yield* crm.updateDeal(dealId, { Evalbox: "VALIDE CMA", Date_examen_VTC: { id: "1" } })
      yield* crm.updateDeals([{ id: dealId, fields: { Stage: "GAGNÉ" } }])
      yield* crm.updateContact(contactId, { Email: "x@example.org" })
      yield* crm.createDealNote(dealId, "Titre", "Contenu")
      const sent = (yield* sandbox.requests).filter((r) => !r.path.startsWith("/oauth"))
      expect(sent.length).toBeGreaterThanOrEqual(28)
      const problems = sent.flatMap((r) => checkRequest(r))
      expect(problems).toEqual([])
    }).pipe(Effect.scoped)
  )

  it("the checker itself rejects what the OAS forbids", () => {
    const base = { headerNames: [], body: undefined, query: {} }
    expect(checkRequest({ ...base, method: "POST", path: "/api/v1/tickets/1/draftReply", body: { channel: "EMAIL", content: "x" } })).toHaveLength(1)
    expect(checkRequest({ ...base, method: "POST", path: "/api/v1/tickets/1/move" })).toEqual([
      "POST /api/v1/tickets/{ticketId}/move: required query parameter departmentId is missing"
    ])
    expect(checkRequest({ ...base, method: "GET", path: "/api/v1/tickets", query: { sortBy: "-subject" } })[0]).toContain("sortBy=-subject")
    expect(checkRequest({ ...base, method: "GET", path: "/api/v1/tickets/1/comments", query: { limit: "500" } })[0]).toContain("exceeds 100")
    expect(checkRequest({ ...base, method: "GET", path: "/crm/v3/Deals/1/Notes/extra/more" })[0]).toContain("no operation")
    expect(checkRequest({ ...base, method: "POST", path: "/crm/v3/Notes", body: {} })[0]).toContain("body field data is required")
  })
})
