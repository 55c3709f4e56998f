/**
 * Training / exam consistency (§1.3 step 15, §8.1 FM-1): the candidate missed his training course
 * while his exam is close. The candidate says so in one of his messages, or the CRM shows a course
 * that has ended while the exam is still ahead. Within `forceMajeureDeadlineDays` of the exam the
 * issue is `MISSED_TRAINING_IMMINENT_EXAM` (with a force-majeure reason the state engine blocks on
 * FM-1); further away it is `MISSED_TRAINING_NEEDS_REFRESH` (a refresher course is offered).
 */
import { Thresholds } from "./constants.ts"
import { daysBetween, type IsoDate } from "./dates.ts"
import { cleanThreadContent, inboundThreads } from "./threads.ts"

export type ConsistencyIssue = "MISSED_TRAINING_IMMINENT_EXAM" | "MISSED_TRAINING_NEEDS_REFRESH"
export type ForceMajeureKind = "medical" | "death" | "other"

/** The shape the state engine reads as `training_exam_consistency_data`. */
export interface TrainingConsistency {
  readonly has_consistency_issue: boolean
  readonly issue_type: ConsistencyIssue | null
  readonly needs_refresh_session: boolean
  /** why the training counts as missed: a phrase of the candidate, or `session_terminee` */
  readonly missed_reason: string | null
  readonly exam_date: IsoDate | null
  readonly days_until_exam: number | null
  readonly force_majeure_detected: boolean
  readonly force_majeure_type: ForceMajeureKind | null
}

export const NO_CONSISTENCY_ISSUE: TrainingConsistency = {
  has_consistency_issue: false, issue_type: null, needs_refresh_session: false, missed_reason: null,
  exam_date: null, days_until_exam: null, force_majeure_detected: false, force_majeure_type: null
}

/** Phrases of a candidate who could not follow (part of) his course, with the reason recorded. */
const MISSED_TRAINING: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?:n'ai\s+)?pas\s+pu\s+(?:assister|participer|suivre|rejoindre)/, "impossibilité"],
  [/je\s+n'ai\s+pas\s+(?:assisté|participé|suivi|rejoint)/, "impossibilité"],
  [/manqu[ée]\s+(?:la\s+|ma\s+)?(?:formation|session|cours)/, "formation manquée"],
  [/j'ai\s+manqu[ée]/, "formation manquée"],
  [/absente?\s+(?:à|de|pendant)\s+(?:la\s+|ma\s+)?(?:formation|session)/, "absence"],
  [/sant[ée].{0,60}(?:pas\s+permis|emp[êe]ch)/, "raison médicale"],
  [/hospitalis[ée]/, "hospitalisation"],
  [/maladie.{0,80}(?:pas\s+pu|manqu|absent)/, "maladie"],
  [/(?:dossier|certificat)\s+m[ée]dical/, "justificatif médical"]
]

/** Force-majeure reasons by kind, checked message by message in this order. */
const FORCE_MAJEURE: ReadonlyArray<readonly [ForceMajeureKind, ReadonlyArray<RegExp>]> = [
  ["medical", [
    /certificat\s+m[ée]dical/, /hospitalis/, /maladie\s+grave/, /op[ée]ration/, /chirurgi/, /accident/, /bless[ée]/,
    /arr[êe]t\s+(?:de\s+)?travail/, /sant[ée]/, /dossier\s+m[ée]dical/
  ]],
  ["death", [/d[ée]c[èe]s/, /deuil/, /enterrement/, /fun[ée]railles/]],
  ["other", [/convocation\s+(?:judiciaire|au\s+tribunal|tribunal)/, /force\s+majeure/, /catastrophe/, /sinistre/]]
]

const inboundTexts = (threads: unknown): ReadonlyArray<string> =>
  inboundThreads(threads).map((t) => cleanThreadContent(t).toLowerCase())

/** First missed-training phrase found in the candidate's messages (its reason), else null. */
export const missedTrainingInMessages = (threads: unknown): string | null => {
  for (const text of inboundTexts(threads)) {
    const hit = MISSED_TRAINING.find(([re]) => re.test(text))
    if (hit !== undefined) return hit[1]
  }
  return null
}

/** The kind of force majeure the candidate's messages mention, else null. */
export const forceMajeureInMessages = (threads: unknown): ForceMajeureKind | null => {
  for (const text of inboundTexts(threads)) {
    for (const [kind, patterns] of FORCE_MAJEURE) if (patterns.some((re) => re.test(text))) return kind
  }
  return null
}

export interface ConsistencyInput {
  readonly threads: unknown
  /** the deal's exam date after the analysis-stage writes (`YYYY-MM-DD`), null when none */
  readonly examDate: IsoDate | null
  /** end of the assigned training session (`YYYY-MM-DD`), null when none */
  readonly sessionEnd: IsoDate | null
  readonly today: IsoDate
}

/**
 * `analyze_training_exam_consistency`. An exam already behind the candidate is no consistency
 * issue (the exam-date cases handle it), nor is a deal without an exam date.
 */
export const analyzeTrainingConsistency = (input: ConsistencyInput): TrainingConsistency => {
  const { examDate, sessionEnd, today } = input
  if (examDate === null || examDate < today) return NO_CONSISTENCY_ISSUE
  const fromCrm = sessionEnd !== null && sessionEnd < today ? "session_terminee" : null
  const reason = missedTrainingInMessages(input.threads) ?? fromCrm
  if (reason === null) return NO_CONSISTENCY_ISSUE
  const days = daysBetween(today, examDate)
  const kind = forceMajeureInMessages(input.threads)
  return {
    has_consistency_issue: true,
    issue_type: days <= Thresholds.forceMajeureDeadlineDays ? "MISSED_TRAINING_IMMINENT_EXAM" : "MISSED_TRAINING_NEEDS_REFRESH",
    needs_refresh_session: true,
    missed_reason: reason,
    exam_date: examDate,
    days_until_exam: days,
    force_majeure_detected: kind !== null,
    force_majeure_type: kind
  }
}
