import { describe, expect, it } from "@effect/vitest"
import { decide } from "../../src/pipeline/decide/index.ts"
import { sessionChangeCascade, type CascadeInput } from "../../src/pipeline/decide/sessionCascade.ts"
import type { SessionType } from "../../src/services/rules/constants.ts"
import type { CrmRecord } from "../../src/services/rules/pyValues.ts"
import type { ProposedSession } from "../../src/services/rules/sessions.ts"
import { fixture, GO, templates, type Json } from "./caseFiles.ts"

const course = (id: string, type: SessionType): ProposedSession =>
  ({ id, Name: `${type === "jour" ? "cdj" : "cds"}-visio-VTC ${id}`, session_type: type, session_type_label: type })
const EXAM = { id: "E1", Date_Examen: "2026-04-27" }
const NEXT = { id: "E2", Date_Examen: "2026-05-25" }

/** Courses per exam id and type; `null` type → the best of each type, as `sessionsForExamDate` does. */
const catalogue = (courses: Readonly<Record<string, ReadonlyArray<ProposedSession>>>) =>
  (exam: CrmRecord, type: SessionType | null): ReadonlyArray<ProposedSession> => {
    const all = courses[String(exam.id)] ?? []
    if (type === null) return [...all.filter((c) => c.session_type === "jour").slice(0, 1), ...all.filter((c) => c.session_type === "soir").slice(0, 1)]
    const wanted = all.filter((c) => c.session_type === type)
    return wanted.length > 0 ? wanted : all.filter((c) => c.session_type !== type)
  }

const level1 = { level: 1, can_reposition: true, needs_cma_message: true } as const
const level4 = { level: 4, can_reposition: false, needs_cma_message: false } as const

const base: CascadeInput = {
  currentSession: { id: "S0", type: "soir" }, requestedType: null, exam: EXAM, nextExam: NEXT,
  engagement: level1, dateFrozen: false, sessionsFor: catalogue({})
}
const ids = (c: ReturnType<typeof sessionChangeCascade>) => c.options.map((o) => [o.exam.id, o.sessions.map((s) => s.id)])

describe("session-change cascade (§6.7)", () => {
  it("level 1: another course of the same type for the same date, the current one left out", () => {
    const c = sessionChangeCascade({ ...base, sessionsFor: catalogue({ E1: [course("S0", "soir"), course("S1", "soir"), course("J1", "jour")] }) })
    expect(c.level).toBe(1)
    expect(ids(c)).toEqual([["E1", ["S1"]]])
    expect(c.includesNextDate).toBe(false)
  })

  it("level 2: the other type for the same date and the same type for the next date, with the CMA message", () => {
    const c = sessionChangeCascade({
      ...base, sessionsFor: catalogue({ E1: [course("S0", "soir"), course("J1", "jour")], E2: [course("S2", "soir"), course("J2", "jour")] })
    })
    expect(c.level).toBe(2)
    expect(ids(c)).toEqual([["E1", ["J1"]], ["E2", ["S2"]]])
    expect(c).toMatchObject({ includesNextDate: true, needsCma: true })
  })

  it("a switch of type skips level 1 and asks the requested type for the next date", () => {
    const c = sessionChangeCascade({
      ...base, requestedType: "jour",
      sessionsFor: catalogue({ E1: [course("S0", "soir"), course("S1", "soir"), course("J1", "jour")], E2: [course("S2", "soir"), course("J2", "jour")] })
    })
    expect(c.level).toBe(2)
    expect(ids(c)).toEqual([["E1", ["J1"]], ["E2", ["J2"]]])
  })

  it("an exam that may not move never offers the next date", () => {
    for (const input of [{ engagement: level4 }, { dateFrozen: true }, { nextExam: null }]) {
      const c = sessionChangeCascade({ ...base, ...input, sessionsFor: catalogue({ E1: [course("S0", "soir")], E2: [course("S2", "soir")] }) })
      expect(c).toMatchObject({ level: 0, options: [], includesNextDate: false })
    }
  })

  it("level 3: only the next date has courses", () => {
    const c = sessionChangeCascade({ ...base, currentSession: null, sessionsFor: catalogue({ E2: [course("J2", "jour"), course("S2", "soir")] }) })
    expect(c.level).toBe(3)
    expect(ids(c)).toEqual([["E2", ["J2", "S2"]]])
    expect(c.includesNextDate).toBe(true)
  })

  it("level 0: nothing else anywhere keeps the current course", () => {
    expect(sessionChangeCascade({ ...base, sessionsFor: catalogue({ E1: [course("S0", "soir")] }) })).toEqual({
      level: 0, options: [], includesNextDate: false, needsCma: false
    })
  })
})

describe("decide: a change request proposes the cascade's courses", () => {
  const VISIO = { name: "VISIO Zoom VTC", id: "1456177001700000001" }
  const changeRequest = (json: Json) => {
    json.now = "2026-03-20T08:00:00.000Z"
    json.threads[0].createdTime = json.now
    const text = "Bonjour, je ne suis plus disponible pour ma session du soir, est-il possible de changer ?"
    json.threads[0].plainText = text
    json.threads[0].content = `<div>${text}</div>`
    json.llmTriage.primary_intent = "DEMANDE_CHANGEMENT_SESSION"
    json.llmTriage.secondary_intents = []
    json.dealNotes = []
    const deal = json.deals[0]
    deal.Date_examen_VTC = { name: "75_2026-04-27", id: "1456177001500000427" }
    deal.Session = { name: "cds-visio-VTC - 30 mars - 10 avril 2026", id: "1456177001600000330" }
    json.examt3p.data.date_examen = "27/04/2026"
    json.examt3p.data.examens.date = "27/04/2026"
    json.trainingSessions.push({ id: "1456177001600000504", Name: "cds-visio-VTC - 4 mai - 15 mai 2026", Date_d_but: "2026-05-04", Date_fin: "2026-05-15", Lieu_de_formation: VISIO })
  }

  it("level 2 with the next date (engagement 1: the CMA is told)", () => {
    const d = decide(fixture(GO, changeRequest), templates)
    expect(d.sessions.proposals).toEqual([
      { examDateId: "1456177001500000427", sessions: [expect.objectContaining({ id: "1456177001600000406", type: "jour" })] },
      { examDateId: "1456177001500000525", sessions: [expect.objectContaining({ id: "1456177001600000504", type: "soir" })] }
    ])
    expect(d.templateVars).toMatchObject({ session_change_includes_next_date: true, session_change_needs_cma: true })
    expect(d.reply?.text).toContain("Pour l'examen du lundi 25 mai 2026")
    expect(d.reply?.text).toContain("décaler votre examen")
    expect(d.reply?.text).toContain("informer la CMA")
    expect(d.actions.filter((a) => a._tag === "UpdateDeal").map((a) => Object.keys(a.payload))).not.toContainEqual(expect.arrayContaining(["Session"]))
  })

  it("a validated dossier past its clôture keeps its date: only the same exam's courses", () => {
    const d = decide(fixture(GO, (j) => {
      changeRequest(j)
      j.now = "2026-04-05T08:00:00.000Z"
      j.deals[0].Evalbox = "VALIDE CMA"
      j.examt3p.data.statut_dossier = "Valide"
    }), templates)
    expect(d.sessions.proposals.map((p) => p.examDateId)).toEqual(["1456177001500000427"])
    expect(d.templateVars.session_change_includes_next_date).toBe(false)
  })
})
