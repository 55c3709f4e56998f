/** Phone normalisation, search variants and the name filter for phone matches (§3.2 step 5, §3.3). */
import { fold } from "../../triage/text/normalize.ts"

/** 10 digits starting with 0 (`+33`/`33` → `0`, 9-digit `6…`/`7…` gets a leading 0), else undefined. */
export const normalizeFrenchPhone = (raw: string | null | undefined): string | undefined => {
  if (raw === null || raw === undefined) return undefined
  let digits = raw.replace(/\D/g, "")
  if (digits.startsWith("0033")) digits = "0" + digits.slice(4)
  else if (digits.startsWith("33") && digits.length === 11) digits = "0" + digits.slice(2)
  if (digits.length === 9 && /^[67]/.test(digits)) digits = "0" + digits
  return /^0\d{9}$/.test(digits) ? digits : undefined
}

/** The four spellings searched in `Phone` and `Mobile`. */
export const phoneSearchVariants = (normalized: string): ReadonlyArray<string> => {
  const pairs = normalized.match(/\d{2}/g) ?? []
  const national = normalized.slice(1)
  const intlPairs = [national.slice(0, 1), ...(national.slice(1).match(/\d{2}/g) ?? [])]
  return [normalized, pairs.join(" "), `+33${national}`, `+33 ${intlPairs.join(" ")}`]
}

/** French mobile numbers written in a message ("06 12 34 56 78", "+33 7…"). */
export const mobilesInText = (text: string): ReadonlyArray<string> => {
  const found: Array<string> = []
  for (const m of text.matchAll(/(?:\+33\s?|0033\s?|\b0)[67](?:[\s.-]?\d{2}){4}\b/g)) {
    const normalized = normalizeFrenchPhone(m[0])
    if (normalized !== undefined && !found.includes(normalized)) found.push(normalized)
  }
  return found
}

export const samePhone = (a: string | null | undefined, b: string | null | undefined): boolean => {
  const left = normalizeFrenchPhone(a)
  return left !== undefined && left === normalizeFrenchPhone(b)
}

/** Normalized name words of at least 3 letters. */
export const nameWords = (name: string | null | undefined): ReadonlyArray<string> =>
  fold(name ?? "")
    .split(/[^a-z]+/)
    .filter((word) => word.length >= 3)

/** §3.3: a phone match counts only when the names share a word. */
export const namesShareAWord = (a: string | null | undefined, b: string | null | undefined): boolean => {
  const left = new Set(nameWords(a))
  return nameWords(b).some((word) => left.has(word))
}

/** Whole normalized name, words joined by one space. */
export const normalizedFullName = (name: string | null | undefined): string => nameWords(name).join(" ")
