/** What an evaluator returns for one oracle case: one entry per compared key. */
import type { CrmRecord } from "../../services/rules/pyValues.ts"
import type { ProposedSession } from "../../services/rules/sessions.ts"
import type { OracleLine } from "../format.ts"

export type Comparison =
  | { readonly _tag: "Compared"; readonly key: string; readonly expected: unknown; readonly actual: unknown }
  | { readonly _tag: "NotCompared"; readonly key: string; readonly reason: string }

export type Evaluator = (line: OracleLine) => ReadonlyArray<Comparison>

export const compared = (key: string, expected: unknown, actual: unknown): Comparison => ({ _tag: "Compared", key, expected, actual })
export const notCompared = (key: string, reason: string): Comparison => ({ _tag: "NotCompared", key, reason })

/** Compare each listed key of `expected` that is present. */
export const compareKeys = (
  expected: Readonly<Record<string, unknown>>,
  actual: Readonly<Record<string, unknown>>,
  keys: ReadonlyArray<string>,
  prefix = ""
): ReadonlyArray<Comparison> =>
  keys.filter((k) => k in expected).map((k) => compared(prefix + k, expected[k], actual[k]))

export const todayOf = (line: OracleLine): string => {
  if (typeof line.today !== "string") throw new Error("case has no `today`")
  return line.today
}

export const asRecords = (v: unknown): ReadonlyArray<CrmRecord> =>
  Array.isArray(v) ? v.filter((r): r is CrmRecord => typeof r === "object" && r !== null && !Array.isArray(r)) : []

export const ids = (records: ReadonlyArray<CrmRecord>): ReadonlyArray<unknown> => records.map((r) => r.id ?? null)

/** A chosen training session as the oracle files record it. */
export const reduceSession = (s: ProposedSession | null): unknown => {
  if (s === null) return null
  const out: Record<string, unknown> = {
    id: s.id ?? null,
    Name: s.Name ?? null,
    session_type: s.session_type,
    session_type_label: s.session_type_label
  }
  if (s.days_before_exam !== undefined) out.days_before_exam = s.days_before_exam
  if (s.already_started) out.already_started = true
  return out
}
