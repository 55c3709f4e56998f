import { describe, expect, it } from "@effect/vitest"
import { decide } from "../../src/pipeline/decide/index.ts"
import type { Decision, DecisionAction } from "../../src/schemas/decision.ts"
import { fixture, GO, templates, validatedCandidate, type Json } from "./caseFiles.ts"

const noteOf = (d: Decision) =>
  d.actions.find((a): a is Extract<DecisionAction, { _tag: "AddDealNote" }> => a._tag === "AddDealNote")

const statusSections = (d: Decision) => (d.reply?.sections ?? []).filter((s) => s.startsWith("status:"))

/** Two days later, the candidate writes again; the note written by `previous` is now in the CRM. */
const followUp = (previous: Decision, extra: (json: Json) => void = () => {}) =>
  fixture(GO, (json) => {
    validatedCandidate(json)
    const note = noteOf(previous)
    json.now = "2026-03-12T08:00:00.000Z"
    json.threads.unshift({ ...json.threads[0], id: "198709000131000251", createdTime: "2026-03-12T07:30:00.000Z" })
    json.dealNotes = [{
      id: "1456177001590000777",
      Note_Title: note?.payload.Note_Title,
      Note_Content: note?.payload.Note_Content,
      Created_Time: "2026-03-10T09:50:00+01:00",
      Parent_Id: { id: note?.target, name: "BFS NP Samir HADDAD" }
    }]
    extra(json)
  })

describe("decide: conversation memory (§8.6)", () => {
  const first = decide(fixture(GO, validatedCandidate), templates)

  it("the first reply shows the dossier status and records it in the META line", () => {
    expect(statusSections(first)).toEqual(["status:valide_cma"])
    expect(noteOf(first)?.payload.Note_Content.split("\n")[0]).toMatch(/^\[META\] ticket=198709000131000101 \| .*sections=statut/)
  })

  it("the next decision for the same deal does not repeat the unchanged status", () => {
    const second = decide(followUp(first), templates)
    expect(second.stage).toBe("COMPLETED")
    expect(statusSections(second)).toEqual([])
    expect(second.templateVars.memory_suppressed).toContain("statut")
    expect(second.reply?.sections).toContain("intent:demande_convocation")
  })

  it("a changed ExamT3P status shows the status again", () => {
    const second = decide(followUp(first, (json) => {
      json.deals[0].Evalbox = "Convoc CMA reçue"
      json.examt3p.data.statut_dossier = "Convocation disponible"
    }), templates)
    expect(statusSections(second)).toEqual(["status:convoc_recue"])
  })

  it("a person changing a tracked CRM field after the last META lifts every suppression", () => {
    const second = decide(followUp(first, (json) => {
      json.dealTimeline = { __timeline: [{
        action: "updated", audited_time: "2026-03-11T10:00:00+01:00", source: "crm_ui", done_by: { name: "Agent DOC", id: "1" },
        field_history: [{ api_name: "Session", _value: { old: null, new: "cds" } }]
      }] }
    }), templates)
    expect(statusSections(second)).toEqual(["status:valide_cma"])
  })

  it("a META note of another deal changes nothing", () => {
    const second = decide(followUp(first, (json) => { json.dealNotes[0].Parent_Id = { id: "1456177001590099999" } }), templates)
    expect(statusSections(second)).toEqual(["status:valide_cma"])
  })
})
