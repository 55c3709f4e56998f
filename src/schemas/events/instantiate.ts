/**
 * Makes a payload class's instance from data its guard has accepted, for the replay hot path:
 * what the class's constructor does, minus its second validation. Generated per class as source
 * text (like the guards, see `guard.ts`): a constructor that copies each field by name and whose
 * prototype is the class's, so V8 allocates it inline with one fixed hidden class.
 * `Object.setPrototypeOf` on the parsed object (a hidden-class change per record) and
 * `Object.assign(Object.create(…))` (a generic copy) both measured two to three times slower.
 */
import type { SchemaAST } from "effect"

export type Instantiate<P> = (fields: object) => P

/** Undefined when a field's name is not a string (the caller keeps its generic copy). */
export const compileInstantiate = <P>(ast: SchemaAST.TypeLiteral, prototype: object): Instantiate<P> | undefined => {
  const lines: Array<string> = []
  for (const property of ast.propertySignatures) {
    if (typeof property.name !== "string") return undefined
    const name = JSON.stringify(property.name)
    const copy = `this[${name}] = fields[${name}]`
    lines.push(property.isOptional ? `if (hasOwn.call(fields, ${name})) ${copy}` : copy)
  }
  const make = new Function(
    "prototype",
    `"use strict"; const hasOwn = Object.prototype.hasOwnProperty
function Payload(fields) {\n${lines.join("\n")}\n}
Payload.prototype = prototype
return (fields) => new Payload(fields)`
  ) as (prototype: object) => Instantiate<P>
  return make(prototype)
}
