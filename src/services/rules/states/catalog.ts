/**
 * Candidate states (DOMAIN.md §8.1) as one typed table, evaluated in ascending priority: the first
 * BLOCKING match stops the evaluation; WARNING and INFO matches are collected. Detection reads a
 * `StateFacts` value (see ./facts.ts) so the table itself holds no parsing.
 */
import { Evalbox } from "../constants.ts"
import type { StateFacts } from "./facts.ts"

export type Severity = "BLOCKING" | "WARNING" | "INFO"

export interface CandidateState {
  readonly id: string
  readonly name: string
  readonly priority: number
  readonly severity: Severity
  readonly matches: (f: StateFacts) => boolean
}

const ACCESS_LOST_STATUSES: ReadonlySet<string> = new Set([
  Evalbox.DossierSynchronise, Evalbox.ValideCma, Evalbox.ConvocCmaRecue, Evalbox.RefuseCma
])

/** Intent states I1–I9: primary or secondary intent. I9 never matches in the original (its YAML condition is ignored). */
const INTENT_STATES: ReadonlyArray<readonly [string, string, ReadonlyArray<string>]> = [
  ["I1", "REPORT_DATE_REQUEST", ["REPORT_DATE"]],
  ["I2", "CONFIRMATION_SESSION", ["CONFIRMATION_SESSION"]],
  ["I3", "DEMANDE_IDENTIFIANTS", ["DEMANDE_IDENTIFIANTS"]],
  ["I4", "STATUT_DOSSIER", ["STATUT_DOSSIER"]],
  ["I5", "CONFIRMATION_PAIEMENT", ["CONFIRMATION_PAIEMENT"]],
  ["I6", "DOCUMENT_QUESTION", ["DOCUMENT_QUESTION"]],
  ["I7", "RESULTAT_EXAMEN", ["RESULTAT_EXAMEN"]],
  ["I8", "QUESTION_GENERALE", ["QUESTION_GENERALE"]]
]

/** Detector CAS → date state (D-1…D-11), priorities 300–310 in YAML order. */
export const DATE_STATES: ReadonlyArray<readonly [number, string, string, number]> = [
  [1, "D-1", "EXAM_DATE_EMPTY", 300],
  [2, "D-2", "EXAM_DATE_PAST_NOT_VALIDATED", 301],
  [3, "D-3", "REFUSED_CMA", 302],
  [4, "D-4", "VALIDE_CMA_WAITING_CONVOC", 303],
  [5, "D-5", "DOSSIER_SYNCHRONIZED", 304],
  [6, "D-6", "EXAM_DATE_ASSIGNED_WAITING", 305],
  [7, "D-7", "EXAM_DATE_PAST_VALIDATED", 306],
  [8, "D-8", "DEADLINE_MISSED", 307],
  [9, "D-9", "CONVOCATION_RECEIVED", 308],
  [10, "D-10", "READY_TO_PAY", 309],
  [11, "D-11", "EXAM_PASSED_AWAITING_RESULTS", 310]
]

const uberState = (id: string, name: string, priority: number, uberCase: string): CandidateState => ({
  id, name, priority, severity: "WARNING", matches: (f) => f.uberCase === uberCase
})

export const CANDIDATE_STATES: ReadonlyArray<CandidateState> = [
  { id: "T1", name: "SPAM", priority: 1, severity: "BLOCKING", matches: (f) => f.triageAction === "SPAM" },
  { id: "T2", name: "ROUTE_DEPARTMENT", priority: 2, severity: "BLOCKING", matches: (f) => f.triageAction === "ROUTE" },
  { id: "T3", name: "DUPLICATE_UBER", priority: 3, severity: "WARNING", matches: (f) => f.hasDuplicateUberOffer },
  { id: "T4", name: "CANDIDATE_NOT_FOUND", priority: 4, severity: "BLOCKING", matches: (f) => f.needsClarification },
  {
    id: "A0", name: "CREDENTIALS_REFUSED_SECURITY", priority: 95, severity: "INFO",
    matches: (f) => f.intents.includes("REFUS_PARTAGE_CREDENTIALS")
  },
  {
    id: "A6", name: "EXAMT3P_ACCESS_LOST", priority: 95, severity: "BLOCKING",
    matches: (f) => f.credentialsLoginFailed && typeof f.evalbox === "string" && ACCESS_LOST_STATUSES.has(f.evalbox)
  },
  { id: "A1", name: "CREDENTIALS_INVALID", priority: 100, severity: "INFO", matches: (f) => f.credentialsInvalid },
  { id: "A2", name: "EXAMT3P_DOWN", priority: 101, severity: "BLOCKING", matches: (f) => f.examt3pDown },
  { id: "A3", name: "DOUBLE_ACCOUNT_PAID", priority: 102, severity: "BLOCKING", matches: (f) => f.duplicatePaymentAlert },
  { id: "A4", name: "PERSONAL_ACCOUNT_WARNING", priority: 103, severity: "WARNING", matches: (f) => f.personalAccountWarning },
  { id: "A5", name: "SESSION_ASSIGNMENT_ERROR", priority: 104, severity: "WARNING", matches: (f) => f.sessionAssignmentError },
  uberState("U-PROSPECT", "UBER_PROSPECT", 200, "PROSPECT"),
  uberState("U-A", "UBER_DOCS_MISSING", 201, "A"),
  uberState("U-B", "UBER_TEST_MISSING", 202, "B"),
  uberState("U-D", "UBER_ACCOUNT_NOT_VERIFIED", 203, "D"),
  uberState("U-E", "UBER_NOT_ELIGIBLE", 204, "E"),
  { id: "FM-1", name: "MISSED_TRAINING_FORCE_MAJEURE", priority: 290, severity: "BLOCKING", matches: (f) => f.missedTrainingForceMajeure },
  ...DATE_STATES.map(([detectorCase, id, name, priority]): CandidateState => ({
    id, name, priority, severity: "INFO", matches: (f) => f.detectorCase === detectorCase
  })),
  ...INTENT_STATES.map(([id, name, intents], i): CandidateState => ({
    id, name, priority: 400 + i, severity: "INFO", matches: (f) => f.intents.some((intent) => intents.includes(intent))
  })),
  { id: "I9", name: "CONFIRMATION_DATE_EXAMEN", priority: 408, severity: "INFO", matches: () => false },
  { id: "C1", name: "TRAINING_MISSED_EXAM_IMMINENT", priority: 500, severity: "WARNING", matches: (f) => f.trainingMissedExamImminent },
  { id: "C2", name: "REFRESH_SESSION_AVAILABLE", priority: 501, severity: "INFO", matches: (f) => f.refreshSessionAvailable },
  { id: "C3", name: "DOSSIER_NOT_RECEIVED", priority: 502, severity: "INFO", matches: () => false },
  { id: "B1", name: "DATE_MODIFICATION_BLOCKED", priority: 600, severity: "WARNING", matches: (f) => !f.canModifyExamDate },
  { id: "DEFAULT", name: "GENERAL", priority: 999, severity: "INFO", matches: () => true }
]

export const stateByName: ReadonlyMap<string, CandidateState> = new Map(CANDIDATE_STATES.map((s) => [s.name, s]))
