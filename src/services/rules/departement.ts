/** Département of a candidate from `CMA_de_depot`, and French regions (§5.1, §5.7). */
import { DEPT_TO_REGION, CITY_TO_REGION, REGION_ALIASES } from "./geography.ts"
import { pyStr, truthy } from "./pyValues.ts"

const REGION_FALLBACKS: ReadonlyArray<readonly [string, string]> = [
  ["idf", "75"],
  ["ile de france", "75"],
  ["paca", "13"],
  ["rhone", "69"],
  ["lyon", "69"]
]

/** Python's `\b(\d{2,3})\b` on a `str` (Unicode word characters count as word characters). */
const DEPT_NUMBER = /(?<![\p{L}\p{N}_])(\d{2,3})(?![\p{L}\p{N}_])/u

/**
 * `extract_departement_from_cma`: first stand-alone 2–3 digit number, else IDF/Ile De France → 75,
 * PACA → 13, Rhone/Lyon → 69 (plain substring, so "Rhône" with its accent is not recognised).
 */
export const extractDepartementFromCma = (cmaDepot: unknown): string | null => {
  if (!truthy(cmaDepot)) return null
  const text = pyStr(cmaDepot).trim()
  const m = DEPT_NUMBER.exec(text)
  if (m) return m[1] as string
  const lower = text.toLowerCase()
  return REGION_FALLBACKS.find(([k]) => lower.includes(k))?.[1] ?? null
}

/** `detect_candidate_region`: département first, then a region alias, then a city in the text. */
export const detectCandidateRegion = (text: unknown, department: unknown): string | null => {
  if (truthy(department)) {
    const region = DEPT_TO_REGION[pyStr(department)]
    if (region) return region
  }
  if (truthy(text) && typeof text === "string") {
    const lower = text.toLowerCase()
    const alias = REGION_ALIASES.find(([k]) => lower.includes(k))
    if (alias) return alias[1]
    const city = CITY_TO_REGION.find(([k]) => lower.includes(k))
    if (city) return city[1]
  }
  return null
}
