/**
 * French date reading for triage (§1.2 row 1.a, §2.7 conventions): numeric dates, dates in words
 * ("le 31 mars", "1er avril 2026"), month mentions ("fin avril", "en mai") and the requested month.
 * Year rule: the year written, else the current year, else next year when that day is already past.
 */
import { fold } from "./normalize.ts"

/** Folded month spellings, with common abbreviations and typos, to month number. */
const monthWords: ReadonlyArray<readonly [string, number]> = [
  ["janvier", 1], ["janv", 1], ["janver", 1], ["fevrier", 2], ["fevr", 2], ["fev", 2], ["fevier", 2],
  ["fervier", 2], ["mars", 3], ["avril", 4], ["avr", 4], ["avrile", 4], ["avrill", 4], ["mai", 5],
  ["juin", 6], ["juillet", 7], ["juilet", 7], ["juil", 7], ["aout", 8], ["septembre", 9],
  ["setembre", 9], ["sept", 9], ["octobre", 10], ["oct", 10], ["novembre", 11], ["nov", 11],
  ["decembre", 12], ["dec", 12]
]
const monthByWord = new Map(monthWords)
const monthAlternation = [...monthWords]
  .map(([word]) => word)
  .sort((a, b) => b.length - a.length)
  .join("|")

export const monthNumber = (word: string): number | undefined => monthByWord.get(fold(word).replace(/\.$/, ""))

export const frenchMonthNames: ReadonlyArray<string> = [
  "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"
]

export interface FoundDate {
  readonly iso: string
  readonly index: number
  readonly raw: string
}

export interface FoundMonth {
  readonly month: number
  readonly index: number
  readonly raw: string
}

const pad = (n: number): string => String(n).padStart(2, "0")

const isValidDay = (year: number, month: number, day: number): boolean => {
  if (month < 1 || month > 12 || day < 1) return false
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day <= days
}

/** Year rule: explicit year, else this year, else next year when the day is already past. */
const resolveYear = (month: number, day: number, written: string | undefined, today: string): number => {
  const currentYear = Number(today.slice(0, 4))
  if (written !== undefined && written !== "") {
    const year = Number(written)
    return year < 100 ? 2000 + year : year
  }
  const candidate = `${currentYear}-${pad(month)}-${pad(day)}`
  return candidate < today ? currentYear + 1 : currentYear
}

const wordDate = new RegExp(
  `\\b(\\d{1,2})(?:er|eme)?\\s+(${monthAlternation})\\.?(?:\\s+(\\d{4}))?(?![a-z])`,
  "g"
)
const numericDate = /(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?(?![\d/.-]*\d)/g
const isoDate = /\b(\d{4})-(\d{2})-(\d{2})\b/g

/** Every calendar date written in the text, in reading order. `today` is `YYYY-MM-DD`. */
export const findDates = (text: string, today: string): ReadonlyArray<FoundDate> => {
  const hay = fold(text)
  const found: Array<FoundDate> = []
  const taken: Array<readonly [number, number]> = []
  const push = (index: number, raw: string, year: number, month: number, day: number): void => {
    if (!isValidDay(year, month, day)) return
    if (taken.some(([start, end]) => index < end && index + raw.length > start)) return
    taken.push([index, index + raw.length])
    found.push({ iso: `${year}-${pad(month)}-${pad(day)}`, index, raw })
  }
  for (const m of hay.matchAll(isoDate)) {
    push(m.index, m[0], Number(m[1]), Number(m[2]), Number(m[3]))
  }
  for (const m of hay.matchAll(wordDate)) {
    const month = monthNumber(m[2] ?? "")
    const day = Number(m[1])
    if (month === undefined) continue
    push(m.index, m[0], resolveYear(month, day, m[3], today), month, day)
  }
  for (const m of hay.matchAll(numericDate)) {
    const day = Number(m[1])
    const month = Number(m[2])
    // "9h-18h", "06.12.34.56.78" and times are not dates: require a plausible day/month pair
    if (m[3] === undefined && /\d[.-]\d/.test(m[0])) continue
    const yearText = m[3]
    if (yearText !== undefined && yearText.length === 3) continue
    push(m.index, m[0], resolveYear(month, day, yearText, today), month, day)
  }
  return found.sort((a, b) => a.index - b.index)
}

const monthMention = new RegExp(`(?<![a-z0-9])(${monthAlternation})\\.?(?![a-z])`, "g")

/**
 * Month names written without a day ("fin avril", "en mai", "session de juin"). "mai" and "mars"
 * are only months here: the folded text keeps them as words, and "mais" is a different word.
 */
export const findMonths = (text: string): ReadonlyArray<FoundMonth> => {
  const hay = fold(text)
  const found: Array<FoundMonth> = []
  for (const m of hay.matchAll(monthMention)) {
    const month = monthNumber(m[1] ?? "")
    if (month === undefined) continue
    // short abbreviations only count as months when they look like one ("oct.", "en dec")
    if ((m[1] ?? "").length <= 3 && !/^(mai)$/.test(m[1] ?? "") && !/(en|de|d'|fin|debut|mi-?)\s*$/.test(hay.slice(Math.max(0, m.index - 7), m.index))) continue
    found.push({ month, index: m.index, raw: m[0] })
  }
  return found
}

const requestCue =
  /(en|pour|vers|a partir d[eu]|a partir du mois d[e']|au mois d[e']|le mois d[e']|mois d[e']|fin|debut|mi-?|courant|plutot|session d[e']|date d[e']|dates d[e']|examen d[e']|reporter (a|en|au)|decaler (a|en|au)|repousser (a|en|au)|avancer (a|en|au)|jusqu'a|apres)\s*$/

const assignedCue =
  /(prevu|prevue|fixe|fixee|programme|programmee|inscrit|inscrite|convoque|convoquee|actuel|actuelle|initialement|(mon examen|ma date|ma session|ma formation) (est|etait|a lieu|aura lieu))\s*(le|du|en|pour|au mois d[e'])?\s*$/

export interface MonthReading {
  readonly mentionedMonth: number | null
  readonly requestedMonth: number | null
}

/**
 * `mentioned_month`: the first month the text names (as a month or inside a date).
 * `requested_month`: the first month preceded by a request cue ("en avril", "fin avril",
 * "reporter à juin") and not presented as the currently assigned date ("prévu le 12 mars").
 */
export const readMonths = (text: string, today: string): MonthReading => {
  const hay = fold(text)
  const mentions = [
    ...findMonths(text).map((m) => ({ month: m.month, index: m.index })),
    ...findDates(text, today).map((d) => ({ month: Number(d.iso.slice(5, 7)), index: d.index }))
  ].sort((a, b) => a.index - b.index)
  let requested: number | null = null
  for (const mention of mentions) {
    const before = hay.slice(Math.max(0, mention.index - 40), mention.index)
    if (assignedCue.test(before) || /(prevu|programme|fixe|actuel)[^.!?\n]{0,25}$/.test(before)) continue
    if (requestCue.test(before) || /\b(le|du)\s+\d{1,2}(er)?\s*$/.test(before) && /(reporter|decaler|repousser|avancer|plutot|choisi|prefere|souhait|voudrai|aimerai)/.test(hay.slice(Math.max(0, mention.index - 80), mention.index))) {
      requested = mention.month
      break
    }
  }
  return { mentionedMonth: mentions[0]?.month ?? null, requestedMonth: requested }
}

export const frenchMonthName = (month: number): string => frenchMonthNames[month - 1] ?? ""
