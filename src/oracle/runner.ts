/**
 * The oracle runner: every case of every file through docflow's rules, tallied per file and per
 * compared key, with deviations applied. Pure: the caller reads the files and prints the report.
 */
import { diffLines, jsonEqual } from "./compare.ts"
import { DEVIATIONS, type Deviation } from "./deviations.ts"
import { evaluateDateCase } from "./evaluators/dateCases.ts"
import { evaluateExamDatesQuery, evaluateSession } from "./evaluators/queries.ts"
import { evaluateCanModify, evaluateEvalboxMapping, evaluateHelpers, evaluateUber } from "./evaluators/simple.ts"
import { evaluateStateCase, withStateColumns } from "./evaluators/states.ts"
import type { Comparison, Evaluator } from "./evaluators/types.ts"
import { decodeOracleText, kindOfFile, kindOfLine, type FileKind, type OracleLine } from "./format.ts"

export const EVALUATORS: Readonly<Record<FileKind, Evaluator>> = {
  date: withStateColumns(evaluateDateCase),
  uber: evaluateUber,
  session: evaluateSession,
  exam_dates_query: evaluateExamDatesQuery,
  can_modify: evaluateCanModify,
  evalbox_mapping: evaluateEvalboxMapping,
  helpers: evaluateHelpers,
  state: evaluateStateCase
}

export interface KeyTally {
  cases: number
  agreed: number
  disagreed: number
  excluded: number
  notCompared: number
}

export interface Disagreement {
  readonly caseId: string
  readonly key: string
  readonly diff: ReadonlyArray<string>
  /** a deviation on this file and key exists but its selector does not match this case */
  readonly unmatchedDeviation?: string
  /** the deviation's selector matches, but run the original's way docflow still disagrees */
  readonly unexplainedBy?: string
}

export interface FileReport {
  readonly path: string
  readonly kind: FileKind | undefined
  readonly cases: number
  readonly keys: Map<string, KeyTally>
  readonly disagreements: Array<Disagreement>
  readonly errors: Array<string>
  readonly excludedBy: Map<string, number>
}

const tally = (report: FileReport, key: string): KeyTally => {
  let t = report.keys.get(key)
  if (!t) {
    t = { cases: 0, agreed: 0, disagreed: 0, excluded: 0, notCompared: 0 }
    report.keys.set(key, t)
  }
  return t
}

const caseIdOf = (line: OracleLine, index: number) => line.id ?? `#${index + 1}`

/** The deviation explains the difference: run the original's way, docflow agrees on this key. */
const originalAgrees = (d: Deviation, line: OracleLine, c: Comparison & { readonly _tag: "Compared" }): boolean => {
  try {
    const replay = d.original(line).find((o) => o.key === c.key)
    return replay !== undefined && replay._tag === "Compared" && jsonEqual(c.expected, replay.actual)
  } catch {
    return false
  }
}

const record = (
  report: FileReport, kind: FileKind, line: OracleLine, index: number, c: Comparison, deviations: ReadonlyArray<Deviation>
) => {
  const t = tally(report, c.key)
  t.cases++
  if (c._tag === "NotCompared") {
    t.notCompared++
    return
  }
  if (jsonEqual(c.expected, c.actual)) {
    t.agreed++
    return
  }
  const candidates = deviations.filter((d) => d.file === kind && d.keys.includes(c.key))
  const selected = candidates.filter((d) => d.selector(line))
  const excusing = selected.find((d) => originalAgrees(d, line, c))
  if (excusing) {
    t.excluded++
    report.excludedBy.set(excusing.id, (report.excludedBy.get(excusing.id) ?? 0) + 1)
    return
  }
  t.disagreed++
  const note = selected[0]
    ? { unexplainedBy: selected[0].id }
    : candidates[0] ? { unmatchedDeviation: candidates[0].id } : {}
  report.disagreements.push({ caseId: caseIdOf(line, index), key: c.key, diff: diffLines(c.expected, c.actual), ...note })
}

export const runOracleText = (path: string, text: string, deviations: ReadonlyArray<Deviation> = DEVIATIONS): FileReport => {
  const { lines, errors } = decodeOracleText(text)
  const fileKind = kindOfFile(path)
  const report: FileReport = {
    path, kind: fileKind, cases: lines.length, keys: new Map(), disagreements: [], excludedBy: new Map(),
    errors: errors.map((e) => `line ${e.line}: ${e.message}`)
  }
  lines.forEach((line, index) => {
    const kind = fileKind ?? kindOfLine(line)
    if (!kind) {
      report.errors.push(`${caseIdOf(line, index)}: cannot tell which rules this case exercises`)
      return
    }
    let comparisons: ReadonlyArray<Comparison>
    try {
      comparisons = EVALUATORS[kind](line)
    } catch (e) {
      report.errors.push(`${caseIdOf(line, index)}: ${e instanceof Error ? e.message : String(e)}`)
      return
    }
    for (const c of comparisons) record(report, kind, line, index, c, deviations)
  })
  return report
}

export interface Totals extends KeyTally {
  readonly errors: number
}

export const totalsOf = (reports: ReadonlyArray<FileReport>): Totals => {
  const t = { cases: 0, agreed: 0, disagreed: 0, excluded: 0, notCompared: 0, errors: 0 }
  for (const r of reports) {
    t.cases += r.cases
    t.errors += r.errors.length
    for (const k of r.keys.values()) {
      t.agreed += k.agreed
      t.disagreed += k.disagreed
      t.excluded += k.excluded
      t.notCompared += k.notCompared
    }
  }
  return t
}

export const passed = (reports: ReadonlyArray<FileReport>): boolean => {
  const t = totalsOf(reports)
  return t.disagreed === 0 && t.errors === 0
}

/** Human-readable report; the last line sums everything up. */
export const formatReport = (reports: ReadonlyArray<FileReport>, maxDiffs = 5): string => {
  const out: Array<string> = []
  for (const r of reports) {
    out.push(`== ${r.path} (${r.kind ?? "kind from each line"}): ${r.cases} cases`)
    const width = Math.max(10, ...[...r.keys.keys()].map((k) => k.length))
    out.push(`  ${"key".padEnd(width)}  cases  agreed  disagreed  excluded`)
    const later: Array<string> = []
    for (const [key, t] of [...r.keys.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      if (t.notCompared === t.cases) {
        later.push(`  not yet compared: ${key} (${t.cases})`)
        continue
      }
      out.push(`  ${key.padEnd(width)}  ${String(t.cases).padStart(5)}  ${String(t.agreed).padStart(6)}  ${String(t.disagreed).padStart(9)}  ${String(t.excluded).padStart(8)}`)
    }
    out.push(...later)
    for (const [id, n] of r.excludedBy) out.push(`  deviation ${id} excludes ${n} case(s)`)
    for (const e of r.errors.slice(0, maxDiffs)) out.push(`  ERROR ${e}`)
    if (r.errors.length > maxDiffs) out.push(`  … ${r.errors.length - maxDiffs} more error(s)`)
    for (const d of r.disagreements.slice(0, maxDiffs)) {
      const why = d.unmatchedDeviation
        ? ` (not excused: ${d.unmatchedDeviation} selector does not match)`
        : d.unexplainedBy ? ` (not excused: ${d.unexplainedBy} does not explain it — the original's way disagrees too)` : ""
      out.push(`  DISAGREE ${d.caseId} ${d.key}${why}`)
      for (const line of d.diff) out.push(`    ${line}`)
    }
    if (r.disagreements.length > maxDiffs) out.push(`  … ${r.disagreements.length - maxDiffs} more disagreement(s)`)
  }
  const t = totalsOf(reports)
  out.push(
    `TOTAL files=${reports.length} cases=${t.cases} agreed=${t.agreed} disagreed=${t.disagreed} excluded=${t.excluded} not-compared=${t.notCompared} errors=${t.errors} → ${passed(reports) ? "PASS" : "FAIL"}`
  )
  return out.join("\n")
}
