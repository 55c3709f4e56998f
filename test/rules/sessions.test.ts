import { describe, expect, it } from "vitest"
import { inMemoryReader } from "../../src/services/rules/crmQuery.ts"
import {
  analyzeSessionSituation, sessionPreferenceFromDeal, sessionPreferenceFromThreads, sessionsForExamDate
} from "../../src/services/rules/sessions.ts"
import { sessionEndsOnOrAfterExam } from "../../src/services/rules/rule16.ts"

const today = "2026-03-10"
const visio = { name: "VISIO Zoom VTC", id: "L1" }
const session = (id: string, start: string, end: string, lieu: unknown = visio) => ({
  id, Name: `${id} - ${start} - ${end}`, Date_d_but: start, Date_fin: end, Lieu_de_formation: lieu
})
const training = [
  session("cdj-A", "2026-03-20", "2026-03-24"),
  session("cdj-B", "2026-03-13", "2026-03-17"),
  session("cds-A", "2026-03-13", "2026-03-24"),
  session("cds-B", "2026-03-08", "2026-03-19"),
  session("cds-old", "2026-02-20", "2026-03-05"),
  session("cdj-paris", "2026-03-16", "2026-03-20", { name: "Paris centre", id: "L2" }),
  session("cdj-too-late", "2026-03-25", "2026-03-28")
]
const crm = () => inMemoryReader({ Sessions1: training })
const ids = (rs: ReadonlyArray<Readonly<Record<string, unknown>>>) => rs.map((r) => r.id)

describe("sessionsForExamDate", () => {
  it.each([
    ["jour", 2, ["cdj-A", "cdj-B"]],
    ["cdj", 1, ["cdj-A"]],
    ["soir", 2, ["cds-A", "cds-B"]],
    [null, 2, ["cdj-A", "cds-A"]],
    ["matin", 2, ["cdj-A", "cds-A"]]
  ])("type %j, limit %i → %j", (type, limit, expected) => {
    expect(ids(sessionsForExamDate(crm(), "2026-03-30", type, today, limit))).toEqual(expected)
  })

  it("falls back to the other type, marks late joiners and counts days before the exam", () => {
    const soirOnly = inMemoryReader({ Sessions1: training.filter((s) => s.id.startsWith("cds")) })
    const chosen = sessionsForExamDate(soirOnly, "30/03/2026", "jour", today, 2)
    expect(ids(chosen)).toEqual(["cds-A", "cds-B"])
    expect(chosen[1]).toMatchObject({ already_started: true, days_before_exam: 11, session_type: "soir" })
  })

  it("every proposed session ends at least 3 days before the exam", () => {
    for (const s of sessionsForExamDate(crm(), "2026-03-30", null, today, 5)) {
      expect(String(s.Date_fin) <= "2026-03-27").toBe(true)
    }
  })

  it("an unreadable exam date gives nothing", () => {
    expect(sessionsForExamDate(crm(), "à définir", null, today)).toEqual([])
  })
})

describe("preferences", () => {
  it.each([
    [{ Session: { name: "CDS-visio", id: "1" } }, null, "soir"],
    [{ Session: { name: "formation", id: "1" } }, null, null],
    [{ Session_souhait_e: "Cours du jour" }, null, "jour"],
    [{}, { session_type: "soir" }, "soir"]
  ])("deal %j (enriched %j) → %j", (deal, enriched, expected) => {
    expect(sessionPreferenceFromDeal(deal, enriched)).toBe(expected)
  })

  it("reads only the candidate's messages; both types found is ambiguous", () => {
    expect(sessionPreferenceFromThreads([{ direction: "in", content: "je préfère le soir après le travail" }])).toBe("soir")
    expect(sessionPreferenceFromThreads([{ direction: "out", content: "cours du soir" }])).toBeNull()
    expect(sessionPreferenceFromThreads([
      { direction: "in", content: "cours du jour" }, { direction: "in", content: "cours du soir" }
    ])).toBeNull()
  })
})

describe("analyzeSessionSituation", () => {
  const exam = { id: "E1", Date_Examen: "2026-03-30" }
  const base = {
    examDates: [exam], threads: null, triagePreference: "jour", allowChange: false, isExplicitSessionChange: false,
    enriched: null, today
  }

  it("keeps an assigned session that is not finished", () => {
    const s = analyzeSessionSituation(crm(), { ...base, deal: { Session: { name: "cdj-B", id: "cdj-B" } } })
    expect(s.outcome).toBe("already_scheduled")
    expect(s.proposed_options).toEqual([])
  })

  it("offers a refresher when the assigned session is over and the exam ahead", () => {
    const s = analyzeSessionSituation(crm(), { ...base, deal: { Session: { name: "cds-old", id: "cds-old" } } })
    expect(s.current_session_is_past).toBe(true)
    expect(s.refresh_session?.session.id).toBe("cdj-A")
  })

  it("an explicit change shows both types", () => {
    const s = analyzeSessionSituation(crm(), {
      ...base, allowChange: true, isExplicitSessionChange: true, deal: { Session: { name: "cdj-B", id: "cdj-B" } }
    })
    expect(s.proposed_options.map((o) => ids(o.sessions))).toEqual([["cdj-A", "cds-A"]])
  })

  it("keeps the current session when it is already the closest of its type", () => {
    const s = analyzeSessionSituation(crm(), {
      ...base, allowChange: true, deal: { Session: { name: "cdj-A", id: "cdj-A" } },
      enriched: { session_type: "jour", session_date_fin: "2026-03-24" }
    })
    expect(s.current_session_valid_for_new_date).toBe(true)
    expect(s.outcome).toBe("current_is_closest")
  })
})

describe("rule 16: training ends before the exam", () => {
  it.each([
    [["2026-03-24"], "2026-03-30", false],
    [["2026-03-24", "30/03/2026"], "2026-03-30", true],
    [["2026-04-02", null, "garbage"], "2026-03-30", true],
    [[], "2026-03-30", false],
    [["2026-04-02"], "à définir", false]
  ])("ends %j, exam %j → %j", (ends, exam, expected) => {
    expect(sessionEndsOnOrAfterExam(ends, exam)).toBe(expected)
  })
})
