/** What the rules read in Zoho Desk threads (candidate messages). */
import { PythonError, getOr, isRecord, pyStr, truthy } from "./pyValues.ts"

/** Named entities found in French e-mails (HTML entity names are case-sensitive). */
const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", rsquo: "\u2019", lsquo: "\u2018",
  rdquo: "\u201d", ldquo: "\u201c", laquo: "\u00ab", raquo: "\u00bb", hellip: "\u2026", euro: "\u20ac",
  ndash: "\u2013", mdash: "\u2014", deg: "\u00b0", oelig: "\u0153", OElig: "\u0152",
  eacute: "é", egrave: "è", ecirc: "ê", euml: "ë", agrave: "à", acirc: "â", auml: "ä", ccedil: "ç",
  icirc: "î", iuml: "ï", ocirc: "ô", ouml: "ö", ugrave: "ù", ucirc: "û", uuml: "ü",
  Eacute: "É", Egrave: "È", Ecirc: "Ê", Agrave: "À", Acirc: "Â", Ccedil: "Ç", Icirc: "Î", Ocirc: "Ô", Ugrave: "Ù", Ucirc: "Û"
}

const codePoint = (n: number): string =>
  Number.isFinite(n) && n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : "\ufffd"

/** Like Python's `html.unescape` for numeric references and the common named entities. */
const unescapeHtml = (s: string): string =>
  s.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[A-Za-z][A-Za-z0-9]*);?/g, (whole, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) return codePoint(parseInt(name.slice(2), 16))
    if (name.startsWith("#")) return codePoint(parseInt(name.slice(1), 10))
    return ENTITIES[name] ?? whole
  })

/** HTML mail body → plain text (entities decoded, tags dropped, blank lines squeezed). */
export const cleanHtmlContent = (html: string): string => {
  let text = unescapeHtml(html)
  text = text.replace(/<!--[\s\S]*?-->/g, "")
  text = text.replace(/<script[^>]*>[\s\S]*?<\/script>/gi, "").replace(/<style[^>]*>[\s\S]*?<\/style>/gi, "")
  text = text.replace(/<br\s*\/?>/gi, "\n").replace(/<\/p>/gi, "\n\n").replace(/<\/div>/gi, "\n")
  text = text.replace(/<[^>]+>/g, "").replace(/ +/g, " ").replace(/\n\n+/g, "\n\n")
  return text.trim()
}

/**
 * The thread's `plainText` when present, else its cleaned HTML `content`. Desk sends
 * `plainText: null` for HTML-only threads: that reads as absent; another non-string still raises.
 */
export const cleanThreadContent = (thread: unknown): string => {
  if (!isRecord(thread)) return "N/A"
  const rawPlain = getOr(thread, "plainText", null) ?? ""
  if (typeof rawPlain !== "string") throw new PythonError({ pythonClass: "AttributeError", reason: "plainText is not text" })
  const plain = rawPlain.trim()
  if (plain) return plain
  if (truthy(thread.content)) return cleanHtmlContent(pyStr(thread.content))
  return "N/A"
}

export const inboundThreads = (threads: unknown): ReadonlyArray<Record<string, unknown>> =>
  Array.isArray(threads) ? threads.filter((t): t is Record<string, unknown> => isRecord(t) && t.direction === "in") : []

/** Signs, in the candidate's own messages, that the exam was not taken (CAS 7). */
const EXAM_NOT_TAKEN: ReadonlyArray<RegExp> = [
  /n'ai pas pu passer/i,
  /n'ai pas passé/i,
  /pas présenté/i,
  /pas pu me présenter/i,
  /absent à l'examen/i,
  /j'étais absent/i,
  /reporté mon examen/i,
  /annulé mon examen/i,
  /pas encore passé/i,
  /quand est.mon examen/i,
  /date de.mon examen/i
]

export const threadsSuggestExamNotTaken = (threads: unknown): boolean => {
  if (!truthy(threads)) return false
  return inboundThreads(threads).some((t) => {
    const text = cleanThreadContent(t).toLowerCase()
    return EXAM_NOT_TAKEN.some((re) => re.test(text))
  })
}
