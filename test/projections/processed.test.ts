import { describe, it } from "@effect/vitest"
import { processedProjection } from "../../src/pipeline/projections/processed.ts"
import { ticketRun } from "../fixtures/events/builders.ts"
import { given } from "./given.ts"

const at = "2026-02-03T00:12:36.000Z"
const go = (ticketId: string, runId = "r1", firstSeq = 0) =>
  ticketRun({ ticketId, runId, firstSeq, at, primaryIntent: "DEMANDE_CHANGEMENT_SESSION", outcome: { kind: "completed", draftCreated: true } })

const record = (id: string, fields: Partial<Record<string, unknown>> = {}) => ({
  id,
  processed_at: "2026-02-03T00:12:41.000Z",
  success: true,
  workflow_stage: "COMPLETED",
  triage_action: "GO",
  primary_intent: "DEMANDE_CHANGEMENT_SESSION",
  draft_created: true,
  ...fields
})

describe("processed projection", () => {
  it("a completed run gives the seed's record", () =>
    given(go("198709000449714052")).then(processedProjection, { records: [record("198709000449714052")], decisions: [], failures: [] }))

  it("a routed ticket is a success without draft, stopped at triage", () =>
    given(
      ticketRun({ ticketId: "7", runId: "r1", firstSeq: 0, at, triageAction: "ROUTE", primaryIntent: null, outcome: { kind: "stopped", stage: "STOPPED_AT_TRIAGE", reason: "Contact" } })
    ).then(processedProjection, {
      records: [record("7", { processed_at: "2026-02-03T00:12:39.000Z", workflow_stage: "STOPPED_AT_TRIAGE", triage_action: "ROUTE", primary_intent: null, draft_created: false })],
      decisions: [],
      failures: []
    }))

  it("dry-run runs are left out", () =>
    given(ticketRun({ ticketId: "9", runId: "dry", firstSeq: 0, at, mode: "dry-run", outcome: { kind: "completed", draftCreated: true } })).then(
      processedProjection,
      { records: [], decisions: [], failures: [] }
    ))

  it("a failure that is retried and then succeeds leaves no failure behind", () =>
    given(
      ticketRun({ ticketId: "5", runId: "r1", firstSeq: 0, at, decided: false, outcome: { kind: "failed", stage: "ANALYSIS", message: "CRM 503", willRetry: true } }),
      go("5", "r2", 3)
    ).then(processedProjection, { records: [record("5")], decisions: [], failures: [] }))

  it("a dead-lettered ticket is processed without success and listed as a failure", () =>
    given(
      ticketRun({ ticketId: "6", runId: "r1", firstSeq: 0, at, decided: false, outcome: { kind: "failed", stage: "ANALYSIS", message: "timeout", willRetry: false } }),
      ticketRun({ ticketId: "6", runId: "dlq", firstSeq: 3, at: "2026-02-03T01:00:00.000Z", enqueue: false, decided: false, outcome: { kind: "dead-lettered", message: "3 échecs", attempts: 3 } }).slice(1)
    ).then(processedProjection, {
      records: [record("6", { processed_at: "2026-02-03T01:00:01.000Z", success: false, workflow_stage: "ANALYSIS", triage_action: null, primary_intent: null, draft_created: false })],
      decisions: [],
      failures: [{ id: "6", failed_at: "2026-02-03T01:00:01.000Z", stage: "ANALYSIS", reason: "Poison", message: "3 échecs", attempts: 3, dead_lettered: true }]
    }))

  it("re-processing a ticket replaces its record (latest run wins)", () =>
    given(
      go("8"),
      ticketRun({ ticketId: "8", runId: "r2", firstSeq: 6, at: "2026-02-04T09:00:00.000Z", triageAction: "NEEDS_CLARIFICATION", primaryIntent: null, outcome: { kind: "completed", stage: "NEEDS_CLARIFICATION", draftCreated: false } })
    ).then(processedProjection, {
      records: [record("8", { processed_at: "2026-02-04T09:00:03.000Z", workflow_stage: "NEEDS_CLARIFICATION", triage_action: "NEEDS_CLARIFICATION", primary_intent: null, draft_created: false })],
      decisions: [],
      failures: []
    }))

  it("a decision from an earlier, interrupted run is not credited to a later run", () =>
    given(
      ticketRun({ ticketId: "4", runId: "crashed", firstSeq: 0, at, outcome: { kind: "completed", draftCreated: false } }).slice(0, 3),
      ticketRun({ ticketId: "4", runId: "r2", firstSeq: 3, at, enqueue: false, decided: false, outcome: { kind: "stopped", stage: "SKIPPED_DRAFT_EXISTS", reason: "draft exists" } })
    ).then(processedProjection, {
      records: [record("4", { processed_at: "2026-02-03T00:12:37.000Z", workflow_stage: "SKIPPED_DRAFT_EXISTS", triage_action: null, primary_intent: null, draft_created: false })],
      decisions: [],
      failures: []
    }))
})
