/**
 * CRM reads expressed as data: the rules describe the Zoho CRM requests they need (module,
 * criteria string, page) and a data layer runs them. `evaluateSearch` runs a search over an
 * in-memory list of records with Zoho's semantics (criteria, record order, pages of `perPage`),
 * for the oracle runner and the sandbox.
 */
import { Data } from "effect"
import { CRM_PAGE_SIZE } from "./constants.ts"
import { isRecord, pyStr, type CrmRecord } from "./pyValues.ts"

export interface SearchRequest {
  readonly _tag: "Search"
  readonly module: string
  readonly criteria: string
  readonly page: number
  readonly perPage: number
}

export interface GetRecordRequest {
  readonly _tag: "GetRecord"
  readonly module: string
  readonly id: string
  /** how the original fetched it: its CRM client's `get_record`, or a raw REST GET */
  readonly via?: "client" | "rest"
}

export type CrmRequest = SearchRequest | GetRecordRequest

export const searchRequest = (module: string, criteria: string, page = 1, perPage = CRM_PAGE_SIZE): SearchRequest => ({
  _tag: "Search", module, criteria, page, perPage
})

/** One line per request, in the notation of the oracle files' `crm_requests`. */
export const describeRequest = (r: CrmRequest): string =>
  r._tag === "Search" ? `GET ${r.module}/search criteria=${r.criteria} page=${r.page}` : `GET ${r.module}/${r.id}`

/** The answer a data layer gives to one request; a failure makes the calling rule fall back. */
export type CrmAnswer<A> = { readonly _tag: "Ok"; readonly value: A } | { readonly _tag: "Failed"; readonly reason: string }

/**
 * What the rules need from the CRM. Synchronous on purpose: the rules stay pure and a data
 * layer answers from records it fetched beforehand (or the sandbox from its fixtures).
 */
export interface CrmReader {
  readonly search: (request: SearchRequest) => CrmAnswer<ReadonlyArray<CrmRecord>>
  readonly getRecord: (request: GetRecordRequest) => CrmAnswer<CrmRecord | null>
}

// ---------------------------------------------------------------------------------------------
// Criteria: `((Statut:equals:Actif)or(Statut:equals:null))and(Departement:equals:75)`

export type Criteria =
  | { readonly _tag: "Condition"; readonly field: string; readonly op: string; readonly value: string }
  | { readonly _tag: "And" | "Or"; readonly left: Criteria; readonly right: Criteria }

export class CriteriaSyntaxError extends Data.TaggedError("CriteriaSyntaxError")<{ readonly reason: string }> {}

export const parseCriteria = (text: string): Criteria => {
  let pos = 0
  const expectChar = (c: string) => {
    if (text[pos] !== c) throw new CriteriaSyntaxError({ reason: `expected '${c}' at ${pos} in ${text}` })
    pos++
  }
  const parseTerm = (): Criteria => {
    expectChar("(")
    let node: Criteria
    if (text[pos] === "(") {
      node = parseSequence()
    } else {
      const end = findClosing()
      const body = text.slice(pos, end)
      const first = body.indexOf(":")
      const second = body.indexOf(":", first + 1)
      if (first < 0 || second < 0) throw new CriteriaSyntaxError({ reason: `bad condition '${body}'` })
      node = { _tag: "Condition", field: body.slice(0, first), op: body.slice(first + 1, second), value: body.slice(second + 1) }
      pos = end
    }
    expectChar(")")
    return node
  }
  const findClosing = (): number => {
    const end = text.indexOf(")", pos)
    if (end < 0) throw new CriteriaSyntaxError({ reason: `unclosed condition in ${text}` })
    return end
  }
  const parseSequence = (): Criteria => {
    let node = parseTerm()
    for (;;) {
      const rest = text.slice(pos).toLowerCase()
      if (rest.startsWith("and(")) {
        pos += 3
        node = { _tag: "And", left: node, right: parseTerm() }
      } else if (rest.startsWith("or(")) {
        pos += 2
        node = { _tag: "Or", left: node, right: parseTerm() }
      } else {
        return node
      }
    }
  }
  const result = parseSequence()
  if (pos !== text.length) throw new CriteriaSyntaxError({ reason: `trailing text at ${pos} in ${text}` })
  return result
}

const INTEGER = /^-?\d+$/

/**
 * `equals` compares the field's text with the criteria value, as the oracle's emulation of Zoho
 * search does: 75 (number) is found by "75", but 6 is not found by "06".
 */
const equalsValue = (fieldValue: unknown, wanted: string): boolean => {
  if (wanted === "null") return fieldValue === null || fieldValue === undefined || fieldValue === ""
  if (fieldValue === null || fieldValue === undefined) return false
  if (isRecord(fieldValue)) return pyStr(fieldValue.name) === wanted
  return pyStr(fieldValue) === wanted
}

const compareValue = (fieldValue: unknown, wanted: string): number | undefined => {
  if (fieldValue === null || fieldValue === undefined || fieldValue === "") return undefined
  if (typeof fieldValue === "number" && INTEGER.test(wanted)) return Math.sign(fieldValue - Number(wanted))
  const s = pyStr(fieldValue)
  return s < wanted ? -1 : s > wanted ? 1 : 0
}

export const matchesCriteria = (record: CrmRecord, c: Criteria): boolean => {
  switch (c._tag) {
    case "And":
      return matchesCriteria(record, c.left) && matchesCriteria(record, c.right)
    case "Or":
      return matchesCriteria(record, c.left) || matchesCriteria(record, c.right)
    case "Condition": {
      const v = record[c.field]
      switch (c.op) {
        case "equals":
          return equalsValue(v, c.value)
        case "not_equal":
          return !equalsValue(v, c.value)
        case "greater_equal": {
          const cmp = compareValue(v, c.value)
          return cmp !== undefined && cmp >= 0
        }
        case "greater_than": {
          const cmp = compareValue(v, c.value)
          return cmp !== undefined && cmp > 0
        }
        case "less_equal": {
          const cmp = compareValue(v, c.value)
          return cmp !== undefined && cmp <= 0
        }
        case "less_than": {
          const cmp = compareValue(v, c.value)
          return cmp !== undefined && cmp < 0
        }
        case "starts_with":
          return v !== null && v !== undefined && pyStr(v).toLowerCase().startsWith(c.value.toLowerCase())
        default:
          throw new CriteriaSyntaxError({ reason: `unsupported operator ${c.op}` })
      }
    }
  }
}

/** One page of a search over `records`, in record order. */
export const evaluateSearch = (records: ReadonlyArray<CrmRecord>, request: SearchRequest): ReadonlyArray<CrmRecord> => {
  const criteria = parseCriteria(request.criteria)
  const matching = records.filter((r) => matchesCriteria(r, criteria))
  const start = (request.page - 1) * request.perPage
  return matching.slice(start, start + request.perPage)
}

/** A `CrmReader` over in-memory modules; it records every request it answers. */
export const inMemoryReader = (
  modules: Readonly<Record<string, ReadonlyArray<CrmRecord>>>,
  options: { readonly failing?: boolean } = {}
): CrmReader & { readonly requests: ReadonlyArray<CrmRequest> } => {
  const requests: Array<CrmRequest> = []
  return {
    requests,
    search: (request) => {
      requests.push(request)
      if (options.failing) return { _tag: "Failed", reason: "CRM unavailable" }
      return { _tag: "Ok", value: evaluateSearch(modules[request.module] ?? [], request) }
    },
    getRecord: (request) => {
      requests.push(request)
      if (options.failing) return { _tag: "Failed", reason: "CRM unavailable" }
      return { _tag: "Ok", value: (modules[request.module] ?? []).find((r) => pyStr(r.id) === request.id) ?? null }
    }
  }
}

/** Every page of a search (stops at a short or empty page, or after `maxPages`). */
export const searchAllPages = (
  crm: CrmReader,
  module: string,
  criteria: string,
  maxPages: number
): CrmAnswer<ReadonlyArray<CrmRecord>> => {
  const all: Array<CrmRecord> = []
  for (let page = 1; page <= maxPages; page++) {
    const answer = crm.search(searchRequest(module, criteria, page))
    if (answer._tag === "Failed") return answer
    if (answer.value.length === 0) break
    all.push(...answer.value)
    if (answer.value.length < CRM_PAGE_SIZE) break
  }
  return { _tag: "Ok", value: all }
}
