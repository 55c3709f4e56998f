/** The oracle files' line format (see oracle/README.md): one JSON object per line. */
import { Either, ParseResult, Schema } from "effect"

/** Fields common to every file; each file kind reads its own other fields from `raw`. */
export const OracleLine = Schema.Struct(
  {
    id: Schema.optional(Schema.String),
    fn: Schema.optional(Schema.String),
    today: Schema.optional(Schema.NullOr(Schema.String)),
    expected: Schema.Record({ key: Schema.String, value: Schema.Unknown })
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)
export type OracleLine = typeof OracleLine.Type

const decodeLine = Schema.decodeUnknownEither(Schema.parseJson(OracleLine))

export interface LineError {
  readonly line: number
  readonly message: string
}

/** Decode a JSONL text; blank lines are skipped, bad lines are reported with their number. */
export const decodeOracleText = (text: string): { readonly lines: ReadonlyArray<OracleLine>; readonly errors: ReadonlyArray<LineError> } => {
  const lines: Array<OracleLine> = []
  const errors: Array<LineError> = []
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return
    const decoded = decodeLine(raw)
    if (Either.isRight(decoded)) lines.push(decoded.right)
    else errors.push({ line: i + 1, message: ParseResult.TreeFormatter.formatErrorSync(decoded.left) })
  })
  return { lines, errors }
}

/** Which evaluator a file needs, from its name (`date_cases.jsonl` → `date`). */
export const FILE_KINDS = ["date", "uber", "session", "exam_dates_query", "can_modify", "evalbox_mapping", "helpers", "state"] as const
export type FileKind = (typeof FILE_KINDS)[number]

export const kindOfFile = (path: string): FileKind | undefined => {
  const base = path.split(/[\\/]/).pop() ?? path
  const stem = base.replace(/\.jsonl$/i, "").replace(/_cases$/i, "")
  return FILE_KINDS.find((k) => stem === k || stem.startsWith(`${k}_`) || stem.endsWith(`_${k}`))
}

/** Guess the kind from a line's shape when the file name says nothing. */
export const kindOfLine = (line: OracleLine): FileKind | undefined => {
  const e = line.expected
  if ("date_analysis" in e) return "date"
  if ("primary" in e && "all" in e) return "state"
  if ("uber_case" in e) return "uber"
  if ("evalbox" in e && "input" in line) return "evalbox_mapping"
  if ("ids" in e) return "exam_dates_query"
  if ("sessions" in e || "proposed_options" in e) return "session"
  if ("crm_update_agent_can_modify" in e) return "can_modify"
  if ("value" in e || "raises" in e) return "helpers"
  return undefined
}
