import { describe, expect, it } from "vitest"
import { examt3pExamDate } from "../../src/services/rules/examt3pDates.ts"
import { PythonError, type CrmRecord } from "../../src/services/rules/pyValues.ts"

describe("examt3pExamDate", () => {
  it.each<[string, CrmRecord, string | null]>([
    ["dd/mm/yyyy date_examen as is", { date_examen: "30/03/2026" }, "30/03/2026"],
    ["ISO date_examen reformatted", { date_examen: "2026-03-30" }, "30/03/2026"],
    ["French date_examen translated", { date_examen: "1 mars 2026" }, "01/03/2026"],
    ["date_examen first, examens ignored", { date_examen: "30/03/2026", examens: { date: "27/04/2026" } }, "30/03/2026"],
    ["examens.date when date_examen is empty", { date_examen: "", examens: { date: "27/04/2026" } }, "27/04/2026"],
    ["examens.date when date_examen is absent", { examens: { date: "2026-04-27" } }, "27/04/2026"],
    ["examens: null (no exam table on the portal)", { date_examen: null, examens: null }, null],
    ["examens: null with date_examen absent", { examens: null }, null],
    ["examens: null does not hide date_examen", { date_examen: "30/03/2026", examens: null }, "30/03/2026"],
    ["examens without a date", { examens: {} }, null],
    ["neither field", {}, null],
    ["unreadable text", { date_examen: "à définir" }, null]
  ])("%s", (_label, record, expected) => {
    expect(examt3pExamDate(record)).toBe(expected)
  })

  it.each<[string, unknown]>([
    ["a list", [{ date: "30/03/2026" }]],
    ["a string", "30/03/2026"]
  ])("an examens that is %s still raises like the original", (_label, examens) => {
    expect(() => examt3pExamDate({ date_examen: null, examens })).toThrow(PythonError)
  })
})
