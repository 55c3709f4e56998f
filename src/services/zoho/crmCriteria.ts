/**
 * Builders for Zoho CRM search criteria: `(Field:op:value)` joined with `and` / `or`. Values
 * escape `\`, `(`, `)` and `,` with a backslash, as Zoho requires; the HTTP layer URL-encodes.
 */
export type CriteriaOperator =
  | "equals"
  | "not_equal"
  | "starts_with"
  | "in"
  | "greater_than"
  | "greater_equal"
  | "less_than"
  | "less_equal"
  | "between"

export const escapeCriteriaValue = (value: string): string => value.replace(/[\\(),]/g, (c) => `\\${c}`)

export const condition = (field: string, op: CriteriaOperator, value: string | number | null): string =>
  `(${field}:${op}:${value === null ? "null" : escapeCriteriaValue(String(value))})`

const join = (word: "and" | "or", parts: ReadonlyArray<string>): string =>
  parts.length === 1 ? (parts[0] as string) : `(${parts.join(word)})`

export const allOf = (...parts: ReadonlyArray<string>): string => join("and", parts)
export const anyOf = (...parts: ReadonlyArray<string>): string => join("or", parts)
