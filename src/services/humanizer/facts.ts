/**
 * The facts a reply carries, extracted so that two versions of a reply can be compared: dates
 * (numeric and French word forms), times (8h30, 18h, 08:30), amounts, links, e-mail addresses,
 * CMA département mentions and displayed passwords. Pure code, no Node API.
 */

export interface ReplyFacts {
  /** Full dates as `YYYY-MM-DD`; dates written without a year as `--MM-DD`. */
  readonly dates: ReadonlySet<string>
  /** Months named with a year but no day ("session de mars 2026") as `YYYY-MM`. */
  readonly months: ReadonlySet<string>
  /** `HH:MM`, 24-hour. */
  readonly times: ReadonlySet<string>
  /** Amounts in euros, normalised (`241`, `1234.5`). */
  readonly amounts: ReadonlySet<string>
  readonly urls: ReadonlySet<string>
  readonly emails: ReadonlySet<string>
  /** `CMA 75`, `CMA 2A`. */
  readonly cmaDepartments: ReadonlySet<string>
  /** Values shown after "mot de passe :". */
  readonly passwords: ReadonlySet<string>
}

const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: " ", amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", euro: "€", eacute: "é", egrave: "è",
  ecirc: "ê", agrave: "à", acirc: "â", ccedil: "ç", ocirc: "ô", ucirc: "û", ugrave: "ù", icirc: "î", rarr: "→"
}

const decodeEntities = (text: string): string =>
  text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(parseInt(name.slice(2), 16))
    if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10))
    return ENTITIES[name.toLowerCase()] ?? whole
  })

/** Visible text of an HTML reply, with each link target appended so hidden hrefs count too. */
export const visibleText = (html: string): string => {
  const hrefs = [...html.matchAll(/href\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1] ?? "")
  const text = html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|ul|ol|h\d)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
  return `${decodeEntities(text)}\n${hrefs.map(decodeEntities).join("\n")}`.replace(/[\u00a0\u202f]/g, " ")
}

const fold = (text: string): string => text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")

const MONTHS: ReadonlyArray<readonly [string, number]> = [
  ["janvier", 1], ["fevrier", 2], ["mars", 3], ["avril", 4], ["mai", 5], ["juin", 6], ["juillet", 7],
  ["aout", 8], ["septembre", 9], ["octobre", 10], ["novembre", 11], ["decembre", 12],
  ["janv", 1], ["fevr", 2], ["fev", 2], ["avr", 4], ["juil", 7], ["sept", 9], ["oct", 10], ["nov", 11], ["dec", 12]
]
const monthNumber = new Map(MONTHS)
const MONTH_WORDS = MONTHS.map(([word]) => word).sort((a, b) => b.length - a.length).join("|")

const pad = (n: number): string => String(n).padStart(2, "0")

/** A real calendar day; without a year, 29 February is allowed. */
const validDay = (year: number | undefined, month: number, day: number): boolean => {
  if (month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year ?? 2024, month, 0)).getUTCDate()
}

const fullYear = (written: string): number => (written.length === 2 ? 2000 + Number(written) : Number(written))

const iso = (year: number | undefined, month: number, day: number): string | undefined => {
  if (!validDay(year, month, day)) return undefined
  return year === undefined ? `--${pad(month)}-${pad(day)}` : `${year}-${pad(month)}-${pad(day)}`
}

const NUMERIC_DMY = /(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}|\d{2}))?(?![\d/.-]*\d)/g
const NUMERIC_YMD = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g
const WORD_DATE = new RegExp(`\\b(\\d{1,2})(?:er)?\\s+(${MONTH_WORDS})\\.?(?:\\s+(\\d{4}))?(?![a-z])`, "g")
const MONTH_YEAR = new RegExp(`(?<!\\d\\s)(?<!\\d(?:er)\\s)\\b(${MONTH_WORDS})\\.?\\s+(\\d{4})\\b`, "g")

const extractDates = (folded: string): { dates: Set<string>; months: Set<string> } => {
  const dates = new Set<string>()
  const months = new Set<string>()
  for (const m of folded.matchAll(NUMERIC_YMD)) {
    const date = iso(Number(m[1]), Number(m[2]), Number(m[3]))
    if (date !== undefined) dates.add(date)
  }
  const withoutYmd = folded.replace(NUMERIC_YMD, " ")
  for (const m of withoutYmd.matchAll(NUMERIC_DMY)) {
    const date = iso(m[3] === undefined ? undefined : fullYear(m[3]), Number(m[2]), Number(m[1]))
    if (date !== undefined) dates.add(date)
  }
  for (const m of folded.matchAll(WORD_DATE)) {
    const month = monthNumber.get(m[2] ?? "")
    const date = month === undefined ? undefined : iso(m[3] === undefined ? undefined : Number(m[3]), month, Number(m[1]))
    if (date !== undefined) dates.add(date)
  }
  for (const m of folded.matchAll(MONTH_YEAR)) {
    const month = monthNumber.get(m[1] ?? "")
    if (month !== undefined) months.add(`${m[2]}-${pad(month)}`)
  }
  return { dates, months }
}

/** 8h30, 8 h 30, 18h, 18 heures, 08:30 — hours above 23 (durations such as 40h) are not times. */
const TIME = /(?<![\d:])(\d{1,2})\s*(?:h(?![a-z])|heures?\b|:)\s*(\d{2})?(?!\d)/g

const extractTimes = (folded: string): Set<string> => {
  const times = new Set<string>()
  for (const m of folded.matchAll(TIME)) {
    const hour = Number(m[1])
    const minute = m[2] === undefined ? 0 : Number(m[2])
    if (hour <= 23 && minute <= 59) times.add(`${pad(hour)}:${pad(minute)}`)
  }
  return times
}

const AMOUNT = /(\d{1,3}(?:[ .]\d{3})+|\d+)(?:,(\d{1,2}))?\s*(?:€|euros?\b|eur\b)/g

const normaliseAmount = (whole: string, cents: string | undefined): string => {
  const units = whole.replace(/[ .]/g, "")
  const fraction = cents === undefined ? "" : cents.padEnd(2, "0").replace(/0+$/, "")
  return fraction === "" ? String(Number(units)) : `${Number(units)}.${fraction}`
}

const extractAmounts = (folded: string): Set<string> => {
  const amounts = new Set<string>()
  for (const m of folded.matchAll(AMOUNT)) amounts.add(normaliseAmount(m[1] ?? "", m[2]))
  return amounts
}

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi
const normaliseUrl = (url: string): string =>
  url.replace(/[.,;:!?)\]]+$/, "").replace(/^https?:\/\//i, "").replace(/\/$/, "").toLowerCase()

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi
const CMA = /\bcma\s+(\d{2,3}|2a|2b)\b/gi
const PASSWORD = /mot de passe\s*:\s*([^\s<]+)/gi

export const extractFacts = (html: string): ReplyFacts => {
  const text = visibleText(html)
  const urls = new Set([...text.matchAll(URL)].map((m) => normaliseUrl(m[0])))
  const emails = new Set([...text.matchAll(EMAIL)].map((m) => m[0].toLowerCase()))
  // Links and addresses are taken out before looking for dates, times and amounts in the prose.
  const prose = fold(text.replace(URL, " ").replace(EMAIL, " "))
  const { dates, months } = extractDates(prose)
  const passwords = new Set([...text.matchAll(PASSWORD)].map((m) => (m[1] ?? "").replace(/[.,;]$/, "")))
  return {
    dates,
    months,
    times: extractTimes(prose.replace(NUMERIC_YMD, " ")),
    amounts: extractAmounts(prose),
    urls,
    emails,
    cmaDepartments: new Set([...prose.matchAll(CMA)].map((m) => `CMA ${(m[1] ?? "").toUpperCase()}`)),
    passwords
  }
}

const WEEKDAYS = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"]
const WEEKDAY_DATE = new RegExp(
  `\\b(${WEEKDAYS.join("|")})\\s+(?:(\\d{1,2})(?:er)?\\s+(${MONTH_WORDS})\\.?\\s+(\\d{4})|(\\d{1,2})\\/(\\d{1,2})\\/(\\d{4}))`,
  "g"
)

/** "jeudi 29 avril 2026" when the 29th is a Wednesday: each such mention, as written. */
export const wrongWeekdays = (html: string): ReadonlyArray<string> => {
  const wrong: Array<string> = []
  for (const m of fold(visibleText(html)).matchAll(WEEKDAY_DATE)) {
    const day = Number(m[2] ?? m[5])
    const month = m[3] !== undefined ? monthNumber.get(m[3]) : Number(m[6])
    const year = Number(m[4] ?? m[7])
    if (month === undefined || !validDay(year, month, day)) continue
    if (WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] !== m[1]) wrong.push(m[0])
  }
  return wrong
}
