import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Either, Stream } from "effect"
import { CONTACT_DEPARTMENT, DOC_DEPARTMENT, fixedWorld } from "../../src/sandbox/index.ts"
import { setup } from "./support.ts"

describe("Desk client against the sandbox", () => {
  it.live("lists open DOC tickets newest first, page by page, and an empty page on 204", () =>
    Effect.gen(function* () {
      const { desk, sandbox } = yield* setup({ world: undefined })
      const open = sandbox.world.tickets.filter((t) => t["status"] === "Open" && t["departmentId"] === DOC_DEPARTMENT)
      const first = yield* desk.listTickets({ departmentId: DOC_DEPARTMENT, status: ["Open"] }, { from: 0, limit: 3 })
      const second = yield* desk.listTickets({ departmentId: DOC_DEPARTMENT, status: ["Open"] }, { from: 3, limit: 3 })
      const rest = yield* desk.listTickets({ departmentId: DOC_DEPARTMENT, status: ["Open"] }, { from: 6, limit: 3 })
      const all = [...first, ...second, ...rest]
      expect(first).toHaveLength(3)
      expect(all.map((t) => t.id).sort()).toEqual(open.map((t) => String(t["id"])).sort())
      const times = all.map((t) => t.createdTime)
      expect(times).toEqual([...times].sort().reverse())
      const none = yield* desk.listTickets({ departmentId: CONTACT_DEPARTMENT }, { from: 0, limit: 10 })
      expect(none).toEqual([])
      const requests = yield* sandbox.requests
      expect(requests.some((r) => r.status === 204 && r.query["departmentId"] === CONTACT_DEPARTMENT)).toBe(true)
      expect(requests.every((r) => !r.path.startsWith("/api/") || r.query["orgId"] === sandbox.world.orgId)).toBe(true)
    }).pipe(Effect.scoped)
  )

  it.live("gets a ticket, its threads, a truncated thread in full, and its comments", () =>
    Effect.gen(function* () {
      const { desk, sandbox } = yield* setup()
      const ticketId = String(sandbox.world.tickets[0]?.["id"])
      const ticket = yield* desk.getTicket(ticketId)
      expect(ticket.id).toBe(ticketId)
      expect(ticket.cf?.["cf_brouillon_auto"]).toBe(false)
      const threads = yield* desk.listThreads(ticketId)
      expect(threads.map((t) => t.direction).sort()).toEqual(["in", "out"])
      const inbound = threads.find((t) => t.direction === "in")
      const full = yield* desk.getThread(ticketId, inbound?.id ?? "")
      const original = sandbox.world.threads[ticketId]?.find((t) => t.record["id"] === inbound?.id)?.content ?? ""
      expect(original.length).toBeGreaterThan(2_000)
      expect(full.content).toBe(original)
      expect(full.isContentTruncated).toBe(false)
      const paths = (yield* sandbox.requests).map((r) => r.path)
      expect(paths.some((p) => p.endsWith("/fullContent"))).toBe(true)
      const withComment = String(sandbox.world.tickets[1]?.["id"])
      const comments = yield* desk.listComments(withComment)
      expect(comments.map((c) => c.content)).toEqual(["Candidat relancé par téléphone."])
      expect(yield* desk.listComments(ticketId)).toEqual([])
    }).pipe(Effect.scoped)
  )

  it.live("creates a draft (seen by listDrafts), a private comment, updates cf fields and moves a ticket", () =>
    Effect.gen(function* () {
      const { desk, sandbox } = yield* setup()
      const ticketId = String(sandbox.world.tickets[2]?.["id"])
      expect(yield* desk.listDrafts(ticketId)).toEqual([])
      const draft = yield* desk.createDraftReply(ticketId, {
        channel: "EMAIL",
        content: "<p>Bonjour, voici votre date.</p>",
        contentType: "html",
        fromEmailAddress: sandbox.world.fromAddresses[0] ?? "",
        isForward: false
      })
      expect(draft.status).toBe("DRAFT")
      expect((yield* desk.listDrafts(ticketId)).map((d) => d.id)).toEqual([draft.id])
      const comment = yield* desk.addPrivateComment(ticketId, "Brouillon créé automatiquement.")
      expect(comment.isPublic).toBe(false)
      const updated = yield* desk.updateTicket(ticketId, { cf: { cf_brouillon_auto: true } })
      expect(updated.cf?.["cf_brouillon_auto"]).toBe(true)
      expect(updated.cf?.["cf_opportunite"]).toBeNull()
      yield* desk.moveTicket(ticketId, CONTACT_DEPARTMENT)
      expect((yield* desk.getTicket(ticketId)).departmentId).toBe(CONTACT_DEPARTMENT)
      const writes = yield* sandbox.writes
      expect(writes.map((w) => [w.kind, w.ticketId])).toEqual([
        ["draft", ticketId],
        ["comment", ticketId],
        ["ticketUpdate", ticketId],
        ["move", ticketId]
      ])
    }).pipe(Effect.scoped)
  )

  it.live("lists every department and reports Zoho's refusals as classified errors", () =>
    Effect.gen(function* () {
      const { desk, sandbox } = yield* setup()
      const departments = yield* desk.listDepartments
      expect(departments.map((d) => d.name)).toEqual(["DOC", "Contact", "Comptabilité", "DOCS CAB", "Refus CMA"])
      const missing = yield* Effect.either(desk.getTicket("999"))
      expect(Either.isLeft(missing) && missing.left.reason).toBe("NotFound")
      const ticketId = String(sandbox.world.tickets[0]?.["id"])
      const badSender = yield* Effect.either(
        desk.createDraftReply(ticketId, { channel: "EMAIL", content: "x", contentType: "plainText", fromEmailAddress: "nobody@else.example" })
      )
      expect(Either.isLeft(badSender) && [badSender.left.reason, badSender.left.code]).toEqual(["Invalid", "INVALID_DATA"])
      const tags = yield* Effect.either(desk.updateTicket(ticketId, { tags: ["x"] } as never))
      expect(Either.isLeft(tags) && tags.left.detail).toContain("extra parameter 'tags'")
      expect(yield* sandbox.writes).toEqual([])
    }).pipe(Effect.scoped)
  )
})

describe("Desk paging", () => {
  it.live("reads every comment and thread page (100 a page), newest first, and tickets as a lazy stream", () =>
    Effect.gen(function* () {
      const base = fixedWorld({ tickets: 7 })
      const ticketId = String(base.tickets[0]?.["id"])
      const comments = Array.from({ length: 250 }, (_, i) => ({
        id: `77${String(i).padStart(6, "0")}`,
        content: `commentaire ${i}`,
        contentType: "plainText",
        isPublic: false,
        commentedTime: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()
      }))
      const threads = Array.from({ length: 130 }, (_, i) => ({
        content: `<p>message ${i}</p>`,
        record: { id: `88${String(i).padStart(6, "0")}`, channel: "EMAIL", direction: i % 2 === 0 ? "in" : "out", status: "SUCCESS", createdTime: new Date(Date.UTC(2026, 0, 2, 0, i)).toISOString() }
      }))
      const world = { ...base, comments: { ...base.comments, [ticketId]: comments }, threads: { ...base.threads, [ticketId]: threads } }
      const { desk, sandbox } = yield* setup({ world })
      const read = yield* desk.listComments(ticketId)
      expect(read).toHaveLength(250)
      expect(read[0]?.content).toBe("commentaire 249")
      expect(read.at(-1)?.content).toBe("commentaire 0")
      expect(yield* desk.listThreads(ticketId)).toHaveLength(130)
      const froms = (yield* sandbox.requests).filter((r) => r.path.endsWith("/comments")).map((r) => r.query["from"])
      expect(froms).toEqual(["0", "100", "200"])
      const pages = yield* Stream.runCollect(desk.ticketPages({ departmentId: DOC_DEPARTMENT }, 3))
      expect(Chunk.toReadonlyArray(pages).map((p) => p.length)).toEqual([3, 3, 1])
      const firstOnly = yield* Stream.runCollect(Stream.take(desk.ticketPages({ departmentId: DOC_DEPARTMENT }, 3), 1))
      expect(Chunk.size(firstOnly)).toBe(1)
      const ticketLists = (yield* sandbox.requests).filter((r) => r.path === "/api/v1/tickets")
      expect(ticketLists).toHaveLength(4)
    }).pipe(Effect.scoped)
  )
})
