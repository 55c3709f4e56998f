import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { inMemoryReader } from "../../src/services/rules/crmQuery.ts"
import { enrichDealLookups } from "../../src/services/rules/lookups.ts"
import { stateDateContext } from "../../src/services/rules/stateContext.ts"

const today = "2026-03-10"

describe("state-engine date context", () => {
  it.each([
    [{ date_examen: "2026-03-10" }, { days_until_exam: 0, date_examen_future: true, examen_pas_encore_passe: false, examen_imminent: true }],
    [{ date_examen: "2026-03-17" }, { exam_within_7_days: true, exam_within_10_days: true, examen_imminent: false }],
    [{ date_examen: "2026-03-20" }, { exam_within_7_days: false, exam_within_10_days: true }],
    [{ date_examen: "2026-03-09" }, { date_examen_passed: true, date_examen_future: false }],
    [{ date_examen: "à définir" }, { days_until_exam: null, date_case: 1 }]
  ])("%j → %j", (enriched, expected) => {
    expect(stateDateContext({ Evalbox: "N/A" }, enriched, today)).toMatchObject(expected)
  })

  it("flags an abnormal missing convocation for a validated dossier within 7 days", () => {
    expect(stateDateContext({ Evalbox: "VALIDE CMA" }, { date_examen: "2026-03-17" }, today).convocation_anormale).toBe(true)
    expect(stateDateContext({ Evalbox: "VALIDE CMA" }, { date_examen: "2026-03-18" }, today).convocation_anormale).toBe(false)
  })

  it("flags a session that ended before the deal was created", () => {
    const deal = { Session: { name: "cdj", id: "S" }, Created_Time: "2026-01-29T10:00:00+01:00" }
    expect(stateDateContext(deal, { session_date_fin: "2025-02-08" }, today).session_assignment_error).toBe(true)
    expect(stateDateContext(deal, { session_date_fin: "2026-02-08" }, today).session_assignment_error).toBe(false)
  })

  it("agrees with the context the original's state engine built in state_cases.jsonl", () => {
    const lines = readFileSync(join(import.meta.dirname, "..", "oracle", "state_cases.jsonl"), "utf8").split("\n").filter(Boolean)
    let checked = 0
    for (const line of lines) {
      const r = JSON.parse(line)
      const modules = {
        Dates_Examens_VTC_TAXI: [...(r.exam_session ? [r.exam_session] : []), ...(r.next_exam_sessions ?? [])],
        Sessions1: r.training_sessions ?? []
      }
      const ctx = stateDateContext(r.deal, enrichDealLookups(inMemoryReader(modules), r.deal), r.today)
      const { uber_case, can_modify_exam_date, cloture_passed, session_assignment_error } = r.expected.context
      expect({ id: r.id, uber_case, can_modify_exam_date, cloture_passed, session_assignment_error }).toEqual({
        id: r.id,
        uber_case: ctx.uber_case,
        can_modify_exam_date: ctx.can_modify_exam_date,
        cloture_passed: ctx.cloture_passed,
        session_assignment_error: ctx.session_assignment_error
      })
      checked++
    }
    expect(checked).toBeGreaterThan(1000)
  })
})
