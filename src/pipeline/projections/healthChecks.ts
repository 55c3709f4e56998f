/**
 * The per-ticket health checks of DOMAIN.md §12.3 (`batch_health_check`), run on what one finished
 * live run recorded: its decision (stage, intents, template variables, reply and validation), the
 * draft it asked Desk to create, the humanizer's outcome, the deal updates it asked for and the
 * candidate's newest message. Pure: no clock (today comes from the recorded case file), no I/O.
 *
 * The batch-level INFO checks (I1–I4) need every ticket: see `healthReport.ts`.
 */
import { extractFacts } from "../../services/humanizer/facts.ts"
import { rejectionsOf } from "../../services/humanizer/rejection.ts"

export type Severity = "CRITICAL" | "ERROR" | "WARNING" | "INFO"

export const TICKET_CHECKS = {
  C1_EMPTY_DRAFT: "CRITICAL",
  C2_NO_DELIVERY: "CRITICAL",
  C3_UNRESOLVED_PLACEHOLDERS: "CRITICAL",
  E1_AMOUNT_LEAK: "ERROR",
  E2_INTERNAL_TERM: "ERROR",
  E3_DOSSIER_TERMINE_DATES: "ERROR",
  E4_BLOCKED_CONFIRMATION: "ERROR",
  E5_PAST_DATE: "ERROR",
  E6_PROPOSAL_TO_CONFIRMATION: "ERROR",
  E7_SESSION_CODE_LEAK: "ERROR",
  E8_VALIDATED_INSCRIPTION: "ERROR",
  W1_DATE_HALLUCINATION: "WARNING",
  W2_UBER_BLOCKED_DATES: "WARNING",
  W3_DOUBLON_NON_UBER: "WARNING",
  W4_SALESIQ_CONTAMINATION: "WARNING",
  W5_HUMANIZER_LOST_DATES: "WARNING",
  W6_BLOCKED_DATE_CRM_UPDATE: "WARNING",
  W7_VALIDATION_FAILED: "WARNING",
  W8_HUMANIZER_FAILED: "WARNING",
  W9_SINGLE_SESSION_OPTION: "WARNING",
  W10_BROKEN_HTML: "WARNING"
} as const satisfies Record<string, Severity>
export type TicketCheck = keyof typeof TICKET_CHECKS

export interface Finding {
  readonly check: TicketCheck
  readonly severity: Severity
  readonly detail: string
}

/** What the humanizer did with this run's reply (absent when there was no reply to rewrite). */
export interface HumanizerUse {
  readonly status: "used" | "rejected" | "disabled" | "failed"
  /** The rewrite, when it was used. */
  readonly html: string | null
  readonly failure: string | null
}

export interface HealthInput {
  readonly stage: string
  readonly triageAction: string
  readonly primaryIntent: string | null
  readonly secondaryIntents: ReadonlyArray<string>
  readonly uberCase: string | null
  /** The decision's template variables, as recorded (open JSON). */
  readonly templateVars: { readonly [key: string]: unknown }
  /** The template's rendering (`decision.reply`), null when no reply was rendered. */
  readonly reply: { readonly html: string; readonly validationOk: boolean; readonly validationErrors: ReadonlyArray<string> } | null
  readonly humanizer: HumanizerUse | null
  /** The body of the draft asked of Desk in this run, when one was. */
  readonly draftHtml: string | null
  readonly draftCreated: boolean
  /** Payloads of the deal updates asked for in this run. */
  readonly dealUpdates: ReadonlyArray<{ readonly [field: string]: unknown }>
  /** The candidate's newest message (plain text or HTML), when the case file had one. */
  readonly candidateMessage: string | null
  /** Today in Europe/Paris when the case was gathered, `YYYY-MM-DD`. */
  readonly today: string
}

// ---------------------------------------------------------------------------------------------
// Reading the recorded JSON

const isObject = (u: unknown): u is { readonly [key: string]: unknown } => typeof u === "object" && u !== null && !Array.isArray(u)
const flag = (vars: HealthInput["templateVars"], name: string): boolean => vars[name] === true
const textVar = (vars: HealthInput["templateVars"], name: string): string => {
  const value = vars[name]
  return typeof value === "string" ? value : ""
}
const listVar = (vars: HealthInput["templateVars"], name: string): ReadonlyArray<{ readonly [key: string]: unknown }> => {
  const value = vars[name]
  return Array.isArray(value) ? value.filter(isObject) : []
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** Every `YYYY-MM-DD` string anywhere in a JSON value: the dates the decision's data holds. */
export const isoDatesIn = (value: unknown, into: Set<string> = new Set()): Set<string> => {
  if (typeof value === "string") {
    if (ISO_DATE.test(value)) into.add(value)
  } else if (Array.isArray(value)) {
    for (const v of value) isoDatesIn(v, into)
  } else if (isObject(value)) {
    for (const v of Object.values(value)) isoDatesIn(v, into)
  }
  return into
}

const ENTITIES: Readonly<Record<string, string>> = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", euro: "€" }

/** What the candidate reads: comments, tags and link targets removed, common entities decoded. */
export const readableText = (html: string): string =>
  html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|ul|ol|h\d)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#\d+|[a-z]+);/gi, (whole, name: string) =>
      name.startsWith("#") ? String.fromCodePoint(Number(name.slice(1))) : (ENTITIES[name.toLowerCase()] ?? whole)
    )
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n+/g, "\n")
    .trim()

const fold = (text: string): string => text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")

// ---------------------------------------------------------------------------------------------
// Word lists

/** Back-office words (DOMAIN.md §9.8), whole words, any case; `20€` is E1's business. */
const INTERNAL_TERMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bBFS\b/i, "BFS"],
  [/\bEvalbox\b/i, "Evalbox"],
  [/\bCD[JS]\b/i, "CDJ/CDS"],
  [/\bMontreuil\b/i, "Montreuil"],
  [/\blookups?\b/i, "lookup"],
  [/\bCRM\b/i, "CRM"],
  [/\bdeals?\b/i, "deal"],
  [/\bAPI\b/i, "API"],
  [/\b(ticket|deal|contact|session)_id\b/i, "identifiant interne"],
  [/\bmodule\b/i, "module"],
  [/\bfield\b/i, "field"],
  [/\b\d{12,}\b/, "identifiant d'enregistrement"]
]

const SESSION_CODE = /\bcd[sj][-_][a-z0-9]/i

/** A change stated as done ("le report a bien été effectué", "nous avons modifié votre date"). */
const CHANGE_CONFIRMED: ReadonlyArray<RegExp> = [
  /\b(report|changement|modification)\b[^.!?\n]{0,60}\b(effectuee?|confirmee?|pris en compte|validee?|enregistree?)\b/,
  /\bnous avons (bien )?(modifie|reporte|change|deplace)\b/,
  /\bnouvelle date\b[^.!?\n]{0,40}\b(est|a ete)\s+(confirmee|enregistree|validee)/,
  /\bvous etes (desormais|maintenant) inscrit\b/
]

const NEGATION = /\b(pas|plus|impossible|ne peut|ne pouvons)\b/

/** Registration steps, wrong once the CMA validated the dossier. */
const REGISTRATION_STEPS: ReadonlyArray<RegExp> = [
  /\b(creer|creez) (votre|un) compte\b/,
  /\binscrivez-vous\b/,
  /\bproceder a (votre|l'|l’)\s?inscription\b/,
  /\bfinaliser (votre|l'|l’)\s?inscription\b/,
  /\bpayer les frais (d'|d’)\s?inscription\b/
]

/** A candidate asking for something else than the Uber offer (DOMAIN.md §3.4 "other service" words). */
const NON_UBER_WORDS: ReadonlyArray<RegExp> = [
  /\bcpf\b/, /\bcompte (personnel de )?formation\b/, /\btaxi\b/, /\bambulan/, /\bcapacite de transport\b/,
  /\bformation pratique\b/, /\bexamen pratique\b/, /\bpratique vtc\b/, /\blocation (de |d'un )?vehicule\b/, /\blouer un vehicule\b/,
  /\bautre formation\b/
]

/** Metadata a SalesIQ chat widget pastes into the message. */
const SALESIQ = /\bsales\s?iq\b|\bvisitor (id|name|email)\b|\bchat transcript\b|\btranscription (du|de la) (chat|conversation)\b|\bpage (url|visitee)\b/

const CANCELLATION_INTENTS = new Set(["DEMANDE_ANNULATION"])
const DATES_ALLOWED_WHEN_FINISHED = new Set(["DEMANDE_REINSCRIPTION", "REPORT_DATE"])
const FINISHED_FLAGS = [
  "resultat_admis", "resultat_non_admis", "resultat_non_admissible", "resultat_absent", "resultat_convoc_pas_recu", "resultat_plus_interesse"
]

/** The dossier is over (admitted, failed, absent…): DOMAIN.md §4.5 `dossier_termine`. */
export const dossierTermine = (vars: HealthInput["templateVars"]): boolean => FINISHED_FLAGS.some((name) => flag(vars, name))

const PAIRED_TAGS = new Set(["a", "b", "strong", "i", "em", "u", "p", "div", "span", "ul", "ol", "li", "table", "tr", "td"])
const TAG = /<(\/?)([a-z][a-z0-9]*)(?:\s[^<>]*)?>/gi

/** Tags opened and not closed (or closed and not opened), by name, in order of first appearance. */
export const unbalancedTags = (html: string): ReadonlyArray<string> => {
  const body = html.replace(/<!--[\s\S]*?-->/g, "")
  const counts = new Map<string, { opened: number; closed: number }>()
  for (const m of body.matchAll(TAG)) {
    const name = (m[2] ?? "").toLowerCase()
    if (!PAIRED_TAGS.has(name)) continue
    const c = counts.get(name) ?? { opened: 0, closed: 0 }
    if (m[1] === "/") c.closed += 1
    else c.opened += 1
    counts.set(name, c)
  }
  const out: Array<string> = []
  for (const [tag, { opened, closed }] of counts) {
    if (opened !== closed) out.push(`<${tag}> ${opened} ouverte(s), ${closed} fermée(s)`)
  }
  if (/<[a-z][^<>]*$/i.test(body) || /<[a-z][^>]*</i.test(body)) out.push("balise non terminée")
  return out
}

// ---------------------------------------------------------------------------------------------
// The checks

const finding = (check: TicketCheck, detail: string): Finding => ({ check, severity: TICKET_CHECKS[check], detail })

const sample = (values: Iterable<string>, max = 3): string => {
  const all = [...values]
  return all.length <= max ? all.join(", ") : `${all.slice(0, max).join(", ")} (+${all.length - max})`
}

/** The HTML the candidate would receive: the draft asked of Desk, else the reply the run kept. */
export const deliveredHtml = (input: HealthInput): string | null => {
  if (input.draftHtml !== null) return input.draftHtml
  if (!input.draftCreated || input.reply === null) return null
  return input.humanizer?.status === "used" && input.humanizer.html !== null ? input.humanizer.html : input.reply.html
}

/** Exam dates and session dates the reply offers (section 4a/4b of the templates). */
const offeredDates = (vars: HealthInput["templateVars"]): ReadonlySet<string> => {
  const dates = new Set<string>()
  for (const d of listVar(vars, "next_dates")) isoDatesIn(d["date_examen"], dates)
  for (const s of listVar(vars, "sessions_proposees")) {
    isoDatesIn(s["date_debut"], dates)
    isoDatesIn(s["date_fin"], dates)
  }
  return dates
}

/** Every check that applies to one finished run; an empty list means healthy. Skipped runs are not checked. */
export const checkTicket = (input: HealthInput): ReadonlyArray<Finding> => {
  if (input.stage.startsWith("SKIPPED")) return []
  const out: Array<Finding> = []
  const vars = input.templateVars
  const intents = new Set([input.primaryIntent, ...input.secondaryIntents].filter((i): i is string => i !== null))
  const html = deliveredHtml(input)

  if (input.stage === "COMPLETED" && !input.draftCreated) {
    out.push(finding("C2_NO_DELIVERY", "ticket terminé sans brouillon ni envoi"))
  }
  if (input.reply !== null && !input.reply.validationOk) {
    out.push(finding("W7_VALIDATION_FAILED", `validateur : ${sample(input.reply.validationErrors, 2) || "réponse refusée"}`))
  }
  if (input.humanizer?.status === "failed") {
    out.push(finding("W8_HUMANIZER_FAILED", `humanizer en échec${input.humanizer.failure === null ? "" : ` : ${input.humanizer.failure}`}`))
  }
  const blockedDate = input.dealUpdates.find((u) => "Date_examen_VTC" in u)
  if (blockedDate !== undefined && !flag(vars, "can_modify_exam_date") && textVar(vars, "date_examen") !== "") {
    out.push(finding("W6_BLOCKED_DATE_CRM_UPDATE", `Date_examen_VTC modifiée alors que la date du ${textVar(vars, "date_examen")} ne pouvait plus l'être`))
  }
  const message = input.candidateMessage === null ? "" : fold(readableText(input.candidateMessage))
  if (input.stage === "DUPLICATE_UBER_OFFER") {
    const word = NON_UBER_WORDS.map((re) => re.exec(message)).find((m) => m !== null)
    if (word) out.push(finding("W3_DOUBLON_NON_UBER", `doublon Uber alors que le message parle de « ${word[0]} »`))
  }
  if (input.triageAction === "ROUTE") {
    const meta = SALESIQ.exec(message)
    if (meta !== null) out.push(finding("W4_SALESIQ_CONTAMINATION", `transfert peut-être dû aux métadonnées du chat (« ${meta[0]} »)`))
  }

  if (html === null) return out
  const text = readableText(html)
  const folded = fold(text)
  const facts = extractFacts(html)

  if (input.draftCreated || input.draftHtml !== null) {
    if (text.length < 50) out.push(finding("C1_EMPTY_DRAFT", `brouillon de ${text.length} caractère(s)`))
  }
  const placeholder = /\{\{[\s\S]*?\}\}/.exec(html)
  if (placeholder !== null) out.push(finding("C3_UNRESOLVED_PLACEHOLDERS", `variable non remplacée ${placeholder[0]}`))

  if ((facts.amounts.has("20") || /\bvingt euros?\b/.test(folded)) && ![...intents].some((i) => CANCELLATION_INTENTS.has(i))) {
    out.push(finding("E1_AMOUNT_LEAK", "le prix de 20 € apparaît hors demande d'annulation"))
  }
  const terms = INTERNAL_TERMS.flatMap(([re, label]) => {
    const m = re.exec(text)
    return m === null ? [] : [`${label} (« ${m[0]} »)`]
  })
  if (terms.length > 0) out.push(finding("E2_INTERNAL_TERM", `terme interne : ${sample(terms)}`))

  const fullDates = [...facts.dates].filter((d) => ISO_DATE.test(d)).sort()
  const offered = offeredDates(vars)
  const datesOffered = fullDates.filter((d) => offered.has(d))
  if (dossierTermine(vars) && datesOffered.length > 0 && ![...intents].some((i) => DATES_ALLOWED_WHEN_FINISHED.has(i))) {
    out.push(finding("E3_DOSSIER_TERMINE_DATES", `dossier terminé mais dates proposées : ${sample(datesOffered)}`))
  }
  if (flag(vars, "report_bloque")) {
    // "le report n'a pas pu être effectué" states the opposite: a negated sentence is not a confirmation.
    const confirmed = CHANGE_CONFIRMED.map((re) => re.exec(folded)).find((m) => m !== null && !NEGATION.test(m[0]))
    if (confirmed) out.push(finding("E4_BLOCKED_CONFIRMATION", `report bloqué mais le texte confirme un changement (« ${confirmed[0]} »)`))
  }
  const past = fullDates.filter((d) => d < input.today)
  if (past.length > 0) out.push(finding("E5_PAST_DATE", `date(s) passée(s) au ${input.today} : ${sample(past)}`))

  if (input.humanizer?.status === "used" && input.reply !== null) {
    const changes = rejectionsOf({ template: input.reply.html, rewrite: html, candidateMessage: input.candidateMessage ?? "" })
    const confirmation = changes.filter((r) => r.rule === "confirmation-added")
    if (confirmation.length > 0) out.push(finding("E6_PROPOSAL_TO_CONFIRMATION", `réécriture : ${sample(confirmation.map((r) => r.detail), 1)}`))
    const lost = changes.filter((r) => r.rule === "date-dropped")
    if (lost.length > 0) out.push(finding("W5_HUMANIZER_LOST_DATES", `réécriture : ${sample(lost.map((r) => r.detail), 2)}`))
  }
  const code = SESSION_CODE.exec(text)
  if (code !== null) out.push(finding("E7_SESSION_CODE_LEAK", `code de session interne « ${code[0]}… »`))
  if (flag(vars, "evalbox_valide_cma") || flag(vars, "evalbox_convoc_recue")) {
    const step = REGISTRATION_STEPS.map((re) => re.exec(folded)).find((m) => m !== null)
    if (step) out.push(finding("E8_VALIDATED_INSCRIPTION", `dossier déjà validé par la CMA mais consigne d'inscription (« ${step[0]} »)`))
  }

  const allowed = isoDatesIn(vars)
  const allowedDayMonth = new Set([...allowed].map((d) => d.slice(-5)))
  const outside = (known: ReadonlySet<string>, knownDayMonth: ReadonlySet<string>) => (d: string) =>
    ISO_DATE.test(d) ? !known.has(d) : !knownDayMonth.has(d.slice(-5))
  let unknown = [...facts.dates].filter(outside(allowed, allowedDayMonth))
  if (unknown.length > 0 && input.candidateMessage !== null) {
    // Dates the candidate wrote himself may be repeated; read his message only when needed (it costs).
    const quoted = extractFacts(input.candidateMessage).dates
    unknown = unknown.filter(outside(quoted, new Set([...quoted].map((d) => d.slice(-5)))))
  }
  if (unknown.length > 0) out.push(finding("W1_DATE_HALLUCINATION", `date(s) absente(s) des données de la décision : ${sample(unknown.sort())}`))

  if ((input.uberCase === "D" || input.uberCase === "E" || flag(vars, "uber_cas_d") || flag(vars, "uber_cas_e")) && datesOffered.length > 0) {
    out.push(finding("W2_UBER_BLOCKED_DATES", `cas Uber ${input.uberCase ?? "D/E"} mais dates proposées : ${sample(datesOffered)}`))
  }
  if (input.primaryIntent === "DEMANDE_CHANGEMENT_SESSION") {
    const options = listVar(vars, "sessions_proposees").length
    if (options < 2) out.push(finding("W9_SINGLE_SESSION_OPTION", `changement de session avec ${options} option(s)`))
  }
  const broken = unbalancedTags(html)
  if (broken.length > 0) out.push(finding("W10_BROKEN_HTML", sample(broken, 2)))
  return out
}
