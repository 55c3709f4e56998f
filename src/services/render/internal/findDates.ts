import { FRENCH_MONTHS, isoFromParts } from "./frenchDates.ts"

const MONTHS = FRENCH_MONTHS.join("|")
const LONG = new RegExp(`\\b(1er|\\d{1,2})\\s+(${MONTHS})\\s+(\\d{4})\\b`, "gi")
const SLASHED = /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g

export interface DateMention {
  readonly raw: string
  /** `YYYY-MM-DD`, or undefined when the mention is not a real calendar date. */
  readonly iso: string | undefined
}

/** Every date written in a text: "31 mars 2026" (with or without weekday), "31/03/2026", "2026-03-31". */
export const findDates = (text: string): ReadonlyArray<DateMention> => {
  const found: Array<DateMention> = []
  for (const m of text.matchAll(LONG)) {
    const day = m[1] === "1er" ? 1 : Number(m[1])
    const month = FRENCH_MONTHS.indexOf((m[2] ?? "").toLowerCase() as (typeof FRENCH_MONTHS)[number]) + 1
    found.push({ raw: m[0], iso: isoFromParts(Number(m[3]), month, day) })
  }
  for (const m of text.matchAll(SLASHED)) {
    found.push({ raw: m[0], iso: isoFromParts(Number(m[3]), Number(m[2]), Number(m[1])) })
  }
  for (const m of text.matchAll(ISO)) {
    found.push({ raw: m[0], iso: isoFromParts(Number(m[1]), Number(m[2]), Number(m[3])) })
  }
  return found
}

/** Every `YYYY-MM-DD` string anywhere in a value (the dates the decision's data allows in the reply). */
export const collectIsoDates = (value: unknown, into: Set<string> = new Set()): Set<string> => {
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) into.add(value)
  } else if (Array.isArray(value)) {
    for (const v of value) collectIsoDates(v, into)
  } else if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) collectIsoDates(v, into)
  }
  return into
}

const SHORT_LONG = new RegExp(`\\b(1er|\\d{1,2})\\s+(${MONTHS})(?!\\s+\\d{4})`, "gi")
const SHORT_SLASHED = /\b(\d{1,2})\/(\d{1,2})\b(?!\/\d)/g

/** A date written without its year ("13 avril", "13/04"): only its `MM-DD` is known. */
export interface ShortDateMention {
  readonly raw: string
  readonly monthDay: string
}

const pad2 = (n: number): string => String(n).padStart(2, "0")

/** Dates written without a year; impossible day/month pairs (a score like 12/20) are ignored. */
export const findShortDates = (text: string): ReadonlyArray<ShortDateMention> => {
  const found: Array<ShortDateMention> = []
  const push = (raw: string, month: number, day: number) => {
    // 2024 is a leap year, so 29 February counts as a possible day.
    if (month >= 1 && month <= 12 && isoFromParts(2024, month, day) !== undefined) found.push({ raw, monthDay: `${pad2(month)}-${pad2(day)}` })
  }
  for (const m of text.matchAll(SHORT_LONG)) {
    const month = FRENCH_MONTHS.indexOf((m[2] ?? "").toLowerCase() as (typeof FRENCH_MONTHS)[number]) + 1
    push(m[0], month, m[1] === "1er" ? 1 : Number(m[1]))
  }
  for (const m of text.matchAll(SHORT_SLASHED)) push(m[0], Number(m[2]), Number(m[1]))
  return found
}
