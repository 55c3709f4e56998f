/**
 * Compiles a schema's AST into a plain type guard, for the replay hot path. Only the node kinds
 * the event payloads use are compiled (strings, numbers, booleans, literals, unions, refinements,
 * structs without index signatures (optional properties included), `unknown`, and declarations that bring their own guard);
 * for anything else it returns undefined and the caller keeps `Schema.is`.
 *
 * The guard is derived from the very schema it speeds up, so the two cannot drift apart; a
 * property test checks they agree. Structs are checked exactly: an excess key fails the guard
 * (the full decoder then reports it).
 *
 * Each struct becomes a function of its own, generated as source text (`new Function`): its
 * property reads are then plain `u.name` reads with inline caches of their own. Closures made by
 * one interpreter function share theirs, so every payload type went through the same few
 * megamorphic keyed reads; generated, a payload check is about three times cheaper. Only names
 * and literals of our own schemas reach the source text, quoted with `JSON.stringify`; anything
 * else (refinement filters, declared guards, non-JSON literals) is passed in by reference.
 */
import { Option, SchemaAST } from "effect"

export type Guard = (u: unknown) => boolean

/** Declarations (Schema.declare) whose guard is known: registered by the module declaring them. */
const declaredGuards = new WeakMap<SchemaAST.AST, Guard>()

export const registerDeclaredGuard = (ast: SchemaAST.AST, guard: Guard): void => {
  declaredGuards.set(ast, guard)
}

const NO_OPTIONS: SchemaAST.ParseOptions = {}

/** What a guard's source text refers to: `refs[i]` in the generated code. */
type Refs = Array<unknown>

/** A JS expression that is true when the variable named `v` passes the check. */
type Check = (v: string) => string

const ref = (refs: Refs, value: unknown): string => `refs[${refs.push(value) - 1}]`

/** A literal as source text when JSON writes it exactly (strings, finite numbers, booleans, null). */
const literalSource = (literal: SchemaAST.LiteralValue): string | undefined =>
  typeof literal === "string" || typeof literal === "boolean" || literal === null || (typeof literal === "number" && Number.isFinite(literal) && !Object.is(literal, -0))
    ? JSON.stringify(literal)
    : undefined

const compileCheck = (ast: SchemaAST.AST, refs: Refs): Check | undefined => {
  switch (ast._tag) {
    case "StringKeyword":
      return (v) => `typeof ${v} === "string"`
    case "NumberKeyword":
      return (v) => `typeof ${v} === "number"`
    case "BooleanKeyword":
      return (v) => `typeof ${v} === "boolean"`
    case "UnknownKeyword":
      return () => "true"
    case "Literal": {
      const source = literalSource(ast.literal) ?? ref(refs, ast.literal)
      return (v) => `${v} === ${source}`
    }
    case "Union": {
      const members = ast.types.map((member) => compileCheck(member, refs))
      if (members.some((m) => m === undefined)) return undefined
      return (v) => `(${(members as ReadonlyArray<Check>).map((m) => `(${m(v)})`).join(" || ")})`
    }
    case "Refinement": {
      const from = compileCheck(ast.from, refs)
      if (from === undefined) return undefined
      const refinement = ast
      const passes = ref(refs, (u: unknown) => Option.isNone(refinement.filter(u, NO_OPTIONS, refinement)))
      return (v) => `(${from(v)}) && ${passes}(${v})`
    }
    case "Declaration": {
      const guard = declaredGuards.get(ast)
      if (guard === undefined) return undefined
      const name = ref(refs, guard)
      return (v) => `${name}(${v})`
    }
    case "TypeLiteral": {
      const guard = compileStruct(ast)
      if (guard === undefined) return undefined
      const name = ref(refs, guard)
      return (v) => `${name}(${v})`
    }
    default:
      return undefined
  }
}

/** One generated function per struct: the object test, each property's, then no excess key. */
const compileStruct = (ast: SchemaAST.TypeLiteral): Guard | undefined => {
  if (ast.indexSignatures.length > 0) return undefined
  const refs: Refs = []
  const lines = [
    `if (typeof u !== "object" || u === null || Array.isArray(u)) return false`,
    "let keys = 0",
    "for (const _ in u) keys++",
    "let present = 0"
  ]
  for (const property of ast.propertySignatures) {
    if (typeof property.name !== "string") return undefined
    const check = compileCheck(property.type, refs)
    if (check === undefined) return undefined
    const name = JSON.stringify(property.name)
    const valid = `{ const v = u[${name}]; if (!(${check("v")})) return false; present++ }`
    // An optional property (`optionalWith(…, { exact: true })`): absent, or present and valid.
    lines.push(property.isOptional ? `if (hasOwn.call(u, ${name})) ${valid}` : `if (!hasOwn.call(u, ${name})) return false; ${valid}`)
  }
  lines.push("return keys === present")
  const make = new Function("refs", `"use strict"; const hasOwn = Object.prototype.hasOwnProperty; return function guard(u) {\n${lines.join("\n")}\n}`) as (
    refs: Refs
  ) => Guard
  return make(refs)
}

export const compileGuard = (ast: SchemaAST.AST): Guard | undefined => {
  const refs: Refs = []
  const check = compileCheck(ast, refs)
  if (check === undefined) return undefined
  if (ast._tag === "TypeLiteral") return refs[0] as Guard
  const make = new Function("refs", `"use strict"; return function guard(v) { return ${check("v")} }`) as (refs: Refs) => Guard
  return make(refs)
}
