import { Chunk, Clock, Context, Effect, Layer, Option, Schema, Stream } from "effect"
import {
  DeskComment,
  DeskCommentPage,
  DeskDepartmentPage,
  DeskThread,
  DeskThreadSummaryPage,
  DeskTicket,
  DeskTicketPage,
  type DeskDepartment,
  type DeskDraftReplyRequest,
  type DeskThreadSummary,
  type DeskTicketUpdate
} from "../../schemas/desk.ts"
import { decodeBody } from "./internal/decode.ts"
import { ZohoError } from "./ZohoError.ts"
import { ZohoHttp, type ZohoRequest } from "./ZohoHttp.ts"

export interface TicketQuery {
  readonly departmentId: string
  /** One or more statuses (sent comma-separated), e.g. `["Open"]`. */
  readonly status?: ReadonlyArray<string>
}

export interface PageRequest {
  readonly from: number
  readonly limit: number
}

export interface DeskClientShape {
  /** One page of tickets, newest first (`sortBy=-createdTime`); empty when Desk answers 204. */
  readonly listTickets: (query: TicketQuery, page: PageRequest) => Effect.Effect<ReadonlyArray<DeskTicket>, ZohoError>
  /** Every page of tickets, newest first, read lazily: a consumer may stop after any page. */
  readonly ticketPages: (query: TicketQuery, pageSize?: number) => Stream.Stream<ReadonlyArray<DeskTicket>, ZohoError>
  readonly getTicket: (ticketId: string) => Effect.Effect<DeskTicket, ZohoError>
  /** Every thread summary of a ticket, all pages, as Desk orders them (newest first). */
  readonly listThreads: (ticketId: string) => Effect.Effect<ReadonlyArray<DeskThreadSummary>, ZohoError>
  /** One thread with its body; a truncated body is replaced by the full content. */
  readonly getThread: (ticketId: string, threadId: string) => Effect.Effect<DeskThread, ZohoError>
  /** Every comment of a ticket, all pages, newest first. */
  readonly listComments: (ticketId: string) => Effect.Effect<ReadonlyArray<DeskComment>, ZohoError>
  /** The reply drafts on a ticket: Desk has no draft list, a draft is a thread with status DRAFT. */
  readonly listDrafts: (ticketId: string) => Effect.Effect<ReadonlyArray<DeskThreadSummary>, ZohoError>
  /** Never retried after an ambiguous failure: on `outcomeUnknown`, look for the draft first. */
  readonly createDraftReply: (ticketId: string, draft: DeskDraftReplyRequest) => Effect.Effect<DeskThread, ZohoError>
  /** A private (`isPublic: false`) comment; never retried after an ambiguous failure. */
  readonly addPrivateComment: (
    ticketId: string,
    content: string,
    contentType?: "plainText" | "html"
  ) => Effect.Effect<DeskComment, ZohoError>
  readonly updateTicket: (ticketId: string, fields: DeskTicketUpdate) => Effect.Effect<DeskTicket, ZohoError>
  readonly moveTicket: (ticketId: string, departmentId: string) => Effect.Effect<void, ZohoError>
  /**
   * Every department, all pages. A list read less than `DEPARTMENTS_TTL_MS` ago is reused (the
   * departments of a portal hardly change; routing tickets should not read them once per ticket).
   */
  readonly listDepartments: Effect.Effect<ReadonlyArray<DeskDepartment>, ZohoError>
}

export class DeskClient extends Context.Tag("docflow/DeskClient")<DeskClient, DeskClientShape>() {}

const PAGE = 100
const DEPARTMENT_PAGE = 200
export const DEPARTMENTS_TTL_MS = 10 * 60_000
/** A guard against a server that never returns a short page. */
const MAX_PAGES = 50

const desk = (operation: string, fields: Omit<ZohoRequest, "api" | "operation">): ZohoRequest => ({
  api: "desk",
  operation: `desk.${operation}`,
  ...fields
})

const enc = encodeURIComponent

export const makeDeskClient = Effect.gen(function* () {
  const http = yield* ZohoHttp

  const call = <A, I>(request: ZohoRequest, schema: Schema.Schema<A, I, never>) =>
    Effect.flatMap(http.send(request), (response) => decodeBody(schema, request)(response.body))

  /** A list call: 204 or an empty body is an empty page. */
  const page = <A, I>(request: ZohoRequest, schema: Schema.Schema<{ readonly data: ReadonlyArray<A> }, I, never>) =>
    Effect.flatMap(http.send(request), (response) =>
      response.body === undefined ? Effect.succeed([] as ReadonlyArray<A>) : Effect.map(decodeBody(schema, request)(response.body), (p) => p.data)
    )

  const allPages = <A>(fetch: (from: number, limit: number) => Effect.Effect<ReadonlyArray<A>, ZohoError>, limit: number) =>
    Effect.gen(function* () {
      const all: Array<A> = []
      for (let n = 0; n < MAX_PAGES; n++) {
        const rows = yield* fetch(n * limit, limit)
        all.push(...rows)
        if (rows.length < limit) break
      }
      return all as ReadonlyArray<A>
    })

  const listTickets = (query: TicketQuery, p: PageRequest) =>
    page(
      desk("listTickets", {
        method: "GET",
        path: "/tickets",
        query: {
          departmentId: query.departmentId,
          status: query.status === undefined || query.status.length === 0 ? undefined : query.status.join(","),
          // The OAS lists the field names; Desk's documented "-" prefix sorts descending.
          sortBy: "-createdTime",
          from: p.from,
          limit: p.limit
        },
        idempotent: true
      }),
      DeskTicketPage
    )

  const ticketPages = (query: TicketQuery, pageSize = PAGE) =>
    Stream.paginateChunkEffect(0, (from) =>
      Effect.map(listTickets(query, { from, limit: pageSize }), (rows) => [
        rows.length === 0 ? Chunk.empty<ReadonlyArray<DeskTicket>>() : Chunk.of(rows),
        rows.length < pageSize ? Option.none<number>() : Option.some(from + pageSize)
      ] as const)
    )

  const getTicket = (ticketId: string) =>
    call(desk("getTicket", { method: "GET", path: `/tickets/${enc(ticketId)}`, idempotent: true }), DeskTicket)

  const threadPages = (ticketId: string) =>
    allPages(
      (from, limit) =>
        page(
          desk("listThreads", { method: "GET", path: `/tickets/${enc(ticketId)}/threads`, query: { from, limit }, idempotent: true }),
          DeskThreadSummaryPage
        ),
      PAGE
    )

  const listThreads = (ticketId: string) =>
    Effect.map(threadPages(ticketId), (rows) => {
      // A thread can move between pages while we read; keep its first occurrence.
      const seen = new Set<string>()
      return rows.filter((t) => (seen.has(t.id) ? false : (seen.add(t.id), true)))
    })

  const getThread = (ticketId: string, threadId: string) =>
    Effect.gen(function* () {
      const path = `/tickets/${enc(ticketId)}/threads/${enc(threadId)}`
      const thread = yield* call(desk("getThread", { method: "GET", path, query: { include: "plainText" }, idempotent: true }), DeskThread)
      if (thread.isContentTruncated !== true) return thread
      const full = yield* call(desk("getThreadFullContent", { method: "GET", path: `${path}/fullContent`, idempotent: true }), DeskThread)
      return { ...thread, content: full.content, isContentTruncated: false }
    })

  const listComments = (ticketId: string) =>
    allPages(
      (from, limit) =>
        page(
          desk("listComments", {
            method: "GET",
            path: `/tickets/${enc(ticketId)}/comments`,
            query: { from, limit, sortBy: "-commentedTime" },
            idempotent: true
          }),
          DeskCommentPage
        ),
      PAGE
    )

  const listDrafts = (ticketId: string) => Effect.map(listThreads(ticketId), (threads) => threads.filter((t) => t.status === "DRAFT"))

  const createDraftReply = (ticketId: string, draft: DeskDraftReplyRequest) =>
    call(desk("createDraftReply", { method: "POST", path: `/tickets/${enc(ticketId)}/draftReply`, body: draft, idempotent: false }), DeskThread)

  const addPrivateComment = (ticketId: string, content: string, contentType: "plainText" | "html" = "plainText") =>
    call(
      desk("addComment", {
        method: "POST",
        path: `/tickets/${enc(ticketId)}/comments`,
        body: { content, isPublic: false, contentType },
        idempotent: false
      }),
      DeskComment
    )

  const updateTicket = (ticketId: string, fields: DeskTicketUpdate) =>
    call(desk("updateTicket", { method: "PATCH", path: `/tickets/${enc(ticketId)}`, body: fields, idempotent: true }), DeskTicket)

  // The OAS requires departmentId in the query; production Zoho also reads it from the body. Moving
  // twice to the same department is harmless, so the call is idempotent.
  const moveTicket = (ticketId: string, departmentId: string) =>
    Effect.asVoid(
      http.send(
        desk("moveTicket", {
          method: "POST",
          path: `/tickets/${enc(ticketId)}/move`,
          query: { departmentId },
          body: { departmentId },
          idempotent: true
        })
      )
    )

  const readDepartments = allPages(
    (from, limit) =>
      page(desk("listDepartments", { method: "GET", path: "/departments", query: { from, limit }, idempotent: true }), DeskDepartmentPage),
    DEPARTMENT_PAGE
  )
  // Only a successful read is kept; a failure is not remembered.
  let departments: { readonly at: number; readonly list: ReadonlyArray<DeskDepartment> } | undefined
  const listDepartments = Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    if (departments !== undefined && now - departments.at < DEPARTMENTS_TTL_MS) return departments.list
    const list = yield* readDepartments
    departments = { at: now, list }
    return list
  })

  return {
    listTickets,
    ticketPages,
    getTicket,
    listThreads,
    getThread,
    listComments,
    listDrafts,
    createDraftReply,
    addPrivateComment,
    updateTicket,
    moveTicket,
    listDepartments
  } satisfies DeskClientShape
})

export const DeskClientLive: Layer.Layer<DeskClient, never, ZohoHttp> = Layer.effect(DeskClient, makeDeskClient)
