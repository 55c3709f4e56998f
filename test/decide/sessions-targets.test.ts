import { describe, expect, it } from "@effect/vitest"
import { sessionTargetsOf, type SessionTargetInput } from "../../src/pipeline/decide/sessionTargets.ts"
import type { CrmRecord } from "../../src/services/rules/pyValues.ts"

const exam = (id: string, date: string): CrmRecord => ({ id, Date_Examen: date, Departement: "75" })
const PAST = exam("P0", "2026-03-02")
const E1 = exam("E1", "2026-04-27")
const E2 = exam("E2", "2026-05-25")
const E3 = exam("E3", "2026-06-22")
const E4 = exam("E4", "2026-07-20")

const base: SessionTargetInput = {
  today: "2026-03-10", intents: [], helperCase: null, departementDates: [E1, E2, E3, E4], assigned: E1, cas8NewDate: null,
  v3DateChoice: null, repositioningTarget: null, confirmedRecord: null, confirmedUnavailable: false, proposedDates: [],
  hasSession: true, assignmentError: false, missedTraining: false, sessionFinished: false, canReposition: true
}
const run = (over: Partial<SessionTargetInput>) => {
  const t = sessionTargetsOf({ ...base, ...over })
  return t === null ? null : { reason: t.reason, ids: t.exams.map((e) => e.id), allowChange: t.allowChange, explicitChange: t.explicitChange }
}

describe("which exam dates get sessions (§6.4, first match wins)", () => {
  const table: ReadonlyArray<readonly [string, Partial<SessionTargetInput>, ReturnType<typeof run>]> = [
    ["nothing to propose for a scheduled candidate", {}, null],
    ["CAS 2: the next two dates of the département", { helperCase: 2, assigned: PAST, departementDates: [PAST, E1, E2, E3] },
      { reason: "cas2_next_dates", ids: ["E1", "E2"], allowChange: true, explicitChange: false }],
    ["CAS 2 wins over a V3 choice", { helperCase: 2, v3DateChoice: "2026-06-22" },
      { reason: "cas2_next_dates", ids: ["E1", "E2"], allowChange: true, explicitChange: false }],
    ["V3 date choice found in the département", { v3DateChoice: "2026-06-22", intents: ["REPORT_DATE"] },
      { reason: "v3_date_choice", ids: ["E3"], allowChange: true, explicitChange: false }],
    ["V3 date choice not among the département's dates is ignored", { v3DateChoice: "2026-06-23", intents: ["CONFIRMATION_SESSION"] },
      { reason: "confirmation_session", ids: ["E1"], allowChange: true, explicitChange: false }],
    ["CONFIRMATION_SESSION in CAS 8: the new date", { intents: ["CONFIRMATION_SESSION"], helperCase: 8, cas8NewDate: E2 },
      { reason: "confirmation_session", ids: ["E2"], allowChange: true, explicitChange: false }],
    ["REPORT_DATE: the implicit-repositioning target first", { intents: ["REPORT_DATE"], repositioningTarget: E3, confirmedRecord: E2 },
      { reason: "repositioning_target", ids: ["E3"], allowChange: true, explicitChange: false }],
    ["CONFIRMATION_DATE_EXAMEN: the confirmed date", { intents: ["CONFIRMATION_DATE_EXAMEN"], confirmedRecord: E2 },
      { reason: "confirmed_date", ids: ["E2"], allowChange: true, explicitChange: false }],
    ["confirmed date unavailable: the département's available dates", { intents: ["CONFIRMATION_DATE_EXAMEN"], confirmedUnavailable: true },
      { reason: "available_dates", ids: ["E1", "E2", "E3", "E4"], allowChange: false, explicitChange: false }],
    ["REPORT_DATE without a date: département dates minus the current one", { intents: ["REPORT_DATE"] },
      { reason: "departement_dates", ids: ["E2", "E3", "E4"], allowChange: false, explicitChange: false }],
    ["CAS 8 with a report request: the new date only", { intents: ["REPORT_DATE"], helperCase: 8, cas8NewDate: E2 },
      { reason: "proposed_dates", ids: ["E2"], allowChange: true, explicitChange: false }],
    ["proposed next dates", { assigned: null, proposedDates: [PAST, E2, E3] },
      { reason: "proposed_dates", ids: ["E2", "E3"], allowChange: false, explicitChange: false }],
    ["CAS 8: only the new date", { helperCase: 8, cas8NewDate: E2, proposedDates: [E3, E4] },
      { reason: "proposed_dates", ids: ["E2"], allowChange: true, explicitChange: false }],
    ["assigned date and no course", { hasSession: false },
      { reason: "no_session", ids: ["E1"], allowChange: false, explicitChange: false }],
    ["assignment error on the assigned date", { assignmentError: true },
      { reason: "assignment_error", ids: ["E1"], allowChange: true, explicitChange: false }],
    ["missed training on the assigned date", { missedTraining: true },
      { reason: "missed_training", ids: ["E1"], allowChange: true, explicitChange: false }],
    ["session change: current date and the next one when the exam may move", { intents: ["QUESTION_GENERALE", "DEMANDE_CHANGEMENT_SESSION"] },
      { reason: "session_change", ids: ["E1", "E2"], allowChange: true, explicitChange: true }],
    ["session change: current date only when the exam may not move", { intents: ["DEMANDE_CHANGEMENT_SESSION"], canReposition: false },
      { reason: "session_change", ids: ["E1"], allowChange: true, explicitChange: true }],
    ["finished course and exam ahead: refresher", { sessionFinished: true },
      { reason: "refresher", ids: ["E1"], allowChange: false, explicitChange: false }],
    ["an exam already behind gets no session", { assigned: PAST, hasSession: false, sessionFinished: true }, null]
  ]
  for (const [name, over, expected] of table) it(name, () => expect(run(over)).toEqual(expected))

  it("no target is ever a date already behind the candidate", () => {
    const all: Partial<SessionTargetInput> = {
      departementDates: [PAST, E1], helperCase: 2, v3DateChoice: "2026-03-02", confirmedRecord: PAST, repositioningTarget: PAST, proposedDates: [PAST]
    }
    for (const over of [all, { ...all, helperCase: null }, { ...all, helperCase: null, intents: ["REPORT_DATE"] }]) {
      const t = sessionTargetsOf({ ...base, ...over })
      for (const e of t?.exams ?? []) expect(String(e.Date_Examen) > base.today).toBe(true)
    }
  })
})
