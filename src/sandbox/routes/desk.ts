import type { JsonRecord, JsonValue, WorldThread } from "../world.ts"
import { newId, recordWrite, type SandboxState } from "../state.ts"
import { intParam, respond, route, type RouteContext, type Route, type SandboxResponse } from "./types.ts"

/** Desk's error body: `{ errorCode, message }`, plus `errors[]` on 422. */
export const deskError = (status: number, errorCode: string, message: string, errors?: ReadonlyArray<JsonRecord>): SandboxResponse =>
  respond(status, { errorCode, message, ...(errors === undefined ? {} : { errors }) })

const notFound = () => deskError(404, "URL_NOT_FOUND", "The requested resource could not be found.")
const invalid = (message: string, fieldName?: string, errorType = "invalid") =>
  deskError(422, "INVALID_DATA", message, fieldName === undefined ? undefined : [{ fieldName, errorType }])

const ID = "(\\d+)"
const p = (pattern: string) => new RegExp(`^/api/v1${pattern.replaceAll("{id}", ID)}$`)

const findTicket = (state: SandboxState, id: string) => state.tickets.find((t) => t["id"] === id)

/** A list answer: 204 when empty, as Desk does. */
const list = (rows: ReadonlyArray<unknown>) => (rows.length === 0 ? respond(204) : respond(200, { data: rows }))

const paging = (query: URLSearchParams, defaultLimit: number, maxLimit: number) => {
  const from = intParam(query, "from", 0)
  const limit = intParam(query, "limit", defaultLimit)
  if (from === "invalid" || limit === "invalid" || limit < 1 || limit > maxLimit) return undefined
  return { from, limit }
}

const summaryOf = (thread: WorldThread): JsonRecord => ({
  ...thread.record,
  summary: thread.content.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim().slice(0, 200)
})

const plain = (html: string) => html.replace(/<[^>]+>/g, "\n").replace(/\n+/g, "\n").trim()

const fullThread = (thread: WorldThread, ticketId: string, truncateAt: number): JsonRecord => {
  const truncated = thread.content.length > truncateAt
  const content = truncated ? thread.content.slice(0, truncateAt) : thread.content
  return {
    ...summaryOf(thread),
    content,
    plainText: plain(content),
    isContentTruncated: truncated,
    ...(truncated ? { fullContentURL: `/api/v1/tickets/${ticketId}/threads/${String(thread.record["id"])}/fullContent` } : {}),
    attachments: []
  }
}

const UPDATABLE = new Set(["subject", "status", "priority", "assigneeId", "cf", "dueDate", "category", "subCategory", "description"])

const listTickets = (q: URLSearchParams, { state }: RouteContext): SandboxResponse => {
  const page = paging(q, 25, 100)
  if (page === undefined) return invalid("from/limit out of range", "/limit")
  const department = q.get("departmentId")
  const statuses = (q.get("status") ?? "").split(",").map((s) => s.trim().toLowerCase()).filter((s) => s !== "")
  const sortBy = q.get("sortBy") ?? "createdTime"
  const field = sortBy.replace(/^-/, "")
  if (!["createdTime", "dueDate", "recentThread"].includes(field)) return invalid(`sortBy ${sortBy} is not supported`, "/sortBy")
  const key = field === "recentThread" ? "modifiedTime" : field
  const rows = state.tickets
    .filter((t) => department === null || t["departmentId"] === department)
    .filter((t) => statuses.length === 0 || statuses.includes(String(t["status"]).toLowerCase()))
    .sort((a, b) => (String(a[key]) < String(b[key]) ? -1 : String(a[key]) > String(b[key]) ? 1 : 0) * (sortBy.startsWith("-") ? -1 : 1))
  return list(rows.slice(page.from, page.from + page.limit))
}

export const deskRoutes: ReadonlyArray<Route> = [
  route("GET", p("/tickets"), (r, _, c) => listTickets(r.query, c)),
  route("GET", p("/tickets/{id}"), (_, [id = ""], { state }) => {
    const ticket = findTicket(state, id)
    return ticket === undefined ? notFound() : respond(200, ticket)
  }),
  route(
    "PATCH",
    p("/tickets/{id}"),
    (r, [id = ""], { state }) => {
      const ticket = findTicket(state, id)
      if (ticket === undefined) return notFound()
      if (typeof r.body !== "object" || r.body === null || Array.isArray(r.body)) return invalid("a JSON object is expected")
      const body = r.body as Record<string, JsonValue>
      const extra = Object.keys(body).find((k) => !UPDATABLE.has(k))
      if (extra !== undefined) return invalid(`An extra parameter '${extra}' is found`, `/${extra}`, "invalid")
      for (const [k, v] of Object.entries(body)) {
        if (k === "cf" && typeof v === "object" && v !== null && !Array.isArray(v)) {
          const cf = typeof ticket["cf"] === "object" && ticket["cf"] !== null ? (ticket["cf"] as JsonRecord) : {}
          ticket["cf"] = { ...cf, ...(v as JsonRecord) }
        } else ticket[k] = v
      }
      if (typeof body["status"] === "string") ticket["statusType"] = body["status"] === "Closed" ? "Closed" : "Open"
      ticket["modifiedTime"] = new Date().toISOString()
      recordWrite(state, { kind: "ticketUpdate", ticketId: id, body })
      return respond(200, ticket)
    },
    true
  ),
  route(
    "POST",
    p("/tickets/{id}/move"),
    (r, [id = ""], { state }) => {
      const ticket = findTicket(state, id)
      if (ticket === undefined) return notFound()
      const departmentId = r.query.get("departmentId")
      if (departmentId === null) return invalid("departmentId is required", "/departmentId", "missing")
      if (!state.world.departments.some((d) => d["id"] === departmentId)) return invalid("no such department", "/departmentId")
      ticket["departmentId"] = departmentId
      recordWrite(state, { kind: "move", ticketId: id, body: { departmentId } })
      return respond(200)
    },
    true
  ),
  route("GET", p("/tickets/{id}/threads"), (r, [id = ""], { state }) => {
    if (findTicket(state, id) === undefined) return notFound()
    const page = paging(r.query, 25, 200)
    if (page === undefined) return invalid("from/limit out of range", "/limit")
    const rows = [...(state.threads.get(id) ?? [])].sort((a, b) => (String(a.record["createdTime"]) < String(b.record["createdTime"]) ? 1 : -1))
    return list(rows.slice(page.from, page.from + page.limit).map(summaryOf))
  }),
  route("GET", p("/tickets/{id}/threads/{id}"), (_, [id = "", threadId = ""], { state, knobs }) => {
    const thread = (state.threads.get(id) ?? []).find((t) => t.record["id"] === threadId)
    return thread === undefined ? notFound() : respond(200, fullThread(thread, id, knobs.truncateThreadsAt))
  }),
  route("GET", p("/tickets/{id}/threads/{id}/fullContent"), (_, [id = "", threadId = ""], { state }) => {
    const thread = (state.threads.get(id) ?? []).find((t) => t.record["id"] === threadId)
    return thread === undefined ? notFound() : respond(200, { ...fullThread(thread, id, Number.POSITIVE_INFINITY), isContentTruncated: false })
  }),
  route(
    "POST",
    p("/tickets/{id}/draftReply"),
    (r, [id = ""], { state }) => {
      const ticket = findTicket(state, id)
      if (ticket === undefined) return notFound()
      const body = (typeof r.body === "object" && r.body !== null ? r.body : {}) as Record<string, JsonValue>
      for (const field of ["channel", "content", "fromEmailAddress"]) {
        if (typeof body[field] !== "string" || body[field] === "") return invalid(`${field} is required`, `/${field}`, "missing")
      }
      if (body["channel"] !== "EMAIL") return invalid("only EMAIL drafts are supported here", "/channel")
      if (!state.world.fromAddresses.includes(String(body["fromEmailAddress"]))) {
        return invalid("fromEmailAddress is not a configured sender", "/fromEmailAddress")
      }
      const content = String(body["content"])
      const thread: WorldThread = {
        content,
        record: {
          id: newId(state, "1987090009"),
          channel: "EMAIL",
          direction: "out",
          status: "DRAFT",
          visibility: "public",
          contentType: typeof body["contentType"] === "string" ? body["contentType"] : "plainText",
          fromEmailAddress: String(body["fromEmailAddress"]),
          to: typeof body["to"] === "string" ? body["to"] : (ticket["email"] ?? null),
          createdTime: new Date().toISOString(),
          author: { name: "docflow", type: "AGENT" },
          isDescriptionThread: false,
          isForward: body["isForward"] === true,
          hasAttach: false,
          attachmentCount: "0"
        }
      }
      state.threads.set(id, [...(state.threads.get(id) ?? []), thread])
      recordWrite(state, { kind: "draft", ticketId: id, body })
      return respond(200, {
        ...fullThread(thread, id, Number.POSITIVE_INFINITY),
        actions: [
          { method: "POST", rel: "sendDraft", href: `/api/v1/tickets/${id}/sendDraft?draftThreadId=${String(thread.record["id"])}` },
          { method: "DELETE", rel: "self", href: `/api/v1/tickets/${id}/draftReply/${String(thread.record["id"])}` }
        ]
      })
    },
    true
  ),
  route("GET", p("/tickets/{id}/comments"), (r, [id = ""], { state }) => {
    if (findTicket(state, id) === undefined) return notFound()
    const page = paging(r.query, 50, 100)
    if (page === undefined) return invalid("from/limit out of range", "/limit")
    const descending = (r.query.get("sortBy") ?? "commentedTime").startsWith("-")
    const rows = [...(state.comments.get(id) ?? [])].sort(
      (a, b) => (String(a["commentedTime"]) < String(b["commentedTime"]) ? -1 : 1) * (descending ? -1 : 1)
    )
    return list(rows.slice(page.from, page.from + page.limit))
  }),
  route(
    "POST",
    p("/tickets/{id}/comments"),
    (r, [id = ""], { state }) => {
      if (findTicket(state, id) === undefined) return notFound()
      const body = (typeof r.body === "object" && r.body !== null ? r.body : {}) as Record<string, JsonValue>
      const content = body["content"]
      if (typeof content !== "string" || content === "") return invalid("content is required", "/content", "missing")
      if (content.length > 32_000) return invalid("content exceeds 32000 characters", "/content")
      const comment: JsonRecord = {
        id: newId(state, "1987090008"),
        content,
        contentType: typeof body["contentType"] === "string" ? body["contentType"] : "html",
        isPublic: body["isPublic"] === true,
        commentedTime: new Date().toISOString(),
        commenter: { name: "docflow", type: "AGENT" }
      }
      state.comments.set(id, [...(state.comments.get(id) ?? []), comment])
      recordWrite(state, { kind: "comment", ticketId: id, body })
      return respond(200, comment)
    },
    true
  ),
  route("GET", p("/departments"), (r, _, { state }) => {
    const page = paging(r.query, 10, 200)
    if (page === undefined) return invalid("from/limit out of range", "/limit")
    return list(state.world.departments.slice(page.from, page.from + page.limit))
  })
]
