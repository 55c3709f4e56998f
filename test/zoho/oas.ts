import * as fs from "node:fs"
import * as path from "node:path"

/**
 * A small checker of recorded requests against Zoho's official OpenAPI files: the operation
 * exists for the method and path, every required parameter is sent, every query parameter sent is
 * declared (and within its enum / bounds), and the JSON body has the required fields.
 */
type Node = { readonly [key: string]: unknown }

/** A copy of shared/spec/zoho-oas, committed so the check runs from a plain clone. */
export const OAS_DIR = path.resolve(import.meta.dirname, "../fixtures/zoho-oas")

const cache = new Map<string, Node>()
const load = (file: string): Node => {
  const known = cache.get(file)
  if (known !== undefined) return known
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as Node
  cache.set(file, parsed)
  return parsed
}

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v)

/** Follows `$ref` (local or `./Other.json#/…`) until a plain node; returns it with its file. */
const deref = (file: string, node: unknown): { readonly file: string; readonly node: Node } => {
  let currentFile = file
  let current = node
  for (let i = 0; i < 10 && isNode(current) && typeof current["$ref"] === "string"; i++) {
    const [target = "", pointer = ""] = (current["$ref"] as string).split("#")
    if (target !== "") currentFile = path.resolve(path.dirname(currentFile), target)
    let walked: unknown = load(currentFile)
    for (const part of pointer.split("/").filter((p) => p !== "")) walked = isNode(walked) ? walked[part] : undefined
    current = walked
  }
  return { file: currentFile, node: isNode(current) ? current : {} }
}

interface Operation {
  readonly file: string
  readonly template: string
  readonly pattern: RegExp
  readonly literalSegments: number
  readonly method: string
  readonly op: Node
  readonly pathParameters: ReadonlyArray<unknown>
}

let operations: ReadonlyArray<Operation> | undefined
const allOperations = (): ReadonlyArray<Operation> => {
  if (operations !== undefined) return operations
  const out: Array<Operation> = []
  for (const dir of ["desk", "crm"]) {
    for (const name of fs.readdirSync(path.join(OAS_DIR, dir))) {
      const file = path.join(OAS_DIR, dir, name)
      const paths = load(file)["paths"]
      if (!isNode(paths)) continue
      for (const [template, item] of Object.entries(paths)) {
        if (!isNode(item)) continue
        for (const [method, op] of Object.entries(item)) {
          if (!isNode(op) || !["get", "post", "put", "patch", "delete"].includes(method)) continue
          const segments = template.split("/")
          out.push({
            file,
            template,
            pattern: new RegExp(`^${segments.map((s) => (s.startsWith("{") ? "[^/]+" : s)).join("/")}$`),
            literalSegments: segments.filter((s) => !s.startsWith("{")).length,
            method: method.toUpperCase(),
            op,
            pathParameters: Array.isArray(item["parameters"]) ? item["parameters"] : []
          })
        }
      }
    }
  }
  operations = out
  return out
}

export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headerNames: ReadonlyArray<string>
  readonly body: unknown
}

/** Required properties, including those of `allOf` parts. */
const requiredOf = (file: string, schema: Node): ReadonlyArray<string> => [
  ...(Array.isArray(schema["required"]) ? (schema["required"] as Array<string>) : []),
  ...(Array.isArray(schema["allOf"]) ? schema["allOf"].flatMap((part) => {
    const resolved = deref(file, part)
    return requiredOf(resolved.file, resolved.node)
  }) : [])
]

const bodyProblems = (operation: Operation, body: unknown): ReadonlyArray<string> => {
  if (operation.op["requestBody"] === undefined) return []
  const requestBody = deref(operation.file, operation.op["requestBody"])
  const content = requestBody.node["content"]
  const json = isNode(content) ? content["application/json"] : undefined
  if (!isNode(json)) return []
  if (body === undefined) return requestBody.node["required"] === true ? ["a body is required"] : []
  if (!isNode(body)) return ["the body is not a JSON object"]
  const schema = deref(requestBody.file, json["schema"])
  const oneOf = schema.node["oneOf"]
  if (Array.isArray(oneOf)) {
    const discriminator = schema.node["discriminator"]
    const mapping = isNode(discriminator) && isNode(discriminator["mapping"]) ? discriminator["mapping"] : undefined
    const property = isNode(discriminator) ? String(discriminator["propertyName"]) : undefined
    const chosen = mapping !== undefined && property !== undefined ? mapping[String(body[property])] : undefined
    const branches = chosen !== undefined ? [{ $ref: chosen }] : oneOf
    const required = branches.map((b) => {
      const resolved = deref(schema.file, b)
      return requiredOf(resolved.file, resolved.node)
    })
    const fits = required.some((fields) => fields.every((f) => f in body))
    return fits ? [] : [`the body fits no oneOf branch (${required.map((r) => r.join("+")).join(" | ")})`]
  }
  return requiredOf(schema.file, schema.node).filter((f) => !(f in body)).map((f) => `body field ${f} is required`)
}

/** What is wrong with `request` against the OAS; an empty list when it is a valid operation. */
export const checkRequest = (request: RecordedRequest): ReadonlyArray<string> => {
  const path = request.path.replace(/^\/crm\/v\d+\//, "/crm/v8/")
  const candidates = allOperations()
    .filter((o) => o.method === request.method && o.pattern.test(path))
    .sort((a, b) => b.literalSegments - a.literalSegments)
  const best = candidates.filter((c) => c.literalSegments === candidates[0]?.literalSegments)
  if (best.length === 0) return [`no operation ${request.method} ${path}`]
  // Two files may declare the same path (CRM search): the request is valid if one accepts it.
  const verdicts = best.map((operation) => checkOperation(operation, request))
  return verdicts.find((v) => v.length === 0) ?? verdicts[0] ?? []
}

const checkOperation = (operation: Operation, request: RecordedRequest): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const parameters = [...operation.pathParameters, ...(Array.isArray(operation.op["parameters"]) ? operation.op["parameters"] : [])].map(
    (p) => deref(operation.file, p).node
  )
  const declaredQuery = new Set(parameters.filter((p) => p["in"] === "query").map((p) => String(p["name"])))
  for (const p of parameters) {
    const name = String(p["name"])
    const where = p["in"]
    const sent =
      where === "query" ? request.query[name] : where === "header" ? (request.headerNames.includes(name.toLowerCase()) ? "" : undefined) : where === "path" ? "" : undefined
    if (p["required"] === true && sent === undefined) problems.push(`required ${String(where)} parameter ${name} is missing`)
    if (where !== "query" || sent === undefined) continue
    const schema = isNode(p["schema"]) ? deref(operation.file, p["schema"]).node : {}
    const itemSchema = isNode(schema["items"]) ? deref(operation.file, schema["items"]).node : schema
    const enumValues = Array.isArray(itemSchema["enum"]) ? (itemSchema["enum"] as Array<unknown>).map(String) : undefined
    const values = schema["type"] !== undefined && JSON.stringify(schema["type"]).includes("array") ? sent.split(",") : [sent]
    for (const value of values) {
      // Desk documents a "-" prefix for descending order on sortBy.
      const bare = name === "sortBy" ? value.replace(/^-/, "") : value
      if (enumValues !== undefined && !enumValues.includes(bare)) problems.push(`${name}=${value} is not one of ${enumValues.join(",")}`)
      if (typeof schema["maximum"] === "number" && Number(value) > schema["maximum"]) problems.push(`${name}=${value} exceeds ${schema["maximum"]}`)
      if (typeof schema["minimum"] === "number" && Number(value) < schema["minimum"]) problems.push(`${name}=${value} is below ${schema["minimum"]}`)
    }
  }
  for (const name of Object.keys(request.query)) {
    if (!declaredQuery.has(name)) problems.push(`query parameter ${name} is not declared`)
  }
  problems.push(...bodyProblems(operation, request.body))
  return problems.map((p) => `${request.method} ${operation.template}: ${p}`)
}
