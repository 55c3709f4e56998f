import { Context, Effect, Layer, Schema } from "effect"
import {
  CrmContact,
  CrmContactList,
  CrmDeal,
  CrmDealList,
  CrmDealNoteList,
  CrmDealTimeline,
  CrmExamDate,
  CrmExamDateList,
  CrmTrainingSession,
  CrmTrainingSessionList,
  CrmWriteResponse,
  type CrmDealNote,
  type CrmPageInfo,
  type CrmTimelineEntry,
  type CrmWriteResult,
  type CrmWriteValue
} from "../../schemas/crm.ts"
import { decodeBody } from "./internal/decode.ts"
import { ZohoError } from "./ZohoError.ts"
import { ZohoHttp, type QueryValue, type ZohoRequest } from "./ZohoHttp.ts"
import { ZohoSettings } from "./ZohoSettings.ts"

/** Exactly one search key, as Zoho wants (criteria > email > phone > word if several were sent). */
export type CrmSearch =
  | { readonly criteria: string }
  | { readonly email: string }
  | { readonly phone: string }
  | { readonly word: string }

export interface CrmPage<A> {
  readonly records: ReadonlyArray<A>
  readonly moreRecords: boolean
}

export type CrmFields = Readonly<Record<string, CrmWriteValue>>

export interface CrmClientShape {
  /** One page of a search; 204 (nothing matched) is an empty page. */
  readonly searchDealsPage: (search: CrmSearch, page: number, perPage?: number) => Effect.Effect<CrmPage<CrmDeal>, ZohoError>
  /** Every matching deal, following `more_records` up to `maxPages` pages of 200. */
  readonly searchDeals: (search: CrmSearch, maxPages?: number) => Effect.Effect<ReadonlyArray<CrmDeal>, ZohoError>
  readonly searchContacts: (search: CrmSearch, maxPages?: number) => Effect.Effect<ReadonlyArray<CrmContact>, ZohoError>
  readonly searchExamDates: (criteria: string, maxPages?: number) => Effect.Effect<ReadonlyArray<CrmExamDate>, ZohoError>
  readonly searchSessions: (criteria: string, maxPages?: number) => Effect.Effect<ReadonlyArray<CrmTrainingSession>, ZohoError>
  /** NotFound when Zoho has no such record (it answers 204). */
  readonly getDeal: (dealId: string) => Effect.Effect<CrmDeal, ZohoError>
  readonly getContact: (contactId: string) => Effect.Effect<CrmContact, ZohoError>
  readonly getExamDate: (recordId: string) => Effect.Effect<CrmExamDate, ZohoError>
  readonly getSession: (recordId: string) => Effect.Effect<CrmTrainingSession, ZohoError>
  /** The deals in a contact's related list. */
  readonly contactDeals: (contactId: string) => Effect.Effect<ReadonlyArray<CrmDeal>, ZohoError>
  readonly dealTimeline: (dealId: string) => Effect.Effect<ReadonlyArray<CrmTimelineEntry>, ZohoError>
  readonly dealNotes: (dealId: string) => Effect.Effect<ReadonlyArray<CrmDealNote>, ZohoError>
  /** Updates one deal; a record-level error in the answer is a failure naming the field. */
  readonly updateDeal: (dealId: string, fields: CrmFields) => Effect.Effect<CrmWriteResult, ZohoError>
  /** Up to 100 deals in one call; fails if any record failed (the others may have been applied). */
  readonly updateDeals: (
    records: ReadonlyArray<{ readonly id: string; readonly fields: CrmFields }>
  ) => Effect.Effect<ReadonlyArray<CrmWriteResult>, ZohoError>
  readonly updateContact: (contactId: string, fields: CrmFields) => Effect.Effect<CrmWriteResult, ZohoError>
  /** Creates a note on a deal and returns its id; never retried after an ambiguous failure. */
  readonly createDealNote: (dealId: string, title: string, content: string) => Effect.Effect<string, ZohoError>
}

export class CrmClient extends Context.Tag("docflow/CrmClient")<CrmClient, CrmClientShape>() {}

const PER_PAGE = 200
const NOTE_FIELDS = "Note_Title,Note_Content,Created_Time,Modified_Time,Parent_Id"
const DEAL_FIELDS = Object.keys(CrmDeal.fields).join(",")

const enc = encodeURIComponent

export const makeCrmClient = Effect.gen(function* () {
  const http = yield* ZohoHttp
  const settings = yield* ZohoSettings
  // The configuration only accepts a v8 root: the official OpenAPI files docflow is checked
  // against are v8, and the note-creation body differs between versions.
  const root = settings.crmUrl

  const crm = (operation: string, fields: Omit<ZohoRequest, "api" | "operation" | "path"> & { readonly path: string }): ZohoRequest => ({
    api: "crm",
    operation: `crm.${operation}`,
    ...fields,
    path: `${root}${fields.path}`
  })

  const list = <A, I>(
    request: ZohoRequest,
    schema: Schema.Schema<{ readonly data: ReadonlyArray<A>; readonly info?: CrmPageInfo | undefined }, I, never>
  ): Effect.Effect<CrmPage<A>, ZohoError> =>
    Effect.flatMap(http.send(request), (response) =>
      response.body === undefined
        ? Effect.succeed({ records: [], moreRecords: false })
        : Effect.map(decodeBody(schema, request)(response.body), (p) => ({ records: p.data, moreRecords: p.info?.more_records === true }))
    )

  const searchQuery = (search: CrmSearch): Record<string, QueryValue> =>
    "criteria" in search ? { criteria: search.criteria } : "email" in search ? { email: search.email } : "phone" in search ? { phone: search.phone } : { word: search.word }

  const searchPage =
    <A, I>(module: string, schema: Schema.Schema<{ readonly data: ReadonlyArray<A>; readonly info?: CrmPageInfo | undefined }, I, never>) =>
    (search: CrmSearch, page: number, perPage = PER_PAGE) =>
      list(
        crm(`search${module}`, {
          method: "GET",
          path: `/${module}/search`,
          query: { ...searchQuery(search), page, per_page: perPage },
          idempotent: true
        }),
        schema
      )

  const allPages =
    <A>(fetch: (page: number) => Effect.Effect<CrmPage<A>, ZohoError>) =>
    (maxPages: number) =>
      Effect.gen(function* () {
        const all: Array<A> = []
        for (let page = 1; page <= maxPages; page++) {
          const result = yield* fetch(page)
          all.push(...result.records)
          if (!result.moreRecords) break
        }
        return all as ReadonlyArray<A>
      })

  const searchDealsPage = searchPage("Deals", CrmDealList)
  const searchContactsPage = searchPage("Contacts", CrmContactList)
  const searchExamDatesPage = searchPage("Dates_Examens_VTC_TAXI", CrmExamDateList)
  const searchSessionsPage = searchPage("Sessions1", CrmTrainingSessionList)

  const getOne =
    <A, I>(module: string, schema: Schema.Schema<A, I, never>) =>
    (id: string) =>
      Effect.gen(function* () {
        const request = crm(`get${module}`, { method: "GET", path: `/${module}/${enc(id)}`, idempotent: true })
        const page = yield* list(request, Schema.Struct({ data: Schema.Array(schema) }))
        const first = page.records[0]
        if (first === undefined) {
          return yield* new ZohoError({ api: "crm", operation: request.operation, reason: "NotFound", status: 204, recordId: id, detail: `no ${module} record with this id` })
        }
        return first
      })

  const related = <A, I>(
    operation: string,
    path: string,
    fields: string,
    schema: Schema.Schema<{ readonly data: ReadonlyArray<A>; readonly info?: CrmPageInfo | undefined }, I, never>
  ) =>
    allPages((page) => list(crm(operation, { method: "GET", path, query: { fields, page, per_page: PER_PAGE }, idempotent: true }), schema))(10)

  /** Checks each record's result: the batch fails with the first record-level error. */
  const checkResults = (request: ZohoRequest, ids: ReadonlyArray<string | undefined>) => (body: unknown) =>
    Effect.flatMap(decodeBody(CrmWriteResponse, request)(body), (response) => {
      const failed = response.data.findIndex((r) => r.status !== "success" || (r.code !== "SUCCESS"))
      if (failed < 0) return Effect.succeed(response.data)
      const result = response.data[failed] as CrmWriteResult
      const details = result.details ?? {}
      const field = typeof details["api_name"] === "string" ? ` field ${details["api_name"]}` : ""
      const others = response.data.length > 1 ? ` (${response.data.filter((r) => r.status !== "success").length} of ${response.data.length} records failed)` : ""
      const recordId = ids[failed] ?? (typeof details["id"] === "string" ? details["id"] : undefined)
      return Effect.fail(
        new ZohoError({
          api: "crm",
          operation: request.operation,
          reason: "Invalid",
          code: result.code,
          detail: `${result.message}${field}${others}`,
          ...(recordId === undefined ? {} : { recordId })
        })
      )
    })

  const CrmErrorBody = Schema.Struct({ code: Schema.String, message: Schema.optional(Schema.String) })

  /**
   * A write answered 400 may carry per-record results (every record failed) or a plain CRM
   * error body (bad module, missing data): both become a `ZohoError` with Zoho's code.
   */
  const write = (request: ZohoRequest, ids: ReadonlyArray<string | undefined>) =>
    Effect.flatMap(http.send({ ...request, acceptStatuses: [400] }), (response) => {
      if (response.status !== 400 || Schema.is(Schema.Struct({ data: Schema.Array(Schema.Unknown) }))(response.body)) {
        return checkResults(request, ids)(response.body)
      }
      const body = Schema.decodeUnknownOption(CrmErrorBody)(response.body)
      return Effect.fail(
        new ZohoError({
          api: "crm",
          operation: request.operation,
          reason: "Invalid",
          status: 400,
          ...(body._tag === "Some" ? { code: body.value.code } : {}),
          detail: body._tag === "Some" ? (body.value.message ?? body.value.code) : "HTTP 400"
        })
      )
    })

  const updateRecord = (module: string, id: string, fields: CrmFields) =>
    Effect.map(
      write(crm(`update${module}`, { method: "PUT", path: `/${module}/${enc(id)}`, body: { data: [{ ...fields, id }] }, idempotent: true }), [id]),
      (results) => results[0] as CrmWriteResult
    )

  const updateDeals = (records: ReadonlyArray<{ readonly id: string; readonly fields: CrmFields }>) =>
    records.length > 100
      ? Effect.fail(new ZohoError({ api: "crm", operation: "crm.updateDeals", reason: "Invalid", detail: "at most 100 records per call" }))
      : write(
          crm("updateDeals", { method: "PUT", path: "/Deals", body: { data: records.map((r) => ({ ...r.fields, id: r.id })) }, idempotent: true }),
          records.map((r) => r.id)
        )

  const createDealNote = (dealId: string, title: string, content: string) =>
    Effect.map(
      write(
        crm("createDealNote", {
          method: "POST",
          path: "/Notes",
          body: { data: [{ Note_Title: title, Note_Content: content, Parent_Id: { module: { api_name: "Deals" }, id: dealId } }] },
          idempotent: false
        }),
        [dealId]
      ),
      (results) => {
        const id = results[0]?.details?.["id"]
        return typeof id === "string" ? id : ""
      }
    )

  return {
    searchDealsPage,
    searchDeals: (search, maxPages = 10) => allPages((page) => searchDealsPage(search, page))(maxPages),
    searchContacts: (search, maxPages = 10) => allPages((page) => searchContactsPage(search, page))(maxPages),
    searchExamDates: (criteria, maxPages = 10) => allPages((page) => searchExamDatesPage({ criteria }, page))(maxPages),
    searchSessions: (criteria, maxPages = 20) => allPages((page) => searchSessionsPage({ criteria }, page))(maxPages),
    getDeal: getOne("Deals", CrmDeal),
    getContact: getOne("Contacts", CrmContact),
    getExamDate: getOne("Dates_Examens_VTC_TAXI", CrmExamDate),
    getSession: getOne("Sessions1", CrmTrainingSession),
    contactDeals: (contactId) => related("contactDeals", `/Contacts/${enc(contactId)}/Deals`, DEAL_FIELDS, CrmDealList),
    // A note read through a deal's related list belongs to that deal: say so when Zoho leaves the
    // parent out, since a case file may hold the notes of several deals.
    dealNotes: (dealId) =>
      Effect.map(related("dealNotes", `/Deals/${enc(dealId)}/Notes`, NOTE_FIELDS, CrmDealNoteList), (notes) =>
        notes.map((note) => (note.Parent_Id == null ? { ...note, Parent_Id: { id: dealId, module: { api_name: "Deals" } } } : note))
      ),
    dealTimeline: (dealId) => {
      const request = crm("dealTimeline", { method: "GET", path: `/Deals/${enc(dealId)}/__timeline`, query: { per_page: PER_PAGE }, idempotent: true })
      return Effect.flatMap(http.send(request), (response) =>
        response.body === undefined ? Effect.succeed([]) : Effect.map(decodeBody(CrmDealTimeline, request)(response.body), (t) => t.__timeline)
      )
    },
    updateDeal: (dealId, fields) => updateRecord("Deals", dealId, fields),
    updateDeals,
    updateContact: (contactId, fields) => updateRecord("Contacts", contactId, fields),
    createDealNote
  } satisfies CrmClientShape
})

export const CrmClientLive: Layer.Layer<CrmClient, never, ZohoHttp | ZohoSettings> = Layer.effect(CrmClient, makeCrmClient)
