/**
 * The seed's per-ticket "v3" result (BATCH_WORKFLOW.md, DOMAIN.md §12.2) built from a ticket's
 * recorded events — the latest run — so `docflow result <id>` shows what the seed's results file
 * showed. Pure: reads the recorded case file and decision as JSON. Two seed defects are not kept:
 * `input.crm.session1` reads the deal's `Session` lookup, and `primary_intent` is filled.
 */
import type { DocflowEvent, JsonObject } from "../schemas/events.ts"
import { readHumanizerNote } from "./workflow/humanizerNote.ts"

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

const isObject = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === "object" && u !== null && !Array.isArray(u)
const at = (value: unknown, ...path: ReadonlyArray<string>): unknown =>
  path.reduce<unknown>((v, key) => (isObject(v) ? v[key] : undefined), value)
const text = (value: unknown): string | null => (typeof value === "string" ? value : typeof value === "number" ? String(value) : null)
const lookupName = (value: unknown): string | null => text(at(value, "name")) ?? text(value)
const lookupId = (value: unknown): string | null => text(at(value, "id"))
const list = (value: unknown): ReadonlyArray<unknown> => (Array.isArray(value) ? value : [])
const clip = (value: string | null, max = 3000): string | null => (value === null ? null : value.slice(0, max))
const asJson = (value: unknown): Json => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Json))

const TEMPLATE_VAR_KEYS = [
  "state_id", "state_name", "primary_intent", "secondary_intents", "intents_handled", "date_case", "uber_case",
  "session_preference", "is_complaint", "is_cab_error", "can_modify_exam_date", "has_sessions_proposees",
  "report_possible", "report_bloque", "evalbox"
] as const

export interface ResultRun {
  readonly runId: string
  readonly caseFile: JsonObject | null
  readonly decision: JsonObject | null
  readonly mode: string
  readonly stage: string | null
  readonly finished: "completed" | "stopped" | "failed" | null
  readonly draftCreated: boolean
  readonly crmUpdated: boolean
  readonly error: string | null
  readonly actions: ReadonlyArray<{ readonly kind: string; readonly ok: boolean; readonly reconciled: boolean; readonly action: JsonObject | null }>
  /** The humanizer note recorded with the decision (absent: not asked, or an older event). */
  readonly humanizer?: JsonObject | undefined
}

/** The latest run of a ticket (the run of its newest CaseGathered), or undefined when none ran. */
export const latestRun = (events: ReadonlyArray<DocflowEvent>): ResultRun | undefined => {
  const gathered = [...events].reverse().find((e) => e.type === "CaseGathered")
  if (gathered === undefined) return undefined
  const mine = events.filter((e) => e.runId === gathered.runId || e.ticketSeq > gathered.ticketSeq)
  let run: ResultRun = {
    runId: gathered.runId, caseFile: null, decision: null, mode: gathered.payload.mode, stage: null, finished: null,
    draftCreated: false, crmUpdated: false, error: null, actions: []
  }
  const requested = new Map<string, { kind: string; action: JsonObject }>()
  for (const e of mine) {
    switch (e.type) {
      case "CaseGathered": run = { ...run, caseFile: e.payload.caseFile }; break
      case "Decided": run = { ...run, decision: e.payload.decision, stage: e.payload.stage, humanizer: e.payload.humanizer }; break
      case "ActionRequested": requested.set(e.payload.idempotencyKey, { kind: e.payload.kind, action: e.payload.action }); break
      case "ActionSucceeded":
      case "ActionFailed": {
        const req = requested.get(e.payload.idempotencyKey)
        run = {
          ...run,
          actions: [...run.actions, {
            kind: e.payload.kind, ok: e.type === "ActionSucceeded", reconciled: e.type === "ActionSucceeded" && e.payload.reconciled, action: req?.action ?? null
          }]
        }
        break
      }
      case "TicketCompleted": run = { ...run, finished: "completed", stage: e.payload.stage, draftCreated: e.payload.draftCreated, crmUpdated: e.payload.crmUpdated }; break
      case "TicketStopped": run = { ...run, finished: "stopped", stage: e.payload.stage, draftCreated: e.payload.draftCreated }; break
      case "TicketFailed": run = { ...run, finished: "failed", error: `${e.payload.error.reason}: ${e.payload.error.message}` }; break
      default: break
    }
  }
  return run
}

/**
 * The seed's humanizer fields from the recorded note, plus docflow's `status` (used / rejected /
 * disabled / failed, or "not_asked" when the run had no draft to rewrite).
 */
const humanizerResult = (recorded: JsonObject | undefined): { readonly [key: string]: Json } => {
  const note = readHumanizerNote(recorded)
  if (note === undefined) return { status: "not_asked", was_humanized: false, failed: false, issues: [], error: null, attempts: 0 }
  return {
    status: note.status,
    was_humanized: note.status === "used",
    failed: note.status === "failed",
    issues: note.rejections.map((r) => `${r.rule}: ${r.detail}`),
    error: note.failure,
    attempts: note.attempts,
    model: note.modelId,
    prompt_version: note.promptVersion
  }
}

/** The v3 result object for the ticket's latest run. */
export const resultV3 = (ticketId: string, run: ResultRun): { readonly [key: string]: Json } => {
  const cf = run.caseFile
  const decision = run.decision
  const dealId = text(at(decision, "deal", "id"))
  const deal = list(at(cf, "deals")).find((d) => text(at(d, "id")) === dealId)
  const examDates = list(at(cf, "examDates"))
  const sessions = list(at(cf, "trainingSessions"))
  const examDate = examDates.find((e) => text(at(e, "id")) === lookupId(at(deal, "Date_examen_VTC")))
  const session = sessions.find((s) => text(at(s, "id")) === lookupId(at(deal, "Session")))
  const examt3p = at(cf, "examt3p")
  const examData = at(examt3p, "_tag") === "Ok" ? at(examt3p, "data") : undefined
  const vars = at(decision, "templateVars")
  const reply = at(decision, "reply")
  const draftAction = run.actions.find((a) => a.kind === "CreateDraft" && a.ok)?.action
  const dealUpdates = run.actions.filter((a) => a.kind === "UpdateDeal" && a.ok).map((a) => at(a.action, "payload"))
  const plannedDraft = list(at(decision, "actions")).find((a) => at(a, "_tag") === "CreateDraft")
  const sessionName = text(at(session, "Name")) ?? ""
  return {
    ticket_id: ticketId,
    deal_id: dealId,
    success: run.finished === "completed" || run.finished === "stopped",
    stage: run.stage,
    mode: run.mode,
    run_id: run.runId,
    triage_action: text(at(decision, "triage", "action")),
    target_department: text(at(decision, "triage", "targetDepartment")),
    draft_created: run.draftCreated,
    reply_sent: false,
    delivery_method: run.draftCreated ? "draft" : "none",
    send_fallback_reason: null,
    triage: decision === null ? null : {
      detected_intent: text(at(decision, "triage", "primaryIntent")),
      secondary_intents: asJson(at(decision, "triage", "secondaryIntents") ?? []),
      intent_context: asJson(at(decision, "triage", "context") ?? null),
      incoming_thread_count: list(at(cf, "threads")).filter((t) => at(t, "direction") === "in").length
    },
    input: {
      crm: deal === undefined ? null : {
        deal_name: text(at(deal, "Deal_Name")),
        stage: text(at(deal, "Stage")),
        evalbox: text(at(deal, "Evalbox")),
        date_examen_vtc: lookupName(at(deal, "Date_examen_VTC")),
        session1: lookupName(at(deal, "Session")),
        email: text(at(deal, "Email"))
      },
      examt3p: examData === undefined ? null : {
        statut_dossier: text(at(examData, "statut_dossier")),
        num_dossier: text(at(examData, "num_dossier")),
        documents_count: list(at(examData, "documents")).length,
        examens: asJson(at(examData, "examens") ?? null),
        credentials_valid: at(examData, "connection_test_success") === true
      },
      lookups: deal === undefined ? null : {
        date_examen: text(at(examDate, "Date_Examen")),
        session_type: sessionName === "" ? null : /\bcds\b|soir/i.test(sessionName) ? "soir" : "jour",
        session_date_debut: text(at(session, "Date_d_but")),
        session_date_fin: text(at(session, "Date_fin"))
      }
    },
    template_vars: isObject(vars) && Object.keys(vars).length > 0
      ? Object.fromEntries(TEMPLATE_VAR_KEYS.map((k) => [k, asJson(vars[k] ?? null)]))
      : null,
    humanizer: humanizerResult(run.humanizer),
    validation: reply === null || reply === undefined ? null : {
      compliant: at(reply, "validation", "ok") === true,
      errors: asJson(at(reply, "validation", "errors") ?? []),
      warnings: asJson(at(reply, "validation", "warnings") ?? [])
    },
    valid_dates: asJson(at(vars, "next_dates") ?? []),
    template_response: clip(text(at(reply, "html"))),
    template_used: text(at(reply, "template")),
    output: {
      crm_updated: run.crmUpdated,
      crm_updates: dealUpdates.length === 0 ? null : asJson(Object.assign({}, ...dealUpdates.filter(isObject))),
      crm_updates_blocked: null,
      draft_content: clip(text(at(draftAction ?? plannedDraft, "payload", "content")))
    },
    error: run.error
  }
}
