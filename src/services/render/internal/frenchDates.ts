import { format } from "date-fns"
import { fr } from "date-fns/locale"

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * A `YYYY-MM-DD` calendar string as a local Date at noon. date-fns formats with local-time
 * getters, so building the Date from local components makes the output independent of the
 * process time zone (noon keeps clear of midnight DST jumps).
 */
const calendarDate = (iso: string): Date | undefined => {
  const m = ISO.exec(iso)
  if (m === null) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const value = new Date(y, mo - 1, d, 12)
  return value.getFullYear() === y && value.getMonth() === mo - 1 && value.getDate() === d ? value : undefined
}

/** "mardi 31 mars 2026", "vendredi 1er mai 2026"; undefined for anything but a real calendar date. */
export const formatFrenchDate = (iso: string): string | undefined => {
  const value = calendarDate(iso)
  if (value === undefined) return undefined
  const day = value.getDate() === 1 ? "1er" : String(value.getDate())
  return `${format(value, "EEEE", { locale: fr })} ${day} ${format(value, "MMMM yyyy", { locale: fr })}`
}

export const FRENCH_MONTHS = [
  "janvier", "février", "mars", "avril", "mai", "juin",
  "juillet", "août", "septembre", "octobre", "novembre", "décembre"
] as const

const pad = (n: number): string => String(n).padStart(2, "0")

/** Builds `YYYY-MM-DD` from parts; undefined when the day does not exist. */
export const isoFromParts = (year: number, month: number, day: number): string | undefined => {
  const iso = `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`
  return calendarDate(iso) === undefined ? undefined : iso
}
