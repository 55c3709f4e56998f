/** `detect_all_states` (§8.1): candidate states in priority order, the primary one, and the alerts. */
import { CANDIDATE_STATES, type CandidateState } from "./catalog.ts"
import { stateFactsOf, type StateFacts, type StateInput } from "./facts.ts"

export type AlertType = "personal_account_warning" | "personal_account" | "session_assignment_error"

export interface DetectedStates {
  readonly primary: CandidateState
  readonly blocking: CandidateState | null
  readonly warnings: ReadonlyArray<CandidateState>
  readonly infos: ReadonlyArray<CandidateState>
  /** every match, in evaluation order */
  readonly all: ReadonlyArray<CandidateState>
  readonly alerts: ReadonlyArray<AlertType>
  readonly facts: StateFacts
}

const alertsOf = (input: StateInput, facts: StateFacts): ReadonlyArray<AlertType> => {
  const alerts: Array<AlertType> = []
  if (facts.personalAccountWarning) alerts.push("personal_account_warning")
  else if (input.examt3p.potential_personal_account === true) alerts.push("personal_account")
  if (facts.sessionAssignmentError) alerts.push("session_assignment_error")
  return alerts
}

const byPriority = [...CANDIDATE_STATES].sort((a, b) => a.priority - b.priority)

export const detectStates = (input: StateInput): DetectedStates => {
  const facts = stateFactsOf(input)
  const all: Array<CandidateState> = []
  let blocking: CandidateState | null = null
  for (const state of byPriority) {
    if (!state.matches(facts)) continue
    all.push(state)
    if (state.severity === "BLOCKING") {
      blocking = state
      break
    }
  }
  const warnings = all.filter((s) => s.severity === "WARNING")
  const infos = all.filter((s) => s.severity === "INFO")
  const general = CANDIDATE_STATES[CANDIDATE_STATES.length - 1] as CandidateState
  const primary = blocking ?? infos[0] ?? general
  return { primary, blocking, warnings, infos, all, alerts: alertsOf(input, facts), facts }
}
