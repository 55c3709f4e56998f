import { parseHtml, textNodes, type HtmlElement } from "./html.ts"

/**
 * The page as the portal parser sees it (spec/EXAMT3P_PORTAL.md §2.0): every text node outside
 * script/style/template/comments, joined with a single "\n", whitespace inside nodes kept.
 * Deliberate hardening: the text is NFC-normalised and typographic apostrophes become ASCII, so a
 * "’" no longer defeats the document-name matches (§5 item 8).
 */
export interface Page {
  readonly root: HtmlElement
  readonly text: string
}

export const normaliseText = (text: string): string => text.normalize("NFC").replace(/[\u2019\u2018\u02bc]/g, "'")

export const loadPage = (html: string): Page => {
  const root = parseHtml(html)
  return { root, text: normaliseText(textNodes(root).join("\n")) }
}

/** JS `\b` is ASCII-only: these lookarounds give a word boundary that knows accented letters. */
export const WB_START = "(?<![\\p{L}\\p{N}])"
export const WB_END = "(?![\\p{L}\\p{N}])"

const MONTHS: Readonly<Record<string, number>> = {
  janvier: 1, "février": 2, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7,
  "août": 8, aout: 8, septembre: 9, octobre: 10, novembre: 11, "décembre": 12, decembre: 12
}

export const monthNumber = (word: string): number | undefined => MONTHS[word.toLowerCase()]

const pad2 = (n: number): string => String(n).padStart(2, "0")

/** `24 février 2026` → `24/02/2026`; undefined when the month word is not French or the day is off. */
export const frenchDateToDmy = (day: string, month: string, year: string): string | undefined => {
  const m = monthNumber(month)
  const d = Number(day)
  if (m === undefined || !Number.isInteger(d) || d < 1 || d > 31) return undefined
  return `${pad2(d)}/${pad2(m)}/${year}`
}

/** Day, French month word, 4-digit year; the month word is letters a–z, é, û, à (ci). */
export const FRENCH_DATE = "(\\d{1,2})\\s+([a-zéûà]+)\\s+(\\d{4})"

/** `241,00` / `241.00` / `1 241,00` → 241; undefined for anything else. */
export const parseAmount = (raw: string): number | undefined => {
  const compact = raw.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".")
  const value = Number(compact)
  return compact !== "" && Number.isFinite(value) ? value : undefined
}

/** Lines of the page text, trimmed, blank ones dropped: the view used by "label then value" reads. */
export const nonBlankLines = (text: string): Array<string> =>
  text.split("\n").map((line) => line.trim()).filter((line) => line.length > 0)

/** The first non-blank line after the first line that equals `label` (trimmed, cs). */
export const valueAfterLabel = (lines: ReadonlyArray<string>, labels: ReadonlyArray<string>): string | undefined => {
  const index = lines.findIndex((line) => labels.includes(line.replace(/\s*:\s*$/, "")))
  return index < 0 ? undefined : lines[index + 1]
}
