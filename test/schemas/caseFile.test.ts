import { Arbitrary, Either, FastCheck as fc, Schema } from "effect"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { CaseFile, caseFileToday, decodeCaseFile } from "../../src/schemas/caseFile.ts"
import { formatProblems } from "../../src/schemas/decodeError.ts"
import { hasProtoKey } from "../support/protoKey.ts"

const FIXTURES = join(import.meta.dirname, "../fixtures/case-files")
const fixture = (name: string): unknown => JSON.parse(readFileSync(join(FIXTURES, name), "utf8"))
const fixtureNames = readdirSync(FIXTURES).filter((f) => f.endsWith(".json"))

describe("case-file fixtures", () => {
  it("holds the three example case files", () => {
    expect(fixtureNames.sort()).toEqual([
      "duplicate-uber-two-won-deals.json",
      "go-cas8-deadline-missed.json",
      "route-docs-cab-non-uber-documents.json"
    ])
  })

  it.each(fixtureNames)("%s decodes and re-encodes to the same JSON", (name) => {
    const input = fixture(name)
    const result = decodeCaseFile(input)
    if (Either.isLeft(result)) throw new Error(formatProblems(result.left).join("\n"))
    const reencoded = Schema.encodeSync(CaseFile)(result.right)
    expect(Schema.decodeUnknownSync(CaseFile)(reencoded)).toEqual(result.right)
  })

  it("the CAS 8 fixture has an exam ahead whose clôture is past, seen from Paris", () => {
    const caseFile = Schema.decodeUnknownSync(CaseFile)(fixture("go-cas8-deadline-missed.json"))
    const today = caseFileToday(caseFile)
    const lookup = caseFile.deals[0]?.Date_examen_VTC
    const examId = typeof lookup === "object" && lookup !== null ? lookup.id : undefined
    const exam = caseFile.examDates.find((e) => e.id === examId)
    expect(today).toBe("2026-03-10")
    expect((exam?.Date_Examen ?? "") > today).toBe(true)
    expect((exam?.Date_Cloture_Inscription ?? "").slice(0, 10) < today).toBe(true)
    expect(caseFile.examt3p?._tag).toBe("Ok")
  })

  it("the routing fixture is a document submission with real attachments from a non-Uber won deal", () => {
    const caseFile = Schema.decodeUnknownSync(CaseFile)(fixture("route-docs-cab-non-uber-documents.json"))
    const deal = caseFile.deals[0]
    expect(caseFile.deals).toHaveLength(1)
    expect(deal?.Stage).toBe("GAGNÉ")
    expect(Number(deal?.Amount)).not.toBe(20)
    const inbound = caseFile.threads.filter((t) => t.direction === "in")
    expect(inbound[0]?.plainText).toMatch(/ci-joint/i)
    expect((inbound[0]?.attachments ?? []).filter((a) => a.name?.endsWith(".pdf"))).toHaveLength(2)
    expect(caseFile.llmTriage).toBeUndefined()
    expect(caseFile.examt3p).toBeNull()
  })

  it("the duplicate fixture has two won 20 € deals, one of them with a string amount", () => {
    const caseFile = Schema.decodeUnknownSync(CaseFile)(fixture("duplicate-uber-two-won-deals.json"))
    const won20 = caseFile.deals.filter((d) => d.Stage === "GAGNÉ" && Number(d.Amount) === 20)
    expect(won20).toHaveLength(2)
    expect(caseFile.deals.map((d) => d.Amount)).toEqual([20, "20"])
  })
})

describe("case-file validation", () => {
  const base = fixture("go-cas8-deadline-missed.json") as Record<string, unknown> & { deals: Array<Record<string, unknown>> }

  it("tolerates unknown Zoho fields anywhere", () => {
    const withExtras = {
      ...base,
      ticket: { ...(base["ticket"] as object), isArchived: false, sharedDepartments: [] },
      deals: base.deals.map((d) => ({ ...d, Owner: { name: "x", id: "1" }, $currency_symbol: "€" }))
    }
    expect(Either.isRight(decodeCaseFile(withExtras))).toBe(true)
  })

  it("names each bad field with its path and value", () => {
    const bad = {
      ...base,
      now: "10/03/2026",
      deals: [{ ...base.deals[0], Evalbox: 7, Date_examen_VTC: { name: "75_2026-03-30" } }]
    }
    const result = decodeCaseFile(bad)
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(formatProblems(result.left)).toEqual([
        'now: expected an ISO 8601 instant with a Z or ±hh:mm offset (found: "10/03/2026")',
        "deals[0].Evalbox: expected string | null (found: 7)",
        "deals[0].Date_examen_VTC.id: is missing (found: (missing))"
      ])
    }
  })

  it("refuses a case file carrying a clear ExamT3P password, without echoing it", () => {
    const leaked = { ...base, deals: [{ ...base.deals[0], MDP_EVALBOX: "Paris2026!" }] }
    const result = decodeCaseFile(leaked)
    expect(Either.isLeft(result) && result.left.map((p) => p.path)).toEqual(["deals[0].MDP_EVALBOX"])
    expect(JSON.stringify(result)).not.toContain("Paris2026!")
  })

  it("reports a missing ticket", () => {
    const { ticket: _ticket, ...noTicket } = base
    const result = decodeCaseFile(noTicket)
    expect(Either.isLeft(result) && result.left).toEqual([{ path: "ticket", message: "is missing", found: "(missing)" }])
  })
})

describe("case-file round trip (property)", () => {
  const arbitrary = Arbitrary.make(CaseFile).filter((c) => !hasProtoKey(c))
  const encode = Schema.encodeSync(CaseFile)
  const decode = Schema.decodeUnknownSync(CaseFile)

  it("decode ∘ encode is the identity on any valid case file", () => {
    fc.assert(
      fc.property(arbitrary, (caseFile) => {
        expect(decode(encode(caseFile))).toEqual(caseFile)
      }),
      { numRuns: 60 }
    )
  })

  // Stored case files are JSON: re-reading and re-writing one must give the same JSON text
  // (JSON itself cannot tell 0 from -0, which is why this compares text, not values).
  it("a case file written as JSON reads back and re-encodes to the same JSON", () => {
    fc.assert(
      fc.property(arbitrary, (caseFile) => {
        const text = JSON.stringify(encode(caseFile))
        expect(JSON.stringify(encode(decode(JSON.parse(text))))).toBe(text)
      }),
      { numRuns: 60 }
    )
  })
})

describe("agreement with the event log's redaction", () => {
  it("a case file redacted by redactCaseFile decodes, and carries no clear password", async () => {
    const { redactCaseFile } = await import("../../src/schemas/events.ts")
    const base = fixture("go-cas8-deadline-missed.json") as { deals: Array<Record<string, unknown>> } & Record<string, unknown>
    const clear = { ...base, deals: base.deals.map((d) => ({ ...d, MDP_EVALBOX: "Paris2026!" })) }
    expect(Either.isLeft(decodeCaseFile(clear))).toBe(true)
    const redacted = redactCaseFile(clear)
    const result = decodeCaseFile(redacted)
    expect(Either.isRight(result)).toBe(true)
    expect(JSON.stringify(redacted)).not.toContain("Paris2026!")
  })
})
