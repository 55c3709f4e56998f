/** Rule 16 (§6.7, R10): the training must end before the exam. */
import { parseDateFlexible } from "./dates.ts"

/**
 * The latest readable end among the candidate's sessions (matched, requested, assigned) falls on
 * or after the exam day: the reply must say so (and the exam moves only if engagement allows).
 */
export const sessionEndsOnOrAfterExam = (sessionEnds: ReadonlyArray<unknown>, examDate: unknown): boolean => {
  const exam = parseDateFlexible(examDate)
  if (exam === null) return false
  const ends = sessionEnds.map((e) => parseDateFlexible(e)).filter((d): d is string => d !== null)
  if (ends.length === 0) return false
  return ends.reduce((a, b) => (a > b ? a : b)) >= exam
}
