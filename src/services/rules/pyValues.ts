import { Data } from "effect"

/**
 * CRM values arrive exactly as Zoho returns them (strings, numbers, booleans, null, lookups).
 * The original system is written in Python; these helpers reproduce the few Python value
 * semantics its rules depend on (truthiness, `str()`, `float()`), so each rule converts its
 * inputs the way the original did.
 */

export type CrmRecord = { readonly [field: string]: unknown }

/** Python truthiness of a JSON-like value. */
export const truthy = (v: unknown): boolean => {
  if (v === null || v === undefined || v === false) return false
  if (typeof v === "number") return v !== 0
  if (typeof v === "string") return v.length > 0
  if (Array.isArray(v)) return v.length > 0
  if (typeof v === "object") return Object.keys(v as object).length > 0
  return true
}

/** Python `str()` of a JSON-like scalar (numbers keep Python's int/float spelling). */
export const pyStr = (v: unknown): string => {
  if (v === null || v === undefined) return "None"
  if (v === true) return "True"
  if (v === false) return "False"
  if (typeof v === "number") return String(v)
  if (typeof v === "string") return v
  return JSON.stringify(v)
}

/** Python `float()` of a value; `undefined` when Python would raise. */
export const pyFloat = (v: unknown): number | undefined => {
  if (typeof v === "boolean") return v ? 1 : 0
  if (typeof v === "number") return v
  if (typeof v !== "string") return undefined
  const s = v.trim().replace(/_/g, "")
  if (/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$/.test(s)) return Number(s)
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity
  if (/^[+-]?nan$/i.test(s)) return Number.NaN
  return undefined
}

/** Python `dict.get(key, default)`: the default only when the key is absent (not when null). */
export const getOr = <T>(rec: CrmRecord | null | undefined, key: string, fallback: T): unknown =>
  rec !== null && rec !== undefined && Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : fallback

export const isRecord = (v: unknown): v is CrmRecord => typeof v === "object" && v !== null && !Array.isArray(v)

/**
 * Thrown where the original raises a Python exception (`pythonClass`, e.g. "AttributeError"):
 * the rules that catch exceptions in the original catch it too; the others let it through.
 */
export class PythonError extends Data.TaggedError("PythonError")<{
  readonly pythonClass: string
  readonly reason: string
}> {
  override get message(): string {
    return `${this.pythonClass}: ${this.reason}`
  }
}
