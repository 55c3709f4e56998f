import { describe, expect, it } from "@effect/vitest"
import { Either } from "effect"
import fc from "fast-check"
import {
  CaseGathered,
  decodeEvent,
  encodePayload,
  findClearSecret,
  REDACTED_EXAMT3P_PASSWORD,
  redactCaseFile,
  type DocflowEvent
} from "../../src/schemas/events.ts"
import { ticketRun, type RunOutcome } from "../fixtures/events/builders.ts"
import { Schema } from "effect"

const caseFile = {
  now: "2026-02-03T10:00:00+01:00",
  deals: [
    { id: "1456177001", Deal_Name: "BFS NP Jean DUPONT", IDENTIFIANT_EVALBOX: "jean@example.com", MDP_EVALBOX: "S3cret!" },
    { id: "1456177002", MDP_EVALBOX: "" },
    { id: "1456177003", MDP_EVALBOX: null }
  ],
  examt3p: { compte_existe: true, identifiant: "jean@example.com", mot_de_passe: "S3cret!", nested: { password: "other" } },
  threads: [{ id: "th1", content: "Bonjour" }]
}

const envelopeOf = (event: DocflowEvent) => {
  const payload = encodePayload(event)
  if (Either.isLeft(payload)) throw payload.left
  return { ...event, payload: JSON.parse(JSON.stringify(payload.right)) as unknown }
}

describe("case-file redaction", () => {
  it("replaces every ExamT3P password with the marker and keeps everything else", () => {
    const redacted = redactCaseFile(caseFile)
    expect(redacted.deals[0]).toEqual({ ...caseFile.deals[0], MDP_EVALBOX: REDACTED_EXAMT3P_PASSWORD })
    expect(redacted.deals[1]?.MDP_EVALBOX).toBe("")
    expect(redacted.deals[2]?.MDP_EVALBOX).toBeNull()
    expect(redacted.examt3p).toEqual({
      compte_existe: true,
      identifiant: "jean@example.com",
      mot_de_passe: REDACTED_EXAMT3P_PASSWORD,
      nested: { password: REDACTED_EXAMT3P_PASSWORD }
    })
    expect(redacted.threads).toEqual(caseFile.threads)
    expect(JSON.stringify(redacted)).not.toContain("S3cret!")
    expect(caseFile.deals[0]?.MDP_EVALBOX).toBe("S3cret!")
    expect(findClearSecret(redacted)).toBeUndefined()
  })

  it("a CaseGathered with a clear password does not decode, and the error names the path, not the secret", () => {
    const result = Schema.decodeUnknownEither(CaseGathered)({ mode: "live", caseFile })
    expect(Either.isLeft(result)).toBe(true)
    const message = Either.isLeft(result) ? String(result.left.message) : ""
    expect(message).toContain("deals.0.MDP_EVALBOX")
    expect(message).not.toContain("S3cret!")
    expect(Either.isRight(Schema.decodeUnknownEither(CaseGathered)({ mode: "live", caseFile: redactCaseFile(caseFile) }))).toBe(true)
  })
})

const outcome: fc.Arbitrary<RunOutcome> = fc.oneof(
  fc.record({ kind: fc.constant("completed" as const), draftCreated: fc.boolean() }),
  fc.record({ kind: fc.constant("stopped" as const), stage: fc.constantFrom("STOPPED_AT_TRIAGE", "STOPPED_NO_DEAL"), reason: fc.string() }),
  fc.record({ kind: fc.constant("failed" as const), stage: fc.constantFrom("ANALYSIS", "TRIAGE"), message: fc.string(), willRetry: fc.boolean() }),
  fc.record({ kind: fc.constant("dead-lettered" as const), message: fc.string(), attempts: fc.integer({ min: 1, max: 9 }) })
)

describe("event decoding", () => {
  it("every event survives encode → JSON → decode unchanged", () => {
    fc.assert(
      fc.property(
        fc.record({
          ticketId: fc.stringMatching(/^\d{6,18}$/),
          mode: fc.constantFrom("live" as const, "dry-run" as const),
          triageAction: fc.constantFrom("GO", "ROUTE", "NEEDS_CLARIFICATION", "DUPLICATE_UBER"),
          primaryIntent: fc.option(fc.string(), { nil: null }),
          outcome
        }),
        ({ ticketId, mode, triageAction, primaryIntent, outcome }) => {
          const events = ticketRun({ ticketId, runId: "r", firstSeq: 0, mode, at: "2026-02-03T00:00:00.000Z", triageAction, primaryIntent, outcome })
          for (const event of events) {
            expect(decodeEvent(envelopeOf(event))).toEqual(Either.right(event))
          }
        }
      ),
      { numRuns: 100 }
    )
  })

  it("an invalid payload fails with the path and the offending value", () => {
    const [event] = ticketRun({ ticketId: "42", runId: "r", firstSeq: 0, at: "2026-02-03T00:00:00.000Z", decided: false, outcome: { kind: "completed", draftCreated: true } })
    if (event === undefined) throw new Error("no event")
    const broken = { ...envelopeOf(event), payload: { mode: "sandbox", source: "producer", ticketNumber: null, subject: null, createdTime: null } }
    const result = decodeEvent(broken)
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left.reason).toBe("InvalidPayload")
      expect(result.left.message).toContain("mode")
      expect(result.left.message).toContain('"sandbox"')
    }
  })

  it("a malformed envelope is refused before its payload is looked at", () => {
    const result = decodeEvent({ eventId: "e1", type: "Decided", version: 2, ticketId: "", ticketSeq: -1, runId: "r", occurredAt: "yesterday", payload: {} })
    expect(Either.isLeft(result) && result.left.reason).toBe("MalformedEnvelope")
    expect(Either.isLeft(result) && result.left.message).toContain("ticketId")
  })

  it("a v1 Decided whose shape is wrong says it failed as version 1", () => {
    const result = decodeEvent({ eventId: "e1", type: "Decided", version: 1, ticketId: "1", ticketSeq: 0, runId: "r", occurredAt: "2026-02-03T00:00:00Z", payload: { stage: 3 } })
    expect(Either.isLeft(result) && result.left.message).toContain("as version 1")
  })
})
