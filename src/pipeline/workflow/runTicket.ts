/**
 * One ticket's run: gather → (reconcile) → decide → (humanize) → act, every step an event. Live runs act; a
 * dry run records the case file and the decision with `mode: dry-run` and writes nothing to Zoho
 * (it never calls `perform`, by construction). A ticket whose newest inbound thread was already
 * answered by a finished run is acknowledged without a new run.
 */
import { Effect, Either, Schema } from "effect"
import { CaseFile } from "../../schemas/caseFile.ts"
import { Decision, DecisionAction, type WorkflowStage } from "../../schemas/decision.ts"
import { redactCaseFile, type RunMode } from "../../schemas/events.ts"
import { ExamT3P } from "../../services/examt3p/ExamT3P.ts"
import { EventLog, type StoreError } from "../../services/store/Store.ts"
import { CrmClient, DeskClient, type ZohoError } from "../../services/zoho/index.ts"
import { perform } from "./act.ts"
import { CrashPoints } from "./crash.ts"
import { Decider } from "./Decider.ts"
import { WorkflowError, type WorkflowStep } from "./errors.ts"
import { gatherCaseFile, type Catalogues } from "./gather.ts"
import { humanizeDecision } from "./humanize.ts"
import { foldHistory, isDue } from "./history.ts"
import { withMarker } from "./markers.ts"
import { makeRecorder } from "./recorder.ts"
import { docflowDraftIds, reconcile } from "./reconcile.ts"

export type RunOutcome = "completed" | "stopped" | "failed" | "already-answered"

export interface TicketRunResult {
  readonly ticketId: string
  readonly mode: RunMode
  readonly outcome: RunOutcome
  readonly stage: WorkflowStage | WorkflowStep | null
  readonly triageAction: string | null
  readonly primaryIntent: string | null
  readonly draftCreated: boolean
  readonly actionsPerformed: number
  readonly error: string | null
}

export type WorkflowServices = DeskClient | CrmClient | ExamT3P | EventLog | Decider | CrashPoints

const encodeCaseFile = Schema.encodeEither(CaseFile)
const encodeDecision = Schema.encodeEither(Decision)
const encodeAction = Schema.encodeEither(DecisionAction)

const newestInboundId = (threads: ReadonlyArray<{ readonly id: string; readonly direction: string; readonly createdTime: string }>) =>
  [...threads].filter((t) => t.direction === "in").sort((a, b) => b.createdTime.localeCompare(a.createdTime))[0]?.id ?? null

const zohoFailed = (ticketId: string, step: WorkflowStep) => (e: ZohoError) =>
  new WorkflowError({ step, reason: "ZohoUnavailable", ticketId, detail: e.message })
const storeFailed = (ticketId: string) => (e: StoreError | { readonly message: string }) =>
  new WorkflowError({ step: "record", reason: "StoreFailed", ticketId, detail: e.message })

export const runTicket = (
  ticketId: string,
  options: { readonly mode: RunMode; readonly catalogues: Catalogues }
): Effect.Effect<TicketRunResult, WorkflowError, WorkflowServices> =>
  Effect.gen(function* () {
    const { mode } = options
    const log = yield* EventLog
    const crash = yield* CrashPoints
    const decider = yield* Decider
    const history = foldHistory(yield* Effect.mapError(log.readTicket(ticketId), storeFailed(ticketId)))
    const base = { ticketId, mode, triageAction: null, primaryIntent: null, draftCreated: false, actionsPerformed: 0, error: null }

    if (history.answeredInbound !== undefined) {
      const summaries = yield* Effect.mapError(Effect.flatMap(DeskClient, (d) => d.listThreads(ticketId)), zohoFailed(ticketId, "gather"))
      const newest = newestInboundId(summaries.filter((s) => (s.status ?? "") !== "DRAFT"))
      if (!isDue(history, newest)) return { ...base, outcome: "already-answered" as const, stage: null }
    }

    const recorder = yield* makeRecorder(ticketId, history.nextSeq, mode)
    const record = <A>(effect: Effect.Effect<A, StoreError>) => Effect.mapError(effect, storeFailed(ticketId))
    const fail = (step: WorkflowStep, error: WorkflowError) =>
      Effect.gen(function* () {
        yield* record(recorder.record("TicketFailed", {
          mode, stage: step, attempt: history.failedAttempts + 1, willRetry: true, error: { reason: error.reason, message: error.detail }
        }))
        return { ...base, outcome: "failed" as const, stage: step, error: error.message }
      })

    // Gather
    const gathered = yield* Effect.either(Effect.mapError(gatherCaseFile(ticketId, options.catalogues), zohoFailed(ticketId, "gather")))
    if (Either.isLeft(gathered)) return yield* fail("gather", gathered.left)
    const caseFile = gathered.right.caseFile
    const encodedCase = encodeCaseFile(caseFile)
    if (Either.isLeft(encodedCase)) {
      return yield* fail("gather", new WorkflowError({ step: "gather", reason: "InvalidCaseFile", ticketId, detail: encodedCase.left.message }))
    }
    yield* record(recorder.record("CaseGathered", { mode, caseFile: redactCaseFile(encodedCase.right) }))
    yield* crash.hit("after-gather")

    // Reconcile what an earlier run asked for without a recorded answer (reads only).
    const reconciled = yield* Effect.either(Effect.mapError(reconcile(caseFile, history), zohoFailed(ticketId, "reconcile")))
    if (Either.isLeft(reconciled)) return yield* fail("reconcile", reconciled.left)
    const confirmed = new Set(history.confirmed)
    if (mode === "live") {
      for (const r of reconciled.right) {
        yield* record(recorder.record("ActionSucceeded", { mode, idempotencyKey: r.key, kind: r.kind, reconciled: true, outcome: r.outcome }))
        confirmed.add(r.key)
      }
    }

    // Decide
    const decision = decider.decide(caseFile, { mode, docflowDraftIds: docflowDraftIds(caseFile, history) })
    const encodedDecision = encodeDecision(decision)
    if (Either.isLeft(encodedDecision)) {
      return yield* fail("decide", new WorkflowError({ step: "decide", reason: "InvalidDecision", ticketId, detail: encodedDecision.left.message }))
    }
    // The humanizer may reword the planned draft (never the recorded decision, never its key).
    const humanized = yield* humanizeDecision(decision, caseFile, confirmed)
    yield* record(recorder.record("Decided", {
      mode,
      stage: decision.stage,
      triageAction: decision.triage.action,
      targetDepartment: decision.triage.targetDepartment,
      primaryIntent: decision.triage.primaryIntent,
      stateId: decision.state?.id ?? null,
      decision: encodedDecision.right,
      ...(humanized.note === undefined ? {} : { humanizer: humanized.note })
    }))
    yield* crash.hit("after-decide")
    const decided = { ...base, triageAction: decision.triage.action, primaryIntent: decision.triage.primaryIntent }

    // Act (live only)
    let performed = 0
    let firstFailure: WorkflowError | undefined
    if (mode === "live") {
      for (const planned of humanized.decision.actions) {
        if (confirmed.has(planned.idempotencyKey)) continue
        const action = withMarker(planned)
        const encoded = encodeAction(action)
        if (Either.isLeft(encoded)) {
          firstFailure ??= new WorkflowError({ step: "act", reason: "InvalidDecision", ticketId, detail: encoded.left.message })
          continue
        }
        yield* crash.hit("before-action")
        const common = { mode, idempotencyKey: action.idempotencyKey, kind: action._tag }
        yield* record(recorder.record("ActionRequested", { ...common, target: action.target, action: encoded.right as { readonly [k: string]: unknown } }))
        const result = yield* Effect.either(perform(action))
        // After the call, before its answer is recorded: the window reconciliation exists for.
        yield* crash.hit("after-action")
        if (Either.isRight(result)) {
          yield* record(recorder.record("ActionSucceeded", { ...common, reconciled: false, outcome: result.right }))
          confirmed.add(action.idempotencyKey)
          performed += 1
        } else {
          yield* record(recorder.record("ActionFailed", {
            ...common, outcomeUnknown: result.left.outcomeUnknown ?? false, error: { reason: result.left.reason, message: result.left.message }
          }))
          firstFailure ??= zohoFailed(ticketId, "act")(result.left)
        }
      }
    }

    yield* crash.hit("before-complete")
    const draftKeys = decision.actions.filter((a) => a._tag === "CreateDraft").map((a) => a.idempotencyKey)
    const draftCreated = mode === "live" && draftKeys.length > 0 && draftKeys.every((k) => confirmed.has(k))
    const crmUpdated = mode === "live" && decision.actions.some((a) => a._tag === "UpdateDeal" && confirmed.has(a.idempotencyKey))
    if (firstFailure !== undefined) {
      const failed = yield* fail("act", firstFailure)
      return { ...failed, triageAction: decided.triageAction, primaryIntent: decided.primaryIntent, actionsPerformed: performed }
    }
    if (decision.stage === "COMPLETED") {
      yield* record(recorder.record("TicketCompleted", { mode, stage: decision.stage, draftCreated, crmUpdated }))
    } else {
      yield* record(recorder.record("TicketStopped", { mode, stage: decision.stage, reason: decision.triage.reason || decision.stage, draftCreated }))
    }
    return {
      ...decided,
      outcome: decision.stage === "COMPLETED" ? ("completed" as const) : ("stopped" as const),
      stage: decision.stage,
      draftCreated,
      actionsPerformed: performed
    }
  })
