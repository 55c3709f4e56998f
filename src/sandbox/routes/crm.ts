import { conditionCount, CriteriaError, matches, parseCriteria } from "../criteria.ts"
import type { JsonRecord, JsonValue } from "../world.ts"
import { newId, recordWrite, type SandboxState } from "../state.ts"
import { intParam, respond, route, type Route, type SandboxResponse } from "./types.ts"

/** CRM's error body: `{ code, details, message, status: "error" }`. */
export const crmError = (status: number, code: string, message: string, details: JsonRecord = {}): SandboxResponse =>
  respond(status, { code, details, message, status: "error" })

const V = "/crm/v\\d+"
const NAME = "([A-Za-z][A-Za-z0-9_]*)"
const ID = "(\\d+)"

const moduleRows = (state: SandboxState, module: string) => state.crm.get(module)


const searchCriteria = (q: URLSearchParams, equalsContains: boolean): { error: string } | ((r: JsonRecord) => boolean) => {
  const criteria = q.get("criteria")
  if (criteria !== null) {
    try {
      const parsed = parseCriteria(criteria)
      return conditionCount(parsed) > 10 ? { error: "more than 10 conditions" } : (r) => matches(parsed, r, { equalsContains })
    } catch (e) {
      return { error: e instanceof CriteriaError ? e.message : "invalid criteria" }
    }
  }
  const email = q.get("email")?.toLowerCase()
  if (email !== undefined) return (r) => ["Email", "Secondary_Email"].some((f) => String(r[f] ?? "").toLowerCase() === email)
  const phone = q.get("phone")
  if (phone !== null) {
    const digits = phone.replace(/\D/g, "")
    return (r) => ["Phone", "Mobile"].some((f) => digits !== "" && String(r[f] ?? "").replace(/\D/g, "") === digits)
  }
  const word = q.get("word")?.toLowerCase()
  if (word !== undefined) {
    return (r) => Object.values(r).some((v) => typeof v === "string" && v.toLowerCase().includes(word))
  }
  return { error: "one of criteria, email, phone or word is required" }
}

const pageOf = (rows: ReadonlyArray<JsonRecord>, q: URLSearchParams, maxPerPage: number): SandboxResponse => {
  const page = intParam(q, "page", 1)
  const perPage = intParam(q, "per_page", maxPerPage)
  if (page === "invalid" || perPage === "invalid" || page < 1 || perPage < 1 || perPage > maxPerPage) {
    return crmError(400, "INVALID_DATA", "invalid page or per_page", { param_name: "per_page" })
  }
  const slice = rows.slice((page - 1) * perPage, page * perPage)
  if (slice.length === 0) return respond(204)
  return respond(200, {
    data: slice,
    info: { per_page: perPage, count: slice.length, page, sort_by: "id", sort_order: "desc", more_records: page * perPage < rows.length }
  })
}

const withFields = (record: JsonRecord, fields: string | null): JsonRecord => {
  if (fields === null || fields === "") return record
  const wanted = new Set(["id", ...fields.split(",").map((f) => f.trim())])
  return Object.fromEntries(Object.entries(record).filter(([k]) => wanted.has(k)))
}

/** Per-record update: unknown fields and unknown ids are record-level INVALID_DATA, like Zoho. */
const updateOne = (state: SandboxState, module: string, input: unknown, index: number): JsonRecord => {
  const fail = (message: string, details: JsonRecord, code = "INVALID_DATA") => ({ code, details, message, status: "error" })
  if (typeof input !== "object" || input === null || Array.isArray(input)) return fail("invalid data", { json_path: `$.data[${index}]` })
  const fields = input as Record<string, JsonValue>
  const id = typeof fields["id"] === "string" ? fields["id"] : undefined
  const row = moduleRows(state, module)?.find((r) => r["id"] === id)
  if (id === undefined || row === undefined) return fail("the related id given seems to be invalid", { api_name: "id", json_path: `$.data[${index}].id` })
  const allowed = state.world.crmFields[module] ?? []
  const unknown = Object.keys(fields).find((k) => k !== "id" && !allowed.includes(k))
  if (unknown !== undefined) return fail("invalid data", { api_name: unknown, json_path: `$.data[${index}].${unknown}` })
  for (const [k, v] of Object.entries(fields)) if (k !== "id") row[k] = v
  const modified = new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00")
  row["Modified_Time"] = modified
  recordWrite(state, { kind: "crmUpdate", module, recordId: id, body: fields })
  return {
    code: "SUCCESS",
    details: { id, Modified_Time: modified, Modified_By: { name: "docflow", id: "1456177000000000001" }, Created_Time: row["Created_Time"] ?? null },
    message: "record updated",
    status: "success"
  }
}

const update = (state: SandboxState, module: string, body: unknown, pathId: string | undefined): SandboxResponse => {
  if (moduleRows(state, module) === undefined || !(module in state.world.crmFields)) {
    return crmError(400, "INVALID_MODULE", "the module name given seems to be invalid", { resource_path_index: 0 })
  }
  const data = typeof body === "object" && body !== null && "data" in body ? (body as { data: unknown }).data : undefined
  if (!Array.isArray(data) || data.length === 0) return crmError(400, "MANDATORY_NOT_FOUND", "required field not found", { api_name: "data" })
  if (data.length > 100) return crmError(400, "LIMIT_EXCEEDED", "at most 100 records per call")
  const results = data.map((item, i) =>
    updateOne(state, module, pathId === undefined ? item : { ...(item as Record<string, JsonValue>), id: pathId }, i)
  )
  const ok = results.filter((r) => r["status"] === "success").length
  return respond(ok === results.length ? 200 : ok === 0 ? 400 : 207, { data: results })
}

const createNotes = (state: SandboxState, body: unknown): SandboxResponse => {
  const data = typeof body === "object" && body !== null && "data" in body ? (body as { data: unknown }).data : undefined
  if (!Array.isArray(data) || data.length === 0) return crmError(400, "MANDATORY_NOT_FOUND", "required field not found", { api_name: "data" })
  const notes = moduleRows(state, "Notes") ?? []
  const results = data.map((item: unknown, i): JsonRecord => {
    const note = (typeof item === "object" && item !== null ? item : {}) as Record<string, JsonValue>
    const parent = note["Parent_Id"] as { id?: unknown; module?: { api_name?: unknown } } | null | undefined
    const parentId = typeof parent?.id === "string" ? parent.id : undefined
    const parentModule = typeof parent?.module?.api_name === "string" ? parent.module.api_name : undefined
    if (typeof note["Note_Title"] !== "string" && typeof note["Note_Content"] !== "string") {
      return { code: "EXPECTED_FIELD_MISSING", details: { api_name: "Note_Content", json_path: `$.data[${i}]` }, message: "a note needs a title or content", status: "error" }
    }
    if (parentId === undefined || parentModule === undefined || !(moduleRows(state, parentModule) ?? []).some((r) => r["id"] === parentId)) {
      return { code: "INVALID_DATA", details: { api_name: "Parent_Id", json_path: `$.data[${i}].Parent_Id` }, message: "invalid parent", status: "error" }
    }
    const id = newId(state, "1456177009")
    const created = new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00")
    notes.push({ ...note, id, Created_Time: created, Modified_Time: created })
    recordWrite(state, { kind: "note", module: parentModule, recordId: parentId, body: note })
    return {
      code: "SUCCESS",
      details: { id, Created_Time: created, Modified_Time: created, Created_By: { name: "docflow", id: "1456177000000000001" } },
      message: "record added",
      status: "success"
    }
  })
  state.crm.set("Notes", notes)
  const ok = results.filter((r) => r["status"] === "success").length
  return respond(ok === results.length ? 201 : ok === 0 ? 400 : 207, { data: results })
}

/** Related lists: a contact's Deals (by `Contact_Name`), a record's Notes (by `Parent_Id`). */
const related = (state: SandboxState, module: string, id: string, list: string): ReadonlyArray<JsonRecord> | undefined => {
  if (list === "Notes") return (moduleRows(state, "Notes") ?? []).filter((n) => (n["Parent_Id"] as { id?: unknown } | null)?.id === id)
  if (module === "Contacts" && list === "Deals") {
    return (moduleRows(state, "Deals") ?? []).filter((d) => (d["Contact_Name"] as { id?: unknown } | null)?.id === id)
  }
  return undefined
}

export const crmRoutes: ReadonlyArray<Route> = [
  route("GET", new RegExp(`^${V}/${NAME}/search$`), (r, [module = ""], { state, knobs }) => {
    const rows = moduleRows(state, module)
    if (rows === undefined) return crmError(400, "INVALID_MODULE", "the module name given seems to be invalid")
    const keep = searchCriteria(r.query, knobs.searchEqualsContains)
    if (typeof keep !== "function") return crmError(400, "INVALID_QUERY", keep.error, { reason: "invalid criteria" })
    const found = rows.filter(keep).map((row) => withFields(row, r.query.get("fields")))
    if (found.length > 2000) return crmError(400, "LIMIT_REACHED", "search results exceed 2000 records")
    return pageOf(found, r.query, 200)
  }),
  route("GET", new RegExp(`^${V}/${NAME}/${ID}/__timeline$`), (_r, [module = "", id = ""], { state }) => {
    if (!(moduleRows(state, module) ?? []).some((row) => row["id"] === id)) return crmError(400, "INVALID_DATA", "the id given seems to be invalid")
    const entries = state.world.timelines[id] ?? []
    if (entries.length === 0) return respond(204)
    return respond(200, { __timeline: entries, info: { per_page: 200, count: entries.length, page: 1, more_records: false } })
  }),
  route("GET", new RegExp(`^${V}/${NAME}/${ID}/${NAME}$`), (r, [module = "", id = "", list = ""], { state }) => {
    if (!(moduleRows(state, module) ?? []).some((row) => row["id"] === id)) return crmError(400, "INVALID_DATA", "the id given seems to be invalid")
    const rows = related(state, module, id, list)
    if (rows === undefined) return crmError(400, "INVALID_DATA", "the related list name given seems to be invalid")
    return pageOf(rows.map((row) => withFields(row, r.query.get("fields"))), r.query, 200)
  }),
  route("GET", new RegExp(`^${V}/${NAME}/${ID}$`), (r, [module = "", id = ""], { state }) => {
    const rows = moduleRows(state, module)
    if (rows === undefined) return crmError(400, "INVALID_MODULE", "the module name given seems to be invalid")
    const row = rows.find((x) => x["id"] === id)
    return row === undefined ? respond(204) : respond(200, { data: [withFields(row, r.query.get("fields"))] })
  }),
  route("PUT", new RegExp(`^${V}/${NAME}/${ID}$`), (r, [module = "", id = ""], { state }) => update(state, module, r.body, id), true),
  route("PUT", new RegExp(`^${V}/${NAME}$`), (r, [module = ""], { state }) => update(state, module, r.body, undefined), true),
  route("POST", new RegExp(`^${V}/Notes$`), (r, _, { state }) => createNotes(state, r.body), true)
]

