import { describe, expect, it } from "vitest"
import { inMemoryReader } from "../../src/services/rules/crmQuery.ts"
import {
  earlierDatesOtherDepartments, findExamSessionByDateAndDept, nextExamDates, nextExamDatesAnyDepartment
} from "../../src/services/rules/examDates.ts"

const today = "2026-03-10"
const exam = (id: string, dept: string | number, date: string, cloture: string | null, statut: string | null = "Actif") => ({
  id, Name: `${dept}_${date}`, Date_Examen: date, Date_Cloture_Inscription: cloture, Departement: dept, Statut: statut
})

const catalog = [
  exam("75-late", "75", "2026-04-13", "2026-03-24"),
  exam("75-closed", "75", "2026-03-19", "2026-03-07"),
  exam("75-today-closes", "75", "2026-04-06", "2026-03-10"),
  exam("75-next", "75", "2026-03-30", "2026-03-11"),
  exam("75-inactive", "75", "2026-03-23", "2026-03-15", "Inactif"),
  exam("75-no-statut", "75", "2026-05-11", "2026-04-19", null),
  exam("75-no-cloture", "75", "2026-04-04", null),
  exam("75-stale-open", "75", "2026-03-09", "2026-03-20"),
  exam("69-early", "69", "2026-03-16", "2026-03-11"),
  exam("13-mid", "13", "2026-03-25", "2026-03-12"),
  exam("int-75", 75, "2026-03-26", "2026-03-12")
]
const ids = (rs: ReadonlyArray<Readonly<Record<string, unknown>>>) => rs.map((r) => r.id)

describe("nextExamDates", () => {
  it("keeps active dates with a clôture from tomorrow, exam ahead, sorted by exam date", () => {
    const crm = inMemoryReader({ Dates_Examens_VTC_TAXI: catalog })
    expect(ids(nextExamDates(crm, "75", today, 10))).toEqual(["int-75", "75-next", "75-late", "75-no-statut"])
    expect(ids(nextExamDates(crm, "75", today, 1))).toEqual(["int-75"])
  })

  it("falls back to every département when the département has no date at all", () => {
    const crm = inMemoryReader({ Dates_Examens_VTC_TAXI: catalog })
    expect(ids(nextExamDates(crm, "33", today, 2))).toEqual(["69-early", "13-mid"])
  })

  it("returns nothing when the CRM fails", () => {
    const crm = inMemoryReader({ Dates_Examens_VTC_TAXI: catalog }, { failing: true })
    expect(nextExamDates(crm, "75", today, 2)).toEqual([])
    expect(nextExamDatesAnyDepartment(crm, today, 2)).toEqual([])
  })
})

describe("earlierDatesOtherDepartments", () => {
  const crm = () => inMemoryReader({ Dates_Examens_VTC_TAXI: catalog })
  it("other départements only, before the reference date", () => {
    expect(ids(earlierDatesOtherDepartments(crm(), "75", "2026-03-30", today, 3))).toEqual(["69-early", "13-mid"])
    expect(ids(earlierDatesOtherDepartments(crm(), "75", "30/03/2026", today, 1))).toEqual(["69-early"])
  })
  it("needs a readable reference date", () => {
    expect(earlierDatesOtherDepartments(crm(), "75", "", today, 3)).toEqual([])
    expect(earlierDatesOtherDepartments(crm(), "75", "soon", today, 3)).toEqual([])
  })
})

describe("findExamSessionByDateAndDept", () => {
  it("finds by date (any spelling) and département", () => {
    const crm = inMemoryReader({ Dates_Examens_VTC_TAXI: catalog })
    expect(findExamSessionByDateAndDept(crm, "30/03/2026", "75")?.id).toBe("75-next")
    expect(findExamSessionByDateAndDept(crm, "2026-03-30", "13")).toBeNull()
    expect(findExamSessionByDateAndDept(crm, "2026-03-30", "")).toBeNull()
  })
})
