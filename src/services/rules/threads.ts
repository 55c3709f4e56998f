/** What the rules read in Zoho Desk threads (candidate messages). */
import { isRecord, pyStr, truthy } from "./pyValues.ts"

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", "#39": "'" }

const unescapeHtml = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
    const lower = name.toLowerCase()
    if (lower.startsWith("#x")) return String.fromCodePoint(parseInt(lower.slice(2), 16))
    if (lower.startsWith("#")) return String.fromCodePoint(parseInt(lower.slice(1), 10))
    return ENTITIES[lower] ?? whole
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

/** The thread's `plainText` when present, else its cleaned HTML `content`. */
export const cleanThreadContent = (thread: unknown): string => {
  if (!isRecord(thread)) return "N/A"
  const plain = typeof thread.plainText === "string" ? thread.plainText.trim() : ""
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
