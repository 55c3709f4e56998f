/**
 * The state engine's own exam-date case, CAS 1–11 (§5.5, `_determine_date_examen_case`): it
 * names the state (D-1…D-11). It differs from the helper's case on purpose-less points the
 * original has (fake refusal stays 3, no payment check for 8, Dossier Synchronisé past → 7);
 * they are reproduced because the state names depend on them.
 */
import { Evalbox, READY_TO_PAY } from "./constants.ts"

export type DetectorCase = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11

export interface DetectorFacts {
  readonly hasExamDate: boolean
  readonly evalbox: unknown
  /** exam strictly before today */
  readonly examPast: boolean
  /** exam today or later */
  readonly examFuture: boolean
  readonly cloturePast: boolean
}

const is = (v: unknown, wanted: string) => v === wanted
const inSet = (v: unknown, set: ReadonlySet<string>) => typeof v === "string" && set.has(v)

export const DETECTOR_CASE_RULES: ReadonlyArray<{
  readonly case: DetectorCase
  readonly state: string
  readonly when: (f: DetectorFacts) => boolean
}> = [
  { case: 1, state: "EXAM_DATE_EMPTY", when: (f) => !f.hasExamDate },
  { case: 3, state: "REFUSED_CMA", when: (f) => is(f.evalbox, Evalbox.RefuseCma) },
  { case: 9, state: "CONVOCATION_RECEIVED", when: (f) => is(f.evalbox, Evalbox.ConvocCmaRecue) && !f.examPast },
  { case: 11, state: "EXAM_PASSED_AWAITING_RESULTS", when: (f) => is(f.evalbox, Evalbox.ConvocCmaRecue) && f.examPast },
  { case: 10, state: "READY_TO_PAY", when: (f) => inSet(f.evalbox, READY_TO_PAY) },
  { case: 4, state: "VALIDE_CMA_WAITING_CONVOC", when: (f) => is(f.evalbox, Evalbox.ValideCma) && f.examFuture },
  { case: 5, state: "DOSSIER_SYNCHRONIZED", when: (f) => is(f.evalbox, Evalbox.DossierSynchronise) && f.examFuture },
  {
    case: 7,
    state: "EXAM_DATE_PAST_VALIDATED",
    when: (f) => f.examPast && (is(f.evalbox, Evalbox.ValideCma) || is(f.evalbox, Evalbox.DossierSynchronise))
  },
  {
    case: 8,
    state: "DEADLINE_MISSED",
    when: (f) => f.examFuture && f.cloturePast &&
      !(is(f.evalbox, Evalbox.ValideCma) || is(f.evalbox, Evalbox.DossierSynchronise) || is(f.evalbox, Evalbox.ConvocCmaRecue))
  },
  { case: 2, state: "EXAM_DATE_PAST_NOT_VALIDATED", when: (f) => f.examPast },
  { case: 6, state: "EXAM_DATE_ASSIGNED_WAITING", when: (f) => f.examFuture },
  // an exam date that cannot be read ("à définir") counts as no date
  { case: 1, state: "EXAM_DATE_EMPTY", when: () => true }
]

/** The first matching row (the last row always matches). */
export const detectorCaseOf = (facts: DetectorFacts) =>
  DETECTOR_CASE_RULES.find((r) => r.when(facts)) as (typeof DETECTOR_CASE_RULES)[number]
