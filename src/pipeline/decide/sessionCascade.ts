/**
 * Session-change cascade (§6.7, `DEMANDE_CHANGEMENT_SESSION` without a complaint or specific dates):
 * level 1 other courses of the same type for the same exam date (skipped when the candidate asks to
 * switch type); level 2 the other type for the same date, plus the requested (or same) type for the
 * next exam date when the exam may still move; level 3 any course for the next date; level 0 keep
 * the current course. The next date needs a CMA message at engagement levels 1–2 (§5.6).
 */
import type { SessionType } from "../../services/rules/constants.ts"
import type { Engagement } from "../../services/rules/engagement.ts"
import { pyStr, type CrmRecord } from "../../services/rules/pyValues.ts"
import type { ProposedSession } from "../../services/rules/sessions.ts"

export interface CascadeOption {
  readonly exam: CrmRecord
  /** the next exam date (choosing one of its courses moves the exam) */
  readonly next: boolean
  readonly sessions: ReadonlyArray<ProposedSession>
}

export interface SessionCascade {
  readonly level: 0 | 1 | 2 | 3
  readonly options: ReadonlyArray<CascadeOption>
  readonly includesNextDate: boolean
  readonly needsCma: boolean
}

export interface CascadeInput {
  readonly currentSession: { readonly id: string; readonly type: SessionType | null } | null
  /** the type the candidate asks for (triage preference), null when none */
  readonly requestedType: SessionType | null
  readonly exam: CrmRecord
  /** the département's next open exam date after the current one */
  readonly nextExam: CrmRecord | null
  readonly engagement: Engagement
  /** rule B1 forbids moving the exam */
  readonly dateFrozen: boolean
  /** courses for an exam date: of one type (best first), or the best of each type when null */
  readonly sessionsFor: (exam: CrmRecord, type: SessionType | null) => ReadonlyArray<ProposedSession>
}

const other = (t: SessionType): SessionType => (t === "jour" ? "soir" : "jour")

export const sessionChangeCascade = (input: CascadeInput): SessionCascade => {
  const currentId = input.currentSession?.id ?? null
  const currentType = input.currentSession?.type ?? null
  const type = currentType ?? input.requestedType
  const switching = input.requestedType !== null && currentType !== null && input.requestedType !== currentType
  const of = (exam: CrmRecord, t: SessionType | null) =>
    input.sessionsFor(exam, t).filter((s) => (t === null || s.session_type === t) && pyStr(s.id) !== currentId)
  const next = input.engagement.can_reposition && !input.dateFrozen ? input.nextExam : null
  const result = (level: SessionCascade["level"], options: ReadonlyArray<CascadeOption>): SessionCascade => {
    const kept = options.filter((o) => o.sessions.length > 0)
    const includesNextDate = kept.some((o) => o.next)
    return { level, options: kept, includesNextDate, needsCma: includesNextDate && input.engagement.needs_cma_message }
  }

  if (type !== null && !switching) {
    const sameType = of(input.exam, type)
    if (sameType.length > 0) return result(1, [{ exam: input.exam, next: false, sessions: sameType }])
  }
  const otherType = type === null ? of(input.exam, null) : of(input.exam, switching ? (input.requestedType as SessionType) : other(type))
  const nextSameType = next === null || type === null ? [] : of(next, input.requestedType ?? type)
  if (otherType.length > 0 || nextSameType.length > 0) {
    return result(2, [
      { exam: input.exam, next: false, sessions: otherType }, ...(next === null ? [] : [{ exam: next, next: true, sessions: nextSameType }])
    ])
  }
  const anyNext = next === null ? [] : of(next, null)
  if (next !== null && anyNext.length > 0) return result(3, [{ exam: next, next: true, sessions: anyNext }])
  return { level: 0, options: [], includesNextDate: false, needsCma: false }
}
