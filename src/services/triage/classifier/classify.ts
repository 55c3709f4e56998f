/**
 * Offline intent classifier: fills the triage contract (§2.7) from French text with weighted
 * cues. It never routes (action is always GO: only deterministic rules route) and, below the
 * confidence threshold, answers QUESTION_GENERALE and asks for a human rather than guess.
 */
import type { TriageContract } from "../contract.ts"
import { cutTextQuotes } from "../message/quoted.ts"
import { fold } from "../text/normalize.ts"
import { buildIntentContext, detectForceMajeure } from "./context.ts"
import { GENERAL_INTENT, type Intent } from "./intents.ts"
import { intentCues, type ScoredLabel } from "./patterns.ts"

export const CONFIDENCE_THRESHOLD = 0.55
const SECONDARY_MIN_SCORE = 3
const MAX_SECONDARY = 3

export interface ClassifierInput {
  readonly subject: string
  readonly message: string
  /** `YYYY-MM-DD`, the calendar date of `now` in Europe/Paris. */
  readonly today: string
  /** The deal's assigned exam date (`YYYY-MM-DD`), when there is one. */
  readonly assignedExamDate?: string | undefined
}

export interface OfflineClassification {
  readonly contract: TriageContract
  readonly scores: ReadonlyArray<readonly [Intent, number]>
  readonly needsHuman: boolean
}

/** Greetings, sign-offs and thanks carry no intent; they are removed before scoring. */
const stripCourtesy = (folded: string): string =>
  folded
    .replace(/(^|\n)\s*(bonjour|bonsoir|salut|hello|slt|bjr|madame,? monsieur)( madame| monsieur| a tous| l'equipe)*\s*[,!.]*/g, "$1")
    .replace(/(cordialement|bien a vous|bonne (journee|soiree)|merci d'avance|merci par avance|dans l'attente de votre reponse|en vous remerciant)[\s\S]*$/g, "")
    .trim()

const scoreAll = (text: string): Map<ScoredLabel, number> => {
  const scores = new Map<ScoredLabel, number>()
  for (const [label, cues] of intentCues) {
    const total = cues.reduce((sum, cue) => (cue.pattern.test(text) ? sum + cue.weight : sum), 0)
    if (total > 0) scores.set(label, total)
  }
  return scores
}

/** Thanks only: judged on the text before any quote marker, since short replies keep their quote (§2.2 fallback). */
const isThanksOnly = (message: string): boolean => {
  const core = fold(cutTextQuotes(message))
  return /(merci|remercie)/.test(core) && core.replace(/[^a-z]/g, "").length <= 80
}

/** Disambiguation between neighbouring intents that share vocabulary. */
const adjust = (scores: Map<ScoredLabel, number>, text: string): void => {
  const lower = (label: ScoredLabel, by: number) => {
    const current = scores.get(label)
    if (current !== undefined) scores.set(label, current - by)
  }
  const sessionWords = /(session|formation|cours)/.test(text)
  if (sessionWords && !/examen/.test(text) && scores.has("CONFIRMATION_SESSION")) lower("CONFIRMATION_DATE_EXAMEN", 3)
  if (/(changer|modifier|decaler|basculer|erreur de session|pas celle)/.test(text)) lower("CONFIRMATION_SESSION", 4)
  if (scores.has("SIGNALE_PROBLEME_DOCS")) lower("ENVOIE_DOCUMENTS", 3)
  // "repasser l'examen à la prochaine session": an exam session, not a training session
  if (scores.has("DEMANDE_REINSCRIPTION") && /examen/.test(text)) {
    lower("CONFIRMATION_SESSION", 3)
    lower("DEMANDE_CHANGEMENT_SESSION", 3)
  }
  // "reporter mon examen …, je préfère le soir": the exam move is the request, the preference rides along
  if ((scores.has("REPORT_DATE") || scores.has("DEMANDE_DATE_PLUS_TOT")) && /examen/.test(text)) lower("CONFIRMATION_SESSION", 3)
}

/** Context rules of §2.7 and R7 applied to the winning label. */
const resolveLabel = (label: ScoredLabel, input: ClassifierInput, requestedMonth: number | null, folded: string): Intent => {
  if (label === "ASK_EXAM_DATE") return input.assignedExamDate !== undefined ? "DEMANDE_DATE_EXAMEN" : "DEMANDE_DATES_FUTURES"
  if (label === "REPORT_DATE" || label === "DEMANDE_DATE_PLUS_TOT") {
    if (detectForceMajeure(folded) !== undefined && label === "REPORT_DATE") return "FORCE_MAJEURE_REPORT"
    const assigned = input.assignedExamDate
    if (label === "REPORT_DATE" && assigned !== undefined && requestedMonth !== null) {
      const assignedMonth = Number(assigned.slice(5, 7))
      const todayMonth = Number(input.today.slice(5, 7))
      // months are compared within the same rolling year, counted from today's month
      const rank = (month: number) => (month - todayMonth + 12) % 12
      if (rank(requestedMonth) < rank(assignedMonth)) return "DEMANDE_DATE_PLUS_TOT"
    }
  }
  return label
}

const confidenceOf = (top: number, second: number): number => {
  const base = Math.min(0.95, 0.3 + 0.1 * top)
  const contested = second >= top * 0.85 ? 0.15 : 0
  return Math.round(Math.max(0.05, base - contested) * 100) / 100
}

export const classifyOffline = (input: ClassifierInput): OfflineClassification => {
  const text = `${input.subject}\n${input.message}`
  const folded = fold(text)
  const core = stripCourtesy(fold(input.message))
  const context = buildIntentContext(text, input.today)
  const scores = scoreAll(`${fold(input.subject)}\n${core}`)
  adjust(scores, core)
  if (context.mentions_force_majeure && (scores.has("REPORT_DATE") || /examen/.test(core))) {
    scores.set("FORCE_MAJEURE_REPORT", (scores.get("FORCE_MAJEURE_REPORT") ?? 0) + 5)
  }
  const ranked = [...scores.entries()]
    .map(([label, score]) => [resolveLabel(label, input, context.requested_month, folded), score] as const)
    .reduce<Array<readonly [Intent, number]>>((acc, [intent, score]) => {
      const existing = acc.findIndex(([known]) => known === intent)
      if (existing === -1) return [...acc, [intent, score] as const]
      return acc.map((entry, index) => (index === existing ? [intent, Math.max(entry[1], score)] as const : entry))
    }, [])
    .sort((a, b) => b[1] - a[1])

  const [first, second] = ranked
  let primary: Intent = first?.[0] ?? GENERAL_INTENT
  let confidence = first === undefined ? 0 : confidenceOf(first[1], second?.[1] ?? 0)
  if ((first === undefined || first[1] < 3) && isThanksOnly(input.message)) {
    primary = "REMERCIEMENT"
    confidence = 0.8
  }
  const needsHuman = confidence < CONFIDENCE_THRESHOLD
  if (needsHuman) primary = GENERAL_INTENT
  const secondary = needsHuman
    ? []
    : ranked.filter(([intent, score]) => intent !== primary && score >= SECONDARY_MIN_SCORE).slice(0, MAX_SECONDARY).map(([intent]) => intent)

  return {
    contract: {
      action: "GO",
      target_department: null,
      // the shared method enum has no offline-classifier value; the decision records `offline_rules`
      method: "default",
      reason: needsHuman
        ? "classement hors ligne peu sûr : intention générale, relecture humaine demandée"
        : `classement hors ligne : ${primary}`,
      confidence,
      primary_intent: primary,
      secondary_intents: secondary,
      intent_context: context,
      direct_answer: null
    },
    scores: ranked,
    needsHuman
  }
}
