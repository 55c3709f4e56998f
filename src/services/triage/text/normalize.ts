/** Text helpers shared by the triage rules: accent folding, HTML to text, keyword matching. */

/** Lower-cases and removes diacritics ("Échéance" → "echeance"); typographic quotes become '. */
export const fold = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/œ/gi, "oe")
    .toLowerCase()

/** Collapses runs of spaces/tabs and trims every line; keeps line breaks. */
export const tidyLines = (text: string): string =>
  text
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()

const entities: Record<string, string> = {
  nbsp: " ", amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", eacute: "é", egrave: "è",
  ecirc: "ê", agrave: "à", acirc: "â", ccedil: "ç", ocirc: "ô", ucirc: "û", ugrave: "ù",
  icirc: "î", iuml: "ï", euml: "ë", rsquo: "'", lsquo: "'", laquo: "«", raquo: "»", euro: "€",
  hellip: "…", ndash: "–", mdash: "—", Eacute: "É", Agrave: "À"
}

export const decodeEntities = (text: string): string =>
  text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, code: string) => {
    if (code.startsWith("#x") || code.startsWith("#X")) return String.fromCodePoint(parseInt(code.slice(2), 16))
    if (code.startsWith("#")) return String.fromCodePoint(parseInt(code.slice(1), 10))
    return entities[code] ?? whole
  })

/** HTML → plain text: block tags become line breaks, scripts/styles dropped, entities decoded. */
export const htmlToText = (html: string): string =>
  tidyLines(
    decodeEntities(
      html
        .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, "")
        .replace(/<br\s*\/?>/gi, "\n")
        .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|table)>/gi, "\n")
        .replace(/<(p|div|li|tr|h[1-6]|blockquote|table)(\s[^>]*)?>/gi, "\n")
        .replace(/<[^>]+>/g, "")
    )
  )

/** HTML when a real tag appears; "Name <addr@x.fr>" in plain text is not markup. */
export const looksLikeHtml = (text: string): boolean =>
  /<\/?(p|div|br|span|html|body|head|blockquote|table|tbody|tr|td|th|b|i|u|strong|em|a|font|ul|ol|li|h[1-6]|img|hr|meta|style|center|pre)\b[^>]*>/i.test(text)

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
const keywordCache = new Map<string, RegExp>()

/**
 * Whole-word matcher for a keyword on folded text: "sst" must not fire inside "assister" nor
 * "grue" inside "congrue"; a trailing plural s/x is allowed ("document" matches "documents").
 */
export const keywordPattern = (keyword: string): RegExp => {
  const folded = fold(keyword)
  const cached = keywordCache.get(folded)
  if (cached !== undefined) return cached
  const head = /^[a-z0-9]/.test(folded) ? "(?<![a-z0-9])" : ""
  const tail = /[a-z0-9]$/.test(folded) ? "[sx]?(?![a-z0-9])" : ""
  const pattern = new RegExp(head + escapeRegExp(folded) + tail)
  keywordCache.set(folded, pattern)
  return pattern
}

/** True when the folded text contains any of the keywords as whole words. */
export const containsAny = (text: string, keywords: ReadonlyArray<string>): boolean => {
  const hay = fold(text)
  return keywords.some((keyword) => keywordPattern(keyword).test(hay))
}

/** The first keyword found (used for rule reasons). */
export const firstMatch = (text: string, keywords: ReadonlyArray<string>): string | undefined => {
  const hay = fold(text)
  return keywords.find((keyword) => keywordPattern(keyword).test(hay))
}

/** Extracts the bare address from "Name <addr>" / "mailto:addr" forms, lower-cased. */
export const emailAddressOf = (raw: string | null | undefined): string | undefined => {
  if (raw === null || raw === undefined) return undefined
  const bracket = /<\s*([^<>\s]+@[^<>\s]+)\s*>/.exec(raw)
  const candidate = bracket?.[1] ?? /[A-Z0-9._%+'-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i.exec(raw)?.[0]
  return candidate?.replace(/^mailto:/i, "").trim().toLowerCase()
}
