import type { JsonRecord, JsonValue } from "./world.ts"

/**
 * Zoho CRM search criteria, `((Field:op:value)and(Field:op:value))`, parsed and evaluated over
 * plain records. Values escape `(`, `)` and `,` with a backslash. `equals` compares text without
 * case; `null` matches an empty field; a lookup matches by id or name.
 */
export type Criteria =
  | { readonly kind: "condition"; readonly field: string; readonly op: string; readonly value: string }
  | { readonly kind: "and" | "or"; readonly left: Criteria; readonly right: Criteria }

export class CriteriaError extends Error {}

export const OPERATORS = [
  "equals", "not_equal", "starts_with", "in", "greater_than", "greater_equal", "less_than", "less_equal", "between"
] as const

export const parseCriteria = (text: string): Criteria => {
  let pos = 0
  const peek = () => text[pos]
  const expect = (c: string) => {
    if (text[pos] !== c) throw new CriteriaError(`expected '${c}' at ${pos}`)
    pos++
  }
  const readCondition = (): Criteria => {
    let raw = ""
    while (pos < text.length && text[pos] !== ")") {
      if (text[pos] === "\\" && pos + 1 < text.length) {
        raw += text[pos + 1]
        pos += 2
      } else raw += text[pos++]
    }
    const first = raw.indexOf(":")
    const second = raw.indexOf(":", first + 1)
    if (first <= 0 || second < 0) throw new CriteriaError(`malformed condition '${raw}'`)
    const op = raw.slice(first + 1, second)
    if (!(OPERATORS as ReadonlyArray<string>).includes(op)) throw new CriteriaError(`unknown operator '${op}'`)
    return { kind: "condition", field: raw.slice(0, first), op, value: raw.slice(second + 1) }
  }
  const readGroup = (): Criteria => {
    expect("(")
    const inner = peek() === "(" ? readExpression() : readCondition()
    expect(")")
    return inner
  }
  const readExpression = (): Criteria => {
    let left = readGroup()
    for (;;) {
      const rest = text.slice(pos).toLowerCase()
      const joiner = rest.startsWith("and") ? "and" : rest.startsWith("or") ? "or" : undefined
      if (joiner === undefined) return left
      pos += joiner.length
      left = { kind: joiner, left, right: readGroup() }
    }
  }
  const result = readExpression()
  if (pos !== text.length) throw new CriteriaError(`unexpected text at ${pos}`)
  return result
}

const isEmpty = (v: JsonValue | undefined) => v === undefined || v === null || v === ""

/** The comparable texts of a field value: itself, or a lookup's id and name. */
const textsOf = (v: JsonValue | undefined): ReadonlyArray<string> => {
  if (v === undefined || v === null) return []
  if (typeof v === "object" && !Array.isArray(v)) {
    const lookup = v as JsonRecord
    return [lookup["id"], lookup["name"]].filter((x): x is string => typeof x === "string")
  }
  return [String(v)]
}

const compare = (a: string, b: string): number => {
  const x = Number(a)
  const y = Number(b)
  return Number.isFinite(x) && Number.isFinite(y) && a.trim() !== "" && b.trim() !== "" ? x - y : a < b ? -1 : a > b ? 1 : 0
}

export interface MatchOptions {
  /** Zoho's documented quirk: `equals` on a plain text field behaves like "contains". */
  readonly equalsContains: boolean
}

const holds = (c: Extract<Criteria, { kind: "condition" }>, record: JsonRecord, options: MatchOptions): boolean => {
  const value = record[c.field]
  const texts = textsOf(value).map((t) => t.toLowerCase())
  const wanted = c.value.toLowerCase()
  switch (c.op) {
    case "equals":
      if (wanted === "null") return isEmpty(value)
      return options.equalsContains && typeof value === "string" ? texts.some((t) => t.includes(wanted)) : texts.includes(wanted)
    case "not_equal":
      return wanted === "null" ? !isEmpty(value) : !texts.includes(wanted)
    case "starts_with":
      return texts.some((t) => t.startsWith(wanted))
    case "in":
      return wanted.split(",").some((w) => texts.includes(w.trim()))
    case "between": {
      const [low = "", high = ""] = wanted.split(",")
      return texts.some((t) => compare(t, low) >= 0 && compare(t, high) <= 0)
    }
    default: {
      const sign = (t: string) => compare(t, wanted)
      const tests: Record<string, (n: number) => boolean> = {
        greater_than: (n) => n > 0,
        greater_equal: (n) => n >= 0,
        less_than: (n) => n < 0,
        less_equal: (n) => n <= 0
      }
      const test = tests[c.op]
      return test !== undefined && texts.some((t) => test(sign(t)))
    }
  }
}

export const matches = (criteria: Criteria, record: JsonRecord, options: MatchOptions = { equalsContains: false }): boolean =>
  criteria.kind === "condition"
    ? holds(criteria, record, options)
    : criteria.kind === "and"
      ? matches(criteria.left, record, options) && matches(criteria.right, record, options)
      : matches(criteria.left, record, options) || matches(criteria.right, record, options)

/** How many conditions a criteria holds (Zoho allows 10). */
export const conditionCount = (c: Criteria): number => (c.kind === "condition" ? 1 : conditionCount(c.left) + conditionCount(c.right))
