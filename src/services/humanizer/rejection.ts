import { Schema } from "effect"
import { extractFacts, type ReplyFacts, visibleText, wrongWeekdays } from "./facts.ts"

/**
 * Why a rewrite is refused (DOMAIN.md §9.7): every fact of the template must survive, no fact may
 * appear that neither the template nor the candidate's own message holds, a proposal must not
 * become a confirmation, the HTML line structure must stay, and the reply validator must pass.
 */

export const RejectionRule = Schema.Literal(
  "empty",
  "length",
  "date-dropped",
  "date-added",
  "weekday-wrong",
  "time-dropped",
  "time-added",
  "amount-dropped",
  "amount-added",
  "link-dropped",
  "link-added",
  "email-dropped",
  "email-added",
  "cma-dropped",
  "password-dropped",
  "confirmation-added",
  "formatting-lost",
  "placeholder",
  "validator"
)
export type RejectionRule = typeof RejectionRule.Type

export const Rejection = Schema.Struct({ rule: RejectionRule, detail: Schema.String })
export type Rejection = typeof Rejection.Type

/** One finding of the reply validator (render service), reduced to what the humanizer reads. */
export interface ValidationFinding {
  readonly severity: "error" | "warning"
  readonly message: string
}

/** The reply validator, passed in by the caller (it needs the ticket's own context). */
export type ReplyValidator = (html: string) => ReadonlyArray<ValidationFinding>

export interface CheckInput {
  readonly template: string
  readonly rewrite: string
  /** The candidate's own message: dates he quoted may appear in the rewrite. */
  readonly candidateMessage: string
  readonly validate?: ReplyValidator | undefined
}

const MIN_LENGTH_RATIO = 0.5
const MAX_LENGTH_RATIO = 2

/** Phrases that state something is done; absent from the template, they turn a proposal into a promise. */
const CONFIRMATION_PHRASES: ReadonlyArray<string> = [
  "est confirmee", "est confirme", "avons confirme", "avons inscrit", "avons reserve", "est reservee", "est reserve",
  "vous etes inscrit", "vous etes desormais inscrit", "votre inscription est validee", "c'est valide", "c'est note pour"
]

const fold = (text: string): string => text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")

const missing = (from: ReadonlySet<string>, in_: ReadonlySet<string>): ReadonlyArray<string> => [...from].filter((x) => !in_.has(x))

const dayMonth = (date: string): string => date.slice(-5)

/** A template date is kept when written in full or as its day and month only (§9.7). */
const droppedDates = (template: ReplyFacts, rewrite: ReplyFacts): ReadonlyArray<string> => {
  // Only a date written without a year stands for a full date; 07/11/2027 does not keep 07/11/2026.
  const kept = new Set([...rewrite.dates].filter((date) => date.startsWith("--")).map(dayMonth))
  return [...template.dates].filter((date) => !rewrite.dates.has(date) && !kept.has(dayMonth(date)))
}

const addedDates = (template: ReplyFacts, rewrite: ReplyFacts, candidate: ReplyFacts): ReadonlyArray<string> => {
  const allowed = new Set([...template.dates, ...candidate.dates])
  const allowedDayMonth = new Set([...allowed].map(dayMonth))
  return [...rewrite.dates].filter((date) =>
    date.startsWith("--") ? !allowedDayMonth.has(dayMonth(date)) : !allowed.has(date)
  )
}

const boldSpans = (html: string): number => (html.match(/<(?:b|strong)\b/gi) ?? []).length

const lineBreaks = (html: string): number => (html.match(/<br\s*\/?>|<\/(?:p|div|li)>/gi) ?? []).length

const compareSets = (
  rule: [RejectionRule, RejectionRule],
  label: string,
  template: ReadonlySet<string>,
  rewrite: ReadonlySet<string>,
  allowedNew: ReadonlySet<string> = new Set()
): ReadonlyArray<Rejection> => [
  ...missing(template, rewrite).map((value) => ({ rule: rule[0], detail: `${label} ${value} missing from the rewrite` })),
  ...missing(rewrite, template)
    .filter((value) => !allowedNew.has(value))
    .map((value) => ({ rule: rule[1], detail: `${label} ${value} not in the template` }))
]

/** Every reason to refuse `rewrite` in place of `template`; empty when the rewrite may be used. */
export const rejectionsOf = (input: CheckInput): ReadonlyArray<Rejection> => {
  const rewriteText = visibleText(input.rewrite).trim()
  if (rewriteText === "") return [{ rule: "empty", detail: "the rewrite is empty" }]
  const templateText = visibleText(input.template).trim()
  const ratio = rewriteText.length / Math.max(1, templateText.length)
  const out: Array<Rejection> = []
  if (ratio < MIN_LENGTH_RATIO || ratio > MAX_LENGTH_RATIO) {
    out.push({ rule: "length", detail: `rewrite is ${ratio.toFixed(2)}× the template's length` })
  }
  const template = extractFacts(input.template)
  const rewrite = extractFacts(input.rewrite)
  const candidate = extractFacts(input.candidateMessage)
  out.push(...droppedDates(template, rewrite).map((date) => ({ rule: "date-dropped" as const, detail: `date ${date} missing from the rewrite` })))
  out.push(...addedDates(template, rewrite, candidate).map((date) => ({ rule: "date-added" as const, detail: `date ${date} not in the template nor the candidate's message` })))
  out.push(...wrongWeekdays(input.rewrite).map((mention) => ({ rule: "weekday-wrong" as const, detail: `"${mention}" names the wrong day of the week` })))
  out.push(...compareSets(["date-dropped", "date-added"], "month", template.months, rewrite.months, candidate.months))
  out.push(...compareSets(["time-dropped", "time-added"], "time", template.times, rewrite.times))
  out.push(...compareSets(["amount-dropped", "amount-added"], "amount", template.amounts, rewrite.amounts))
  out.push(...compareSets(["link-dropped", "link-added"], "link", template.urls, rewrite.urls))
  out.push(...compareSets(["email-dropped", "email-added"], "e-mail", template.emails, rewrite.emails, candidate.emails))
  out.push(...missing(template.cmaDepartments, rewrite.cmaDepartments).map((cma) => ({ rule: "cma-dropped" as const, detail: `${cma} missing from the rewrite` })))
  out.push(...missing(template.passwords, rewrite.passwords).map(() => ({ rule: "password-dropped" as const, detail: "a displayed password is missing from the rewrite" })))
  const templateFolded = fold(templateText)
  const rewriteFolded = fold(rewriteText)
  for (const phrase of CONFIRMATION_PHRASES) {
    if (rewriteFolded.includes(phrase) && !templateFolded.includes(phrase)) {
      out.push({ rule: "confirmation-added", detail: `"${phrase}" states as done what the template only proposes` })
    }
  }
  if (lineBreaks(input.template) > 0 && lineBreaks(input.rewrite) === 0) {
    out.push({ rule: "formatting-lost", detail: "the template's <br> line breaks are gone" })
  }
  if (boldSpans(input.template) > 0 && boldSpans(input.rewrite) === 0) {
    out.push({ rule: "formatting-lost", detail: "the template's <b> emphasis is gone" })
  }
  if (/\{\{[^}]*\}\}/.test(input.rewrite)) out.push({ rule: "placeholder", detail: "an unresolved {{…}} placeholder" })
  for (const finding of input.validate?.(input.rewrite) ?? []) {
    if (finding.severity === "error") out.push({ rule: "validator", detail: finding.message })
  }
  return out
}
