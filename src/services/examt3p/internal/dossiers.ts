import { findAll, matches, textOf } from "./html.ts"
import type { DossierOption } from "./model.ts"
import type { Page } from "./textModel.ts"

/**
 * The dossier picker of `/mon-espace` and the choice of the dossier to read
 * (spec/EXAMT3P_PORTAL.md §1.5). A CMA re-registration after a failure gets the old number plus
 * `TE<n>` (`00045386` → `00045386TE1`); the suffix is upper-case and case-sensitive.
 */

const TE_SUFFIX = /TE\d+$/

/** Trimmed, leading zeros stripped: the form in which dossier numbers are compared. */
export const normaliseDossierNumber = (num: string): string => num.trim().replace(/^0+(?=.)/, "")

export const hasTeSuffix = (num: string): boolean => TE_SUFFIX.test(num.trim())

/** The number without its `TE<n>` suffix, normalised. */
export const dossierBase = (num: string): string => normaliseDossierNumber(num.trim().replace(TE_SUFFIX, ""))

/** The re-registration counter: 0 for an original dossier, n for `…TE<n>`. */
export const teCounter = (num: string): number => {
  const match = /TE(\d+)$/.exec(num.trim())
  return match?.[1] === undefined ? 0 : Number(match[1])
}

/**
 * Options of the first `select[onchange]` that actually lists dossiers (hardened: a language
 * picker placed earlier no longer hides it). An option counts when its value carries
 * `dossier=<digits>` and its text starts with a digit; repeated ids are skipped.
 */
export const dossierOptions = (page: Page): Array<DossierOption> => {
  for (const select of findAll(page.root, (e) => e.tag === "select" && "onchange" in e.attrs)) {
    const options: Array<DossierOption> = []
    for (const option of findAll(select, matches("option"))) {
      const id = /dossier=(\d+)/.exec(option.attrs["value"] ?? "")?.[1]
      const num = textOf(option)
      if (id === undefined || !/^\d/.test(num) || options.some((o) => o.id === Number(id))) continue
      options.push({ id: Number(id), num, selected: "selected" in option.attrs })
    }
    if (options.length > 0) return options
  }
  return []
}

export type DossierMatch =
  | { readonly kind: "exact"; readonly option: DossierOption }
  | { readonly kind: "same-base"; readonly option: DossierOption }
  | { readonly kind: "none" }

/**
 * The option matching the expected dossier number: an exact match (leading zeros ignored) wins;
 * else, for an expected `…TE<n>`, the option of the same base with the highest counter (the most
 * recent registration the portal shows — the original took the first in page order, which could
 * be the failed dossier); an expected number without suffix never matches a TE option.
 */
export const matchDossier = (options: ReadonlyArray<DossierOption>, expected: string): DossierMatch => {
  const wanted = normaliseDossierNumber(expected)
  const exact = options.find((o) => normaliseDossierNumber(o.num) === wanted)
  if (exact !== undefined) return { kind: "exact", option: exact }
  if (!hasTeSuffix(expected)) return { kind: "none" }
  const base = dossierBase(expected)
  const sameBase = options.filter((o) => dossierBase(o.num) === base)
  const latest = sameBase.reduce<DossierOption | undefined>(
    (best, o) => (best === undefined || teCounter(o.num) > teCounter(best.num) ? o : best),
    undefined
  )
  return latest === undefined ? { kind: "none" } : { kind: "same-base", option: latest }
}
