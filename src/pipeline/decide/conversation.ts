/**
 * What the V3 conversation analysis (case file `conversation`, §8.6) changes in the reply: the
 * date-confirmation fallback (§5.7), "the candidate already chose a date → no dates" (§1.4 step
 * 9) and the response modes (§8.5). Advisory: without an analysis nothing changes. Pure.
 */
import type { ConversationAnalysis, ResponseMode } from "../../schemas/conversation.ts"
import type { IsoDate } from "../../services/rules/dates.ts"
import type { Engagement } from "../../services/rules/engagement.ts"
import type { CrmRecord } from "../../services/rules/pyValues.ts"
import type { MatrixRow } from "../../services/rules/states/matrix.ts"
import { FULL_RECAP_INTENTS } from "../../services/rules/states/memory.ts"
import { confirmedDateRecord } from "./dateChoice.ts"
import type { Vars } from "./templateVars.ts"

/** A stated choice below this confidence is ignored. */
export const MIN_DECISION_CONFIDENCE = 0.7

export interface ConversationInput {
  readonly conversation: ConversationAnalysis | undefined
  /** `proposed_dates` of the previous META record (comma list) */
  readonly previousProposedDates: string
  readonly engagement: Engagement
  readonly departement: string | null
  readonly examDates: ReadonlyArray<CrmRecord>
  readonly today: IsoDate
  readonly currentExam: IsoDate
}

export interface ConversationEffects {
  readonly responseMode: ResponseMode | null
  /** the date the candidate clearly chose, if any */
  readonly dateChoice: IsoDate | null
  /** §5.7 V3 fallback: the chosen date was one of our proposals, may move, and exists → write it */
  readonly fallbackRecord: CrmRecord | null
  readonly targetDate: IsoDate | ""
}

export const NO_CONVERSATION: ConversationEffects = { responseMode: null, dateChoice: null, fallbackRecord: null, targetDate: "" }

export const conversationEffects = (input: ConversationInput): ConversationEffects => {
  const c = input.conversation
  if (c === undefined) return NO_CONVERSATION
  const choice = c.decisions.find((d) =>
    d.kind === "date_choice" && d.confidence >= MIN_DECISION_CONFIDENCE && typeof d.value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d.value))
  const dateChoice = choice?.value ?? null
  const proposed = new Set(input.previousProposedDates.split(",").map((d) => d.trim()).filter((d) => d !== ""))
  const record = dateChoice !== null && proposed.has(dateChoice) && input.engagement.can_reposition && dateChoice !== input.currentExam
    ? confirmedDateRecord(dateChoice, input.departement, input.examDates, input.today)
    : null
  return { responseMode: c.response_mode, dateChoice, fallbackRecord: record, targetDate: c.target_date ?? dateChoice ?? "" }
}

/**
 * §8.5 V3 response mode: `brief_confirmation` hides dates and sessions, `status_update` hides
 * them and shows the status — only where the matrix row left the flag unset; never for the
 * full-recap intents nor when a session ends after the exam (Rule 16 must be explained).
 */
export const applyResponseMode = (vars: Vars, mode: ResponseMode | null, row: MatrixRow, intents: ReadonlyArray<string>): Vars => {
  if (mode !== "brief_confirmation" && mode !== "status_update") return vars
  if (intents.some((i) => FULL_RECAP_INTENTS.has(i)) || vars.session_after_exam === true) return vars
  const v: Vars = { ...vars }
  const unset = (flag: "show_dates_section" | "show_sessions_section" | "show_statut_section") => row.flags[flag] === undefined
  if (unset("show_dates_section")) v.show_dates_section = false
  if (unset("show_sessions_section")) v.show_sessions_section = false
  if (mode === "status_update" && unset("show_statut_section")) v.show_statut_section = true
  return v
}
