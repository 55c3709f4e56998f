import { collectIsoDates, findDates, findShortDates } from "./internal/findDates.ts"
import type { ReplyValidation, ValidationIssue } from "./Reply.ts"
import type { TemplateVars } from "./TemplateVars.ts"

export interface ValidationInput {
  readonly html: string
  readonly text: string
  readonly vars: TemplateVars
  /** Today's calendar date (Europe/Paris) as `YYYY-MM-DD`. */
  readonly today: string
}

/** Words that belong to the back office and must never reach a candidate (whole word, any case). */
const INTERNAL_TERMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bCRM\b/i, "CRM"],
  [/\bEvalbox\b/i, "Evalbox"],
  [/\bdeals?\b/i, "deal"],
  [/\bBFS\b/i, "BFS"],
  [/\bCD[JS]\b/i, "CDJ/CDS"],
  [/\bcd[js][-_][a-z0-9]/i, "session code"],
  [/\blookups?\b/i, "lookup"],
  [/\bAPI\b/i, "API"],
  [/\b(ticket|deal|contact|session)_id\b/i, "internal id field"],
  [/\b\d{12,}\b/, "record id"],
  [/\bmodule\b/i, "module"],
  [/\bfield\b/i, "field"],
  [/\bMontreuil\b/i, "Montreuil"]
]

const SCHOOL_DOMAIN = "@cab-formations.fr"
const CREDENTIAL_INTENTS = new Set(["DEMANDE_IDENTIFIANTS", "ENVOIE_IDENTIFIANTS", "PROBLEME_CONNEXION_EXAMT3P"])
/** Convocation received: the candidate downloads it with the credentials (DOMAIN.md §5.3 CAS 9, §8.4). */
const CONVOCATION_CREDENTIAL_INTENTS = new Set(["REPORT_DATE", "DEMANDE_CONVOCATION"])
const CANCELLATION_INTENTS = new Set(["DEMANDE_ANNULATION", "DEMANDE_REMBOURSEMENT"])
const KNOWN_AMOUNTS = new Set([20, 60, 118, 168, 241, 700])
const MAX_EXAM_DATES_PER_LIST = 5

const intentsOf = (vars: TemplateVars): ReadonlySet<string> =>
  new Set([vars.primary_intent, ...vars.secondary_intents].filter((i) => i !== ""))

/** May this reply show ExamT3P credentials? Decided from the state and intents, not from the template flags. */
export const credentialsAllowed = (vars: TemplateVars): boolean => {
  const intents = intentsOf(vars)
  if ([...intents].some((i) => CREDENTIAL_INTENTS.has(i))) return true
  return vars.state_name === "CONVOCATION_RECEIVED" && [...intents].some((i) => CONVOCATION_CREDENTIAL_INTENTS.has(i))
}

const issue = (code: ValidationIssue["code"], message: string): ValidationIssue => ({ code, message })

/** The reply checks of DOMAIN.md §9.8, tightened: every listed check except length and odd amounts is an error. */
export const validateReply = ({ html, text, today, vars }: ValidationInput): ReplyValidation => {
  const errors: Array<ValidationIssue> = []
  const warnings: Array<ValidationIssue> = []
  const intents = intentsOf(vars)

  for (const [pattern, label] of INTERNAL_TERMS) {
    const m = pattern.exec(text)
    if (m !== null) errors.push(issue("internal_term", `internal term "${label}" in the reply: "${m[0]}"`))
  }

  const placeholder = /\{\{[\s\S]*?\}\}/.exec(html)
  if (placeholder !== null) errors.push(issue("unresolved_placeholder", `unresolved placeholder ${placeholder[0]}`))

  if (!/^(Bonjour|Bonsoir)\b/.test(text)) errors.push(issue("missing_greeting", "the reply does not open with a greeting"))
  if (!/Bien cordialement,?\s*\nL'équipe CAB Formations\s*$/.test(text)) {
    errors.push(issue("missing_signature", "the reply does not end with the school's signature"))
  }

  const allowedDates = collectIsoDates(vars)
  for (const mention of findDates(text)) {
    if (mention.iso === undefined) {
      errors.push(issue("unknown_date", `"${mention.raw}" is not a calendar date`))
    } else if (!allowedDates.has(mention.iso)) {
      errors.push(issue("unknown_date", `"${mention.raw}" is not a date of the decision's data`))
    } else if (mention.iso < today) {
      errors.push(issue("past_date", `"${mention.raw}" is in the past (today ${today})`))
    }
  }

  for (const mention of findShortDates(text)) {
    const candidates = [...allowedDates].filter((d) => d.slice(5) === mention.monthDay)
    if (candidates.length === 0) {
      errors.push(issue("unknown_date", `"${mention.raw}" is not a date of the decision's data`))
    } else if (candidates.every((d) => d < today)) {
      errors.push(issue("past_date", `"${mention.raw}" is in the past (today ${today})`))
    }
  }

  for (const list of html.matchAll(/<(ul|ol)\b[^>]*>([\s\S]*?)<\/\1>/gi)) {
    // One proposal per item: an item may carry its clôture date too, so items are counted, not dates.
    const dated = [...(list[2] ?? "").matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/gi)].filter((li) => findDates(li[1] ?? "").length > 0)
    if (dated.length > MAX_EXAM_DATES_PER_LIST) {
      errors.push(issue("too_many_exam_dates", `a list proposes ${dated.length} dates (at most ${MAX_EXAM_DATES_PER_LIST})`))
    }
  }

  const mayShowCredentials = credentialsAllowed(vars)
  const ownAddresses = new Set<string>()
  if (mayShowCredentials && vars.identifiant_examt3p !== "") ownAddresses.add(vars.identifiant_examt3p.toLowerCase())
  if (vars.uber_cas_d_email_received && vars.uber_alternative_email !== "") {
    ownAddresses.add(vars.uber_alternative_email.toLowerCase())
  }
  for (const m of text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g)) {
    const address = m[0].toLowerCase()
    if (!address.endsWith(SCHOOL_DOMAIN) && !ownAddresses.has(address)) {
      errors.push(issue("foreign_email", `e-mail address ${m[0]} is not one of the school's`))
    }
  }

  const showsPassword = vars.mot_de_passe_examt3p !== "" && text.includes(vars.mot_de_passe_examt3p)
  const showsLogin = /\b(identifiant|mot de passe)\s*:/i.test(text)
  if ((showsPassword || showsLogin) && !mayShowCredentials) {
    errors.push(issue("credentials_not_allowed", `credentials shown for state ${vars.state_name || "?"} and intents ${[...intents].join(", ") || "none"}`))
  }

  const amounts = [...text.matchAll(/(?<![\d,.])(\d{1,5})(?:[,.]\d{2})?\s?(?:€|euros?\b)/gi)].map((m) => Number(m[1]))
  if (amounts.includes(20) && ![...intents].some((i) => CANCELLATION_INTENTS.has(i))) {
    errors.push(issue("amount_20_not_allowed", "the 20 € price may only be mentioned in answer to a cancellation request"))
  }
  for (const a of amounts) {
    if (a > 10 && !KNOWN_AMOUNTS.has(a)) warnings.push(issue("unexpected_amount", `unexpected amount ${a} €`))
  }

  if (text.length < 50 || text.length > 5000) warnings.push(issue("length", `reply length ${text.length} characters`))

  return { ok: errors.length === 0, errors, warnings }
}
