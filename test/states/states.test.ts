import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { readFileSync } from "node:fs"
import { runOracleText } from "../../src/oracle/runner.ts"
import { INTENT_FLAGS } from "../../src/services/render/index.ts"
import { CANDIDATE_STATES, stateByName } from "../../src/services/rules/states/catalog.ts"
import { detectStates } from "../../src/services/rules/states/detect.ts"
import type { StateInput } from "../../src/services/rules/states/facts.ts"
import { MATRIX_ROWS, matrixRowFor } from "../../src/services/rules/states/matrix.ts"
import { buildMetaLine, memoryVerdict, META_KEYS, parseMetaLine, type MetaRecord } from "../../src/services/rules/states/memory.ts"

const oracle = (name: string) => runOracleText(name, readFileSync(new URL(`../oracle/${name}`, import.meta.url), "utf8"))

describe("state engine against the oracle", () => {
  it("state_cases.jsonl: every compared key agrees", () => {
    const report = oracle("state_cases.jsonl")
    expect(report.errors).toEqual([])
    expect(report.cases).toBeGreaterThan(1000)
    expect(report.disagreements.slice(0, 3)).toEqual([])
    for (const key of ["primary", "primary_id", "blocking", "warnings", "infos", "all", "alerts", "context"]) {
      const tally = report.keys.get(key)
      expect(tally?.agreed).toBe(report.cases)
    }
  })

  it("date_cases.jsonl: the state_engine.states column is compared and agrees", () => {
    const report = oracle("date_cases.jsonl")
    const tally = report.keys.get("state_engine.states")
    expect(tally?.cases).toBeGreaterThan(1000)
    expect(tally?.notCompared).toBe(0)
    expect(tally?.agreed).toBe(tally?.cases)
  })
})

const baseInput = (over: Partial<StateInput> = {}): StateInput => ({
  today: "2026-03-10",
  deal: { id: "D1", Evalbox: "VALIDE CMA", Amount: 20, Stage: "GAGNÉ", Date_Dossier_re_u: "2026-01-10", Date_test_selection: "2026-01-12" },
  enriched: null,
  examt3p: { compte_existe: true, connection_test_success: true },
  triage: { action: "GO", primary_intent: "STATUT_DOSSIER" },
  linking: { deal_id: "D1" },
  sessionData: null,
  consistency: null,
  ...over
})

describe("detectStates", () => {
  it("a blocking state stops the evaluation and becomes primary", () => {
    const d = detectStates(baseInput({ examt3p: { credentials_login_failed: true } }))
    expect(d.primary.name).toBe("EXAMT3P_ACCESS_LOST")
    expect(d.all.at(-1)?.name).toBe("EXAMT3P_ACCESS_LOST")
  })

  it("without a blocking state the first INFO state is primary, WARNINGs never are, GENERAL comes last", () => {
    const d = detectStates(baseInput({ deal: { id: "D1", Evalbox: "Dossier crée", Amount: 20, Stage: "GAGNÉ" } }))
    expect(d.blocking).toBeNull()
    expect(d.warnings.map((s) => s.name)).toEqual(["UBER_DOCS_MISSING"])
    expect(d.primary.name).toBe("EXAM_DATE_EMPTY")
    expect(d.infos.map((s) => s.name)).toEqual(["EXAM_DATE_EMPTY", "STATUT_DOSSIER", "GENERAL"])
  })

  it("the table is sorted by priority within each severity and names are unique", () => {
    expect(new Set(CANDIDATE_STATES.map((s) => s.name)).size).toBe(CANDIDATE_STATES.length)
    expect(stateByName.get("DEADLINE_MISSED")?.id).toBe("D-8")
  })
})

describe("state × intention matrix", () => {
  it("exact row first, then the wildcard, then the master without forced flags", () => {
    expect(matrixRowFor("CONVOCATION_RECEIVED", "DEMANDE_IDENTIFIANTS").key).toBe("CONVOCATION_RECEIVED:DEMANDE_IDENTIFIANTS")
    expect(matrixRowFor("DEADLINE_MISSED", "DEMANDE_IDENTIFIANTS").key).toBe("*:DEMANDE_IDENTIFIANTS")
    expect(matrixRowFor("DEADLINE_MISSED", null).key).toBe("*:*")
  })

  it("every row names a known state (or *) and an intent the renderer has a flag for", () => {
    for (const row of MATRIX_ROWS) {
      const [state, intent] = row.key.split(":") as [string, string]
      expect(state === "*" || stateByName.has(state)).toBe(true)
      expect(INTENT_FLAGS[intent], row.key).toBeDefined()
    }
    expect(new Set(MATRIX_ROWS.map((r) => r.key)).size).toBe(MATRIX_ROWS.length)
  })
})

describe("META line (§11.1)", () => {
  const value = fc.stringMatching(/^[^|\r\n=]*[^|\r\n=\s][^|\r\n=]*$/).map((s) => s.trim())
  it("parse ∘ build is the identity on non-empty values", () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...META_KEYS), value), (dict) => {
      const record = dict as MetaRecord
      expect(parseMetaLine(`${buildMetaLine(record)}\n\nTicket #1`)).toEqual(record)
    }))
  })

  it("reads the original's lines and ignores text without one", () => {
    expect(parseMetaLine("[META] ticket=1 | state=X | sections=statut,dates")).toEqual({ ticket: "1", state: "X", sections: "statut,dates" })
    expect(parseMetaLine("Note libre")).toBeNull()
  })

  it("memory: sent and unchanged → hidden; asked for, or changed → shown", () => {
    const last = { record: { sections: "statut,dates,elearning", evalbox: "VALIDE CMA", date_exam: "2026-04-27" }, createdAt: 0 }
    const base = { last, timeline: null, evalbox: "VALIDE CMA", examDate: "2026-04-27" }
    expect([...memoryVerdict({ ...base, intents: ["DEMANDE_CONVOCATION"] }).suppressed]).toEqual(["statut", "dates", "elearning"])
    expect([...memoryVerdict({ ...base, intents: ["DEMANDE_DATE_EXAMEN"] }).suppressed]).toEqual(["statut", "elearning"])
    expect([...memoryVerdict({ ...base, intents: ["DEMANDE_CONVOCATION"], examDate: "2026-05-25" }).suppressed]).toEqual(["statut", "elearning"])
    expect([...memoryVerdict({ ...base, intents: ["DEMANDE_CONVOCATION"], evalbox: "Convoc CMA reçue" }).suppressed]).toEqual(["dates", "elearning"])
    expect([...memoryVerdict({ ...base, intents: ["QUESTION_GENERALE"] }).suppressed]).toEqual([])
  })
})
