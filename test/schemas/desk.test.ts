import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decodeOrExplain } from "../../src/schemas/decodeError.ts"
import {
  DeskComment,
  DeskCommentRequest,
  DeskCommentPage,
  DeskDepartment,
  DeskDepartmentPage,
  DeskDraftReplyRequest,
  DeskThread,
  DeskThreadSummary,
  DeskThreadSummaryPage,
  DeskTicket,
  DeskTicketUpdate
} from "../../src/schemas/desk.ts"

const ticket = {
  id: "198709000123456001",
  ticketNumber: "48213",
  subject: "Date d'examen VTC",
  status: "Open",
  statusType: "Open",
  departmentId: "198709000025523146",
  contactId: "198709000098765001",
  email: "karim.benali@example.fr",
  channel: "EMAIL",
  priority: null,
  createdTime: "2026-03-09T08:14:22.000Z",
  modifiedTime: "2026-03-09T08:20:01.000Z",
  threadCount: "3",
  commentCount: 1,
  cf: { cf_opportunite: "https://crm.zoho.com/crm/tab/Potentials/1456177001581548182", cf_brouillon_auto: "false" },
  source: { appName: null, extId: null, type: ["SYSTEM"], permalink: null, appPhotoURL: null },
  // fields docflow does not read, sent by Zoho anyway
  sharedDepartments: [{ name: "Contact", id: "1", type: ["READ_ONLY"] }],
  isOverDue: false,
  layoutDetails: { id: "5000000013466", layoutName: "Default Ticket Layout" }
}

const inboundThread = {
  id: "198709000123457001",
  channel: "EMAIL",
  direction: "in",
  status: "SUCCESS",
  visibility: "public",
  contentType: "text/html",
  summary: "Bonjour, je voudrais connaître ma date d'examen…",
  content: "<div>Bonjour,<br>je voudrais connaître ma date d'examen.<br>Cordialement, Karim</div>",
  plainText: "Bonjour, je voudrais connaître ma date d'examen. Cordialement, Karim",
  fromEmailAddress: "Karim Benali <karim.benali@example.fr>",
  to: "doc@cab-formations.fr",
  createdTime: "2026-03-09T08:14:22.000Z",
  author: { name: "Karim Benali", email: "karim.benali@example.fr", type: "END_USER", photoURL: null },
  isForward: false,
  hasAttach: true,
  attachmentCount: "1",
  attachments: [{ id: "9001", name: "permis.pdf", size: "184220", href: "https://desk.example.com/a/9001" }],
  canReply: true,
  actions: []
}

describe("Desk ticket", () => {
  it("decodes a ticket, normalising Zoho's array/number variants and dropping unread fields", () => {
    const decoded = Schema.decodeUnknownSync(DeskTicket)(ticket)
    expect(decoded.id).toBe("198709000123456001")
    expect(decoded.threadCount).toBe(3)
    expect(decoded.source?.type).toBe("SYSTEM")
    expect(decoded.cf?.["cf_opportunite"]).toContain("/Potentials/1456177001581548182")
    expect(decoded).not.toHaveProperty("sharedDepartments")
  })

  it("accepts numeric ids as the OAS allows, as decimal strings", () => {
    const decoded = Schema.decodeUnknownSync(DeskTicket)({ ...ticket, id: 42, departmentId: 7 })
    expect(decoded.id).toBe("42")
    expect(decoded.departmentId).toBe("7")
  })

  it("rejects a ticket without status and names the path and value", () => {
    const { status: _status, ...noStatus } = ticket
    const result = decodeOrExplain(DeskTicket)({ ...noStatus, departmentId: { bad: true } })
    expect(Either.isLeft(result)).toBe(true)
    const problems = Either.getLeft(result).pipe((o) => (o._tag === "Some" ? o.value : []))
    expect(problems.map((p) => p.path).sort()).toEqual(["departmentId", "status"])
    expect(problems.find((p) => p.path === "departmentId")?.found).toBe('{"bad":true}')
    expect(problems.find((p) => p.path === "status")?.found).toBe("(missing)")
  })
})

describe("Desk threads", () => {
  it("decodes a full thread with body and attachments", () => {
    const decoded = Schema.decodeUnknownSync(DeskThread)(inboundThread)
    expect(decoded.direction).toBe("in")
    expect(decoded.attachments?.[0]?.size).toBe(184220)
    expect(decoded.author?.type).toBe("END_USER")
  })

  it("decodes a list of summaries including a draft", () => {
    const page = Schema.decodeUnknownSync(DeskThreadSummaryPage)({
      data: [
        { ...inboundThread, content: undefined },
        { id: "2", direction: "out", status: "DRAFT", createdTime: "2026-03-09T09:00:00.000Z", author: { type: ["AGENT"] } }
      ]
    })
    expect(page.data.map((t) => t.status)).toEqual(["SUCCESS", "DRAFT"])
    expect(page.data[1]?.author?.type).toBe("AGENT")
  })

  it("rejects an unknown direction and reports the value", () => {
    const result = decodeOrExplain(DeskThreadSummary)({ ...inboundThread, direction: "sideways" })
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left).toHaveLength(1)
      expect(result.left[0]?.path).toBe("direction")
      expect(result.left[0]?.found).toBe('"sideways"')
    }
  })
})

describe("Desk comments and departments", () => {
  const comment = {
    id: "4000000529001",
    content: "[DUPLICATE_PENDING:1456177001581548999] en attente de la réponse du candidat",
    contentType: "plainText",
    isPublic: false,
    commentedTime: "2026-03-08T16:02:11.000Z",
    commenterId: "4000000008692",
    commenter: { name: "Agent DOC", type: ["AGENT"], roleName: "LightAgent" },
    encodedContent: "ignored"
  }

  it("decodes comments and the department list", () => {
    expect(Schema.decodeUnknownSync(DeskCommentPage)({ data: [comment] }).data[0]?.isPublic).toBe(false)
    const departments = Schema.decodeUnknownSync(DeskDepartmentPage)({
      data: [
        { id: "198709000025523146", name: "DOC", isEnabled: true, hasLogo: false },
        { id: "198709000025523150", name: "Refus CMA" }
      ]
    })
    expect(departments.data.map((d) => d.name)).toEqual(["DOC", "Refus CMA"])
  })

  it("rejects a comment whose isPublic is a string", () => {
    const result = decodeOrExplain(DeskComment)({ ...comment, isPublic: "false" })
    expect(Either.isLeft(result) && result.left[0]).toMatchObject({ path: "isPublic", found: '"false"' })
  })

  it("rejects a department without a name", () => {
    const result = decodeOrExplain(DeskDepartment)({ id: "1" })
    expect(Either.isLeft(result) && result.left[0]).toMatchObject({ path: "name", found: "(missing)" })
  })
})

describe("Desk request bodies", () => {
  it("round-trips a draft reply and a ticket update", () => {
    const draft = { channel: "EMAIL", content: "<p>Bonjour</p>", contentType: "html", fromEmailAddress: "doc@cab-formations.fr" }
    expect(Schema.encodeSync(DeskDraftReplyRequest)(Schema.decodeUnknownSync(DeskDraftReplyRequest)(draft))).toEqual(draft)
    const update = { cf: { cf_brouillon_auto: true } }
    expect(Schema.decodeUnknownSync(DeskTicketUpdate)(update)).toEqual(update)
  })

  it("rejects a draft on another channel", () => {
    const result = decodeOrExplain(DeskDraftReplyRequest)({
      channel: "FACEBOOK",
      content: "x",
      contentType: "html",
      fromEmailAddress: "doc@cab-formations.fr"
    })
    expect(Either.isLeft(result) && result.left[0]).toMatchObject({ path: "channel", found: '"FACEBOOK"' })
  })
})

describe("Desk envelopes and small bodies", () => {
  it("rejects a page whose data is not a list", () => {
    const result = decodeOrExplain(DeskCommentPage)({ data: { id: "1" } })
    expect(Either.isLeft(result) && result.left[0]).toMatchObject({ path: "data", found: '{"id":"1"}' })
  })

  it("accepts a private note body and rejects one without content", () => {
    expect(Schema.decodeUnknownSync(DeskCommentRequest)({ content: "[AGENT_HINT_USED]", isPublic: false })).toEqual({
      content: "[AGENT_HINT_USED]",
      isPublic: false
    })
    const result = decodeOrExplain(DeskCommentRequest)({ isPublic: false })
    expect(Either.isLeft(result) && result.left[0]).toMatchObject({ path: "content", found: "(missing)" })
  })

  it("rejects a ticket update whose custom field holds an object", () => {
    const result = decodeOrExplain(DeskTicketUpdate)({ cf: { cf_opportunite: { id: "1" } } })
    expect(Either.isLeft(result) && result.left[0]?.path).toBe("cf.cf_opportunite")
  })
})
