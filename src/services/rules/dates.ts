/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`), with day arithmetic done on UTC day numbers so
 * that nothing depends on the machine's time zone. Parsing reproduces the original's
 * `parse_date_flexible` / `parse_datetime_flexible` (Python `strptime` / `fromisoformat`).
 */
import { PythonError, pyStr, truthy } from "./pyValues.ts"

export type IsoDate = string

const MS_PER_DAY = 86_400_000

export const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate()

export const isoFromParts = (y: number, m: number, d: number): IsoDate =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`

/** Days since 1970-01-01 of an ISO date (proleptic Gregorian, like Python's `date`). */
export const dayNumber = (iso: IsoDate): number => {
  const y = Number(iso.slice(0, 4))
  const m = Number(iso.slice(5, 7))
  const d = Number(iso.slice(8, 10))
  const t = new Date(0)
  t.setUTCFullYear(y, m - 1, d)
  return Math.round(t.getTime() / MS_PER_DAY)
}

export const fromDayNumber = (n: number): IsoDate => {
  const t = new Date(n * MS_PER_DAY)
  return isoFromParts(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())
}

export const addDays = (iso: IsoDate, days: number): IsoDate => fromDayNumber(dayNumber(iso) + days)

/** `(b - a).days` */
export const daysBetween = (a: IsoDate, b: IsoDate): number => dayNumber(b) - dayNumber(a)

/** dd/mm/yyyy */
export const toDisplay = (iso: IsoDate): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

// ---------------------------------------------------------------------------------------------
// Python strptime emulation for the handful of formats the original uses.

const DIRECTIVES: Record<string, string> = {
  Y: "(\\d\\d\\d\\d)",
  m: "(1[0-2]|0[1-9]|[1-9])",
  d: "(3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])",
  H: "(2[0-3]|[0-1]\\d|\\d)",
  M: "([0-5]\\d|\\d)",
  S: "(6[0-1]|[0-5]\\d|\\d)",
  f: "([0-9]{1,6})",
  z: "([+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?|Z)"
}

interface Compiled {
  readonly regex: RegExp
  readonly fields: ReadonlyArray<string>
}

const compiled = new Map<string, Compiled>()

const compile = (format: string): Compiled => {
  const hit = compiled.get(format)
  if (hit) return hit
  let src = ""
  const fields: Array<string> = []
  for (let i = 0; i < format.length; i++) {
    const c = format[i] as string
    if (c === "%" && i + 1 < format.length) {
      const k = format[++i] as string
      src += DIRECTIVES[k] ?? ""
      fields.push(k)
    } else if (/\s/.test(c)) {
      src += "\\s+"
    } else {
      src += c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")
    }
  }
  const result = { regex: new RegExp(`^${src}$`, "i"), fields }
  compiled.set(format, result)
  return result
}

export interface PyDateTime {
  readonly date: IsoDate
  readonly hour: number
  readonly minute: number
  readonly second: number
  readonly micro: number
  /** UTC offset in seconds; `null` for a naive datetime */
  readonly offset: number | null
}

const offsetSeconds = (z: string): number => {
  if (z.toUpperCase() === "Z") return 0
  const sign = z.startsWith("-") ? -1 : 1
  const digits = z.slice(1).replace(/:/g, "")
  const h = Number(digits.slice(0, 2))
  const m = Number(digits.slice(2, 4))
  const s = digits.length >= 6 ? Number(digits.slice(4, 6)) : 0
  return sign * (h * 3600 + m * 60 + s)
}

const build = (
  y: number, mo: number, d: number, h: number, mi: number, s: number, us: number, offset: number | null
): PyDateTime | undefined => {
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined
  if (h > 23 || mi > 59 || s > 59) return undefined
  return { date: isoFromParts(y, mo, d), hour: h, minute: mi, second: s, micro: us, offset }
}

/** Python `datetime.strptime(text, format)`; `undefined` where Python raises ValueError. */
export const strptime = (text: string, format: string): PyDateTime | undefined => {
  const { regex, fields } = compile(format)
  const m = regex.exec(text)
  if (!m) return undefined
  const v: Record<string, string> = {}
  fields.forEach((f, i) => {
    v[f] = m[i + 1] ?? ""
  })
  const num = (k: string, dflt: number) => (v[k] !== undefined && v[k] !== "" ? Number(v[k]!.trim()) : dflt)
  const us = v.f !== undefined ? Number(v.f.padEnd(6, "0")) : 0
  return build(num("Y", 1900), num("m", 1), num("d", 1), num("H", 0), num("M", 0), num("S", 0), us,
    v.z !== undefined ? offsetSeconds(v.z) : null)
}

/** The original's format list, in priority order, with `len(now.strftime(fmt))` for a naive now. */
const FORMATS: ReadonlyArray<readonly [string, number]> = [
  ["%Y-%m-%d", 10],
  ["%Y-%m-%dT%H:%M:%S", 19],
  ["%Y-%m-%dT%H:%M:%S.%f", 26],
  ["%Y-%m-%dT%H:%M:%S%z", 19],
  ["%Y-%m-%dT%H:%M:%SZ", 20],
  ["%d/%m/%Y", 10],
  ["%d-%m-%Y", 10]
]

/**
 * `parse_date_flexible`: the first 10 characters as `%Y-%m-%d`, else each format on the input
 * (with `Z` spelled `+00:00`) truncated to the format's printed length.
 */
export const parseDateFlexible = (input: unknown): IsoDate | null => {
  if (input === null || input === undefined) return null
  const text = pyStr(input).trim()
  if (text === "") return null
  const clean = text.replace(/Z/g, "+00:00")
  if (text.length >= 10) {
    const first = strptime(text.slice(0, 10), "%Y-%m-%d")
    if (first) return first.date
  }
  for (const [format, length] of FORMATS) {
    const candidate = clean.length > length ? clean.slice(0, length) : clean
    const parsed = strptime(candidate, format)
    if (parsed) return parsed.date
  }
  return null
}

const ISO_RE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:.(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,6}))?)?)?)?(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d{1,6})?)?)?)?$/

/** Python 3.11+ `datetime.fromisoformat` for the shapes CRM data uses. */
export const fromIsoFormat = (text: string): PyDateTime | undefined => {
  const m = ISO_RE.exec(text)
  if (!m) return undefined
  const basic = !text.slice(0, 10).includes("-")
  if (basic && /^\d{4}-/.test(text)) return undefined
  if (m[4] === undefined && m[8] !== undefined) return undefined
  const us = m[7] !== undefined ? Number(m[7].padEnd(6, "0")) : 0
  return build(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), us,
    m[8] !== undefined ? offsetSeconds(m[8]) : null)
}

/** `parse_datetime_flexible`: `fromisoformat` (Z → +00:00), else the format list untruncated. */
export const parseDatetimeFlexible = (input: unknown): PyDateTime | null => {
  if (input === null || input === undefined) return null
  const text = pyStr(input).trim()
  if (text === "") return null
  const iso = fromIsoFormat(text.replace(/Z/g, "+00:00"))
  if (iso) return iso
  for (const [format] of FORMATS) {
    const parsed = strptime(text, format)
    if (parsed) return parsed
  }
  return null
}

const two = (n: number) => String(n).padStart(2, "0")

/** Python `datetime.isoformat()` */
export const pyIsoFormat = (dt: PyDateTime): string => {
  let out = `${dt.date}T${two(dt.hour)}:${two(dt.minute)}:${two(dt.second)}`
  if (dt.micro) out += `.${String(dt.micro).padStart(6, "0")}`
  if (dt.offset !== null) {
    const sign = dt.offset < 0 ? "-" : "+"
    const abs = Math.abs(dt.offset)
    out += `${sign}${two(Math.floor(abs / 3600))}:${two(Math.floor((abs % 3600) / 60))}`
    if (abs % 60) out += `:${two(abs % 60)}`
  }
  return out
}

/** Microseconds since epoch in the datetime's own wall clock (naive) or UTC (aware). */
const instant = (dt: PyDateTime): number =>
  (dayNumber(dt.date) * 86_400 + dt.hour * 3600 + dt.minute * 60 + dt.second - (dt.offset ?? 0)) * 1e6 + dt.micro

/** Python refuses to compare or subtract naive and aware datetimes. */
const checkComparable = (a: PyDateTime, b: PyDateTime): void => {
  if ((a.offset === null) !== (b.offset === null)) {
    throw new PythonError({ pythonClass: "TypeError", reason: "can't compare offset-naive and offset-aware datetimes" })
  }
}

export const compareDateTimes = (a: PyDateTime, b: PyDateTime): number => {
  checkComparable(a, b)
  return Math.sign(instant(a) - instant(b))
}

/** `(a - b).days` (floor division of the difference). */
export const dateTimeDaysDiff = (a: PyDateTime, b: PyDateTime): number => {
  checkComparable(a, b)
  return Math.floor((instant(a) - instant(b)) / 86_400e6)
}

export const dateTimeMinusDays = (dt: PyDateTime, days: number): PyDateTime => ({ ...dt, date: addDays(dt.date, -days) })

/** Python `date < today` on a flexible date string; unparseable or empty → false. */
export const isDateInPast = (value: unknown, today: IsoDate): boolean => {
  if (!truthy(value)) return false
  const d = parseDateFlexible(value)
  return d !== null && d < today
}
