/**
 * Compiles a schema's AST into a plain type guard, for the replay hot path. Only the node kinds
 * the event payloads use are compiled (strings, numbers, booleans, literals, unions, refinements,
 * structs without index signatures (optional properties included), `unknown`, and declarations that bring their own guard);
 * for anything else it returns undefined and the caller keeps `Schema.is`.
 *
 * The guard is derived from the very schema it speeds up, so the two cannot drift apart; a
 * property test checks they agree. Structs are checked exactly: an excess key fails the guard
 * (the full decoder then reports it).
 */
import { Option, SchemaAST } from "effect"

export type Guard = (u: unknown) => boolean

/** Declarations (Schema.declare) whose guard is known: registered by the module declaring them. */
const declaredGuards = new WeakMap<SchemaAST.AST, Guard>()

export const registerDeclaredGuard = (ast: SchemaAST.AST, guard: Guard): void => {
  declaredGuards.set(ast, guard)
}

const NO_OPTIONS: SchemaAST.ParseOptions = {}

export const compileGuard = (ast: SchemaAST.AST): Guard | undefined => {
  switch (ast._tag) {
    case "StringKeyword":
      return (u) => typeof u === "string"
    case "NumberKeyword":
      return (u) => typeof u === "number"
    case "BooleanKeyword":
      return (u) => typeof u === "boolean"
    case "UnknownKeyword":
      return () => true
    case "Literal": {
      const literal = ast.literal
      return (u) => u === literal
    }
    case "Union": {
      const members = ast.types.map(compileGuard)
      if (members.some((m) => m === undefined)) return undefined
      const guards = members as ReadonlyArray<Guard>
      return (u) => {
        for (const guard of guards) if (guard(u)) return true
        return false
      }
    }
    case "Refinement": {
      const from = compileGuard(ast.from)
      if (from === undefined) return undefined
      const refinement = ast
      return (u) => from(u) && Option.isNone(refinement.filter(u, NO_OPTIONS, refinement))
    }
    case "Declaration":
      return declaredGuards.get(ast)
    case "TypeLiteral": {
      if (ast.indexSignatures.length > 0) return undefined
      // An optional property (`optionalWith(…, { exact: true })`: absent, or present and valid).
      const properties: Array<readonly [PropertyKey, Guard, boolean]> = []
      for (const property of ast.propertySignatures) {
        const guard = compileGuard(property.type)
        if (guard === undefined) return undefined
        properties.push([property.name, guard, property.isOptional])
      }
      return (u) => {
        if (typeof u !== "object" || u === null || Array.isArray(u)) return false
        const record = u as Record<PropertyKey, unknown>
        let keys = 0
        for (const _ in record) keys++
        let present = 0
        for (const [name, guard, optional] of properties) {
          if (!Object.prototype.hasOwnProperty.call(record, name)) {
            if (optional) continue
            return false
          }
          if (!guard(record[name])) return false
          present++
        }
        return keys === present
      }
    }
    default:
      return undefined
  }
}
