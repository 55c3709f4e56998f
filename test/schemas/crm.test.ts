import { Either, Schema } from "effect"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import {
  CrmContact,
  CrmDeal,
  CrmDealList,
  CrmDealNote,
  CrmDealTimeline,
  CrmExamDate,
  CrmTrainingSession,
  CrmWriteResponse,
  CrmWriteValue,
  redactDeal,
  StoredDeal
} from "../../src/schemas/crm.ts"
import { decodeOrExplain } from "../../src/schemas/decodeError.ts"
import { EXAMT3P_PASSWORD_MARKER } from "../../src/schemas/redaction.ts"

const deal = {
  id: "1456177001581548182",
  Deal_Name: "BFS NP Karim BENALI",
  Stage: "GAGNÉ",
  Amount: 20,
  Evalbox: "Dossier Synchronisé",
  CMA_de_depot: "75",
  Date_examen_VTC: { name: "75_2026-04-13", id: "1456177001500000413" },
  Session: { name: "cds-visio-VTC - 16 mars - 27 mars 2026", id: "1456177001600000316" },
  Resultat: null,
  Date_Dossier_re_u: "2026-01-20",
  Date_test_selection: "2026-01-22",
  Compte_Uber: true,
  ELIGIBLE: "false",
  Created_Time: "2026-01-12T10:04:00+01:00",
  Preference_horaire: "soir",
  Contact_Name: { name: "Karim BENALI", id: "1456177001581500001" },
  IDENTIFIANT_EVALBOX: "karim.benali@example.fr",
  MDP_EVALBOX: "S3cret!pass",
  NUM_DOSSIER_EVALBOX: "00038886",
  EXAM_INCLUS: "Oui",
  // not read by docflow
  Owner: { name: "Agent", id: "1", email: "agent@cab-formations.fr" },
  $approval_state: "approved"
}

describe("CRM deal", () => {
  it("keeps values exactly as received (string amounts, string booleans, plain-string lookups)", () => {
    const decoded = Schema.decodeUnknownSync(CrmDeal)({ ...deal, Amount: "20", Date_examen_VTC: "30/03/2026" })
    expect(decoded.Amount).toBe("20")
    expect(decoded.ELIGIBLE).toBe("false")
    expect(decoded.Date_examen_VTC).toBe("30/03/2026")
    expect(decoded).not.toHaveProperty("Owner")
  })

  it("redacts the ExamT3P password for storage, and the stored form refuses a clear password", () => {
    const stored = redactDeal(Schema.decodeUnknownSync(CrmDeal)(deal))
    expect(stored.MDP_EVALBOX).toBe(EXAMT3P_PASSWORD_MARKER)
    expect(JSON.stringify(Schema.encodeSync(StoredDeal)(stored))).not.toContain("S3cret")
    expect(redactDeal({ id: "1", MDP_EVALBOX: "" }).MDP_EVALBOX).toBe("")
    expect(redactDeal({ id: "1", MDP_EVALBOX: null }).MDP_EVALBOX).toBeNull()

    const result = decodeOrExplain(StoredDeal)(deal)
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left).toHaveLength(1)
      expect(result.left[0]?.path).toBe("MDP_EVALBOX")
      expect(JSON.stringify(result.left)).not.toContain("S3cret")
    }
  })

  it("rejects a deal whose Evalbox is a number, naming path and value", () => {
    const result = decodeOrExplain(CrmDeal)({ ...deal, Evalbox: 42 })
    expect(Either.isLeft(result) && result.left).toEqual([
      { path: "Evalbox", message: "expected string | null", found: "42" }
    ])
  })

  it("rejects a lookup without id", () => {
    const result = decodeOrExplain(CrmDeal)({ ...deal, Session: { name: "cdj-x" } })
    expect(Either.isLeft(result) && result.left.map((p) => p.path)).toContain("Session.id")
  })

  it("decodes a search page with its info block", () => {
    const page = Schema.decodeUnknownSync(CrmDealList)({
      data: [deal, { id: "1456177001581548183", Stage: "PERDU", Amount: 1299 }],
      info: { per_page: 200, count: 2, page: 1, more_records: false, sort_by: "id", sort_order: "desc" }
    })
    expect(page.data).toHaveLength(2)
    expect(page.info?.more_records).toBe(false)
  })
})

describe("CRM lookup modules, notes, timeline, write results", () => {
  it("decodes an exam date with a numeric department and an offset clôture", () => {
    const exam = Schema.decodeUnknownSync(CrmExamDate)({
      id: "EXS-1-2026-03-22",
      Name: "1_2026-03-22",
      Date_Examen: "2026-03-22",
      Date_Cloture_Inscription: "2026-03-09T13:00:00+01:00",
      Departement: 1,
      Statut: null
    })
    expect(exam.Departement).toBe(1)
    expect(exam.Statut).toBeNull()
  })

  it("rejects an exam date without Name", () => {
    const result = decodeOrExplain(CrmExamDate)({ id: "x", Date_Examen: "2026-03-22" })
    expect(Either.isLeft(result) && result.left[0]).toMatchObject({ path: "Name", found: "(missing)" })
  })

  it("decodes training sessions whose place is a lookup or a plain string", () => {
    const visio = Schema.decodeUnknownSync(CrmTrainingSession)({
      id: "TRS-cds-2026-03-16",
      Name: "cds-visio-VTC - 16 mars - 27 mars 2026",
      Date_d_but: "2026-03-16",
      Date_fin: "2026-03-27",
      Lieu_de_formation: { name: "VISIO Zoom VTC", id: "LIEU-1" }
    })
    const room = Schema.decodeUnknownSync(CrmTrainingSession)({
      id: "TRS-2",
      Name: "cdj-montreuil",
      Date_d_but: "2026-03-16",
      Date_fin: null,
      Lieu_de_formation: "Montreuil - salle 2"
    })
    expect(visio.Lieu_de_formation).toEqual({ name: "VISIO Zoom VTC", id: "LIEU-1" })
    expect(room.Lieu_de_formation).toBe("Montreuil - salle 2")
  })

  it("rejects a training session whose Date_fin is a number", () => {
    const result = decodeOrExplain(CrmTrainingSession)({ id: "T", Name: "cdj", Date_fin: 20260327 })
    expect(Either.isLeft(result) && result.left[0]).toMatchObject({ path: "Date_fin", found: "20260327" })
  })

  it("decodes contacts and notes, and rejects a note without Created_Time", () => {
    expect(Schema.decodeUnknownSync(CrmContact)({ id: "c1", First_Name: "karim", Email: "k@example.fr" }).First_Name).toBe("karim")
    const note = { id: "n1", Note_Title: "Note automatique - Ticket DOC", Note_Content: "[META] ticket=1 | state=D-4" }
    expect(Either.isLeft(decodeOrExplain(CrmDealNote)(note))).toBe(true)
    expect(Schema.decodeUnknownSync(CrmDealNote)({ ...note, Created_Time: "2026-03-01T09:00:00+01:00" }).id).toBe("n1")
    const v8 = { ...note, Created_Time: "2026-03-01T09:00:00+01:00", Parent_Id: { module: { api_name: "Deals", id: "5" }, id: "1456177001581548182" } }
    const v3 = { ...note, Created_Time: "2026-03-01T09:00:00+01:00", Parent_Id: "1456177001581548182", se_module: "Deals" }
    expect(Schema.decodeUnknownSync(CrmDealNote)(v8).Parent_Id).toEqual(v8.Parent_Id)
    expect(Schema.decodeUnknownSync(CrmDealNote)(v3).Parent_Id).toBe("1456177001581548182")
  })

  it("decodes a v8 timeline with lookup and text values", () => {
    const timeline = Schema.decodeUnknownSync(CrmDealTimeline)({
      __timeline: [
        {
          action: "updated",
          audited_time: "2026-03-03T11:30:00+01:00",
          done_by: { name: "CMA Sync", id: "9" },
          source: "crm_api",
          field_history: [
            { api_name: "Evalbox", _value: { old: "Dossier Synchronisé", new: "Refusé CMA" } },
            { api_name: "Date_examen_VTC", _value: { old: null, new: { name: "75_2026-04-13", id: "1" } } }
          ]
        }
      ],
      info: { more_records: false, per_page: 200 }
    })
    expect(timeline.__timeline[0]?.field_history?.[1]?._value?.new).toEqual({ name: "75_2026-04-13", id: "1" })
  })

  it("rejects a timeline change without api_name", () => {
    const result = decodeOrExplain(CrmDealTimeline)({ __timeline: [{ field_history: [{ _value: {} }] }] })
    expect(Either.isLeft(result) && result.left[0]?.path).toBe("__timeline[0].field_history[0].api_name")
  })

  it("decodes mixed write results", () => {
    const response = Schema.decodeUnknownSync(CrmWriteResponse)({
      data: [
        { code: "SUCCESS", status: "success", message: "record updated", details: { id: "1", Modified_Time: "2026-03-10T10:00:00+01:00" } },
        { code: "INVALID_DATA", status: "error", message: "invalid data", details: { api_name: "Evalbox", json_path: "$.data[1].Evalbox" } }
      ]
    })
    expect(response.data.map((r) => r.code)).toEqual(["SUCCESS", "INVALID_DATA"])
    expect(Either.isLeft(decodeOrExplain(CrmWriteResponse)({ data: [{ code: "SUCCESS" }] }))).toBe(true)
  })
})

const ORACLE_DIR = join(import.meta.dirname, "../oracle")

describe("every CRM record of the oracle vectors", () => {
  const rows = readdirSync(ORACLE_DIR)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) => readFileSync(join(ORACLE_DIR, f), "utf8").split("\n").filter((l) => l.trim() !== ""))
    .map((line) => JSON.parse(line) as Record<string, unknown>)

  const arrayOf = (value: unknown): ReadonlyArray<unknown> => (Array.isArray(value) ? value : [])
  const check = <A, I>(schema: Schema.Schema<A, I, never>, values: ReadonlyArray<unknown>) => {
    const failures = values.map(decodeOrExplain(schema)).filter(Either.isLeft)
    expect(failures.slice(0, 3)).toEqual([])
    return values.length
  }

  it("decodes every deal, exam date, training session and timeline", () => {
    const deals = rows.map((r) => r["deal"]).filter((d) => d !== undefined && d !== null)
    const exams = rows.flatMap((r) => [r["exam_session"], ...arrayOf(r["next_exam_sessions"])]).filter((e) => e != null)
    const sessions = rows.flatMap((r) => arrayOf(r["training_sessions"]))
    const timelines = rows.map((r) => r["deal_timeline"]).filter((t) => t != null)
    expect(check(CrmDeal, deals)).toBeGreaterThan(1000)
    expect(check(CrmExamDate, exams)).toBeGreaterThan(1000)
    expect(check(CrmTrainingSession, sessions)).toBeGreaterThan(100)
    expect(check(CrmDealTimeline, timelines)).toBeGreaterThan(10)
  })
})

describe("CRM contacts, list info and write values", () => {
  it("rejects a contact whose Email is a list", () => {
    const result = decodeOrExplain(CrmContact)({ id: "c1", Email: ["a@example.fr"] })
    expect(Either.isLeft(result) && result.left[0]).toMatchObject({ path: "Email", found: '["a@example.fr"]' })
  })

  it("rejects a list info block without more_records", () => {
    const result = decodeOrExplain(CrmDealList)({ data: [], info: { per_page: 200 } })
    expect(Either.isLeft(result) && result.left[0]).toMatchObject({ path: "info.more_records", found: "(missing)" })
  })

  it("writes text, numbers, booleans, lookups by id and null; nothing else", () => {
    for (const value of ["Non", 20, true, { id: "1456177001500000427" }, null]) {
      expect(Schema.is(CrmWriteValue)(value)).toBe(true)
    }
    expect(Either.isLeft(decodeOrExplain(CrmWriteValue)({ name: "75_2026-04-27" }))).toBe(true)
    expect(Either.isLeft(decodeOrExplain(CrmWriteValue)(["a"]))).toBe(true)
  })
})
