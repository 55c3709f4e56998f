/**
 * Realistic runs for the health tests: the events one live run records (case file with the
 * candidate's message, decision with template variables and rendered reply, the draft request and
 * its success, the end of the run). Deterministic.
 */
import {
  ActionRequested,
  ActionSucceeded,
  CaseGathered,
  Decided,
  makeEvent,
  TicketCompleted,
  TicketFailed,
  TicketStopped,
  type DocflowEvent,
  type EventMeta,
  type JsonObject
} from "../../src/schemas/events.ts"

export const SESSION_REPLY = [
  "<p>Bonjour Sarah,</p>",
  "<p>Nous avons bien reçu votre demande de changement de session. Voici les sessions disponibles qui se terminent avant votre examen :</p>",
  "<p>",
  "&nbsp;&nbsp;→ Cours du soir (18h–22h, sur deux semaines) : du lundi 6 avril 2026 au vendredi 17 avril 2026<br>",
  "&nbsp;&nbsp;→ Cours du jour (8h30–16h30, sur une semaine) : du lundi 13 avril 2026 au vendredi 17 avril 2026<br>",
  "</p>",
  "<p>Indiquez-nous celle qui vous convient et nous mettrons votre inscription à jour.</p>",
  "<p>Votre examen est prévu le <b>mardi 28 avril 2026</b>.</p>",
  "<p>Bien cordialement,<br>L'équipe CAB Formations</p>"
].join("\n")

export const SESSION_VARS = {
  prenom: "Sarah",
  primary_intent: "DEMANDE_CHANGEMENT_SESSION",
  date_examen: "2026-04-28",
  date_cloture: "2026-03-30",
  can_modify_exam_date: true,
  report_bloque: false,
  next_dates: [],
  sessions_proposees: [
    { nom: "cds-avril-2026", is_jour: false, is_soir: true, date_debut: "2026-04-06", date_fin: "2026-04-17", date_examen: "2026-04-28", is_first_of_exam: true },
    { nom: "cdj-avril-2026", is_jour: true, is_soir: false, date_debut: "2026-04-13", date_fin: "2026-04-17", date_examen: "2026-04-28", is_first_of_exam: false }
  ]
}

export interface RunOptions {
  readonly ticketId: string
  readonly runId?: string
  readonly firstSeq?: number
  /** When the case was gathered (today = its Paris date). */
  readonly now?: string
  readonly message?: string
  readonly stage?: string
  readonly triageAction?: string
  readonly primaryIntent?: string | null
  readonly secondaryIntents?: ReadonlyArray<string>
  readonly uberCase?: string | null
  readonly dealId?: string | null
  readonly vars?: Readonly<Record<string, unknown>>
  /** The rendered reply; null when none was rendered. */
  readonly replyHtml?: string | null
  readonly validationErrors?: ReadonlyArray<{ readonly code: string; readonly message: string }>
  /** The body sent to Desk; defaults to the reply in docflow's wrapper when a draft is made. */
  readonly draftHtml?: string
  readonly draft?: boolean
  readonly humanizer?: JsonObject
  readonly dealUpdate?: JsonObject
  readonly end?: "completed" | "stopped" | "failed" | "none"
  readonly mode?: "live" | "dry-run"
}

const plusSeconds = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString()

export const wrapDraft = (key: string, html: string): string => `<div data-docflow-draft="${key}">${html}</div><!-- docflow:${key} -->`

/** The events of one run, in order. */
export const healthRun = (o: RunOptions): Array<DocflowEvent> => {
  const mode = o.mode ?? "live"
  const runId = o.runId ?? "r1"
  const now = o.now ?? "2026-03-02T09:00:00.000Z"
  const events: Array<DocflowEvent> = []
  const meta = (): EventMeta => {
    const seq = (o.firstSeq ?? 0) + events.length
    return { eventId: `${o.ticketId}.${seq}`, ticketId: o.ticketId, ticketSeq: seq, runId, occurredAt: plusSeconds(now, events.length) }
  }
  const replyHtml = o.replyHtml === undefined ? SESSION_REPLY : o.replyHtml
  const errors = o.validationErrors ?? []
  const stage = o.stage ?? "COMPLETED"
  const triageAction = o.triageAction ?? "GO"
  const primaryIntent = o.primaryIntent === undefined ? "DEMANDE_CHANGEMENT_SESSION" : o.primaryIntent
  events.push(makeEvent("CaseGathered", meta(), new CaseGathered({
    mode,
    caseFile: {
      now,
      ticket: { id: o.ticketId, subject: "Changement de session" },
      threads: [
        { id: "t-old", direction: "in", createdTime: "2026-02-20T10:00:00.000Z", plainText: "Bonjour, je suis inscrit." },
        { id: "t-new", direction: "in", createdTime: "2026-03-01T18:00:00.000Z", plainText: o.message ?? "Bonjour, je voudrais changer de session, merci." }
      ]
    }
  })))
  const key = `${o.ticketId}:t-new:CreateDraft:${o.ticketId}`
  const draft = o.draft ?? (replyHtml !== null && errors.length === 0 && stage === "COMPLETED")
  events.push(makeEvent("Decided", meta(), new Decided({
    mode,
    stage,
    triageAction,
    targetDepartment: triageAction === "ROUTE" ? "Contact" : null,
    primaryIntent,
    stateId: null,
    decision: {
      stage,
      triage: { action: triageAction, primaryIntent, secondaryIntents: [...(o.secondaryIntents ?? [])] },
      deal: o.dealId === null ? null : { id: o.dealId ?? `D${o.ticketId}` },
      uberCase: o.uberCase ?? null,
      templateVars: { ...(o.vars ?? SESSION_VARS) },
      reply: replyHtml === null ? null : { html: replyHtml, text: "", template: "t", sections: [], validation: { ok: errors.length === 0, errors: [...errors], warnings: [] } },
      actions: []
    },
    ...(o.humanizer === undefined ? {} : { humanizer: o.humanizer })
  })))
  if (mode === "live" && o.dealUpdate !== undefined) {
    const dealKey = `${o.ticketId}:t-new:UpdateDeal:D${o.ticketId}`
    events.push(makeEvent("ActionRequested", meta(), new ActionRequested({
      mode, idempotencyKey: dealKey, kind: "UpdateDeal", target: `D${o.ticketId}`, action: { _tag: "UpdateDeal", payload: o.dealUpdate }
    })))
    events.push(makeEvent("ActionSucceeded", meta(), new ActionSucceeded({ mode, idempotencyKey: dealKey, kind: "UpdateDeal", reconciled: false, outcome: { code: "SUCCESS" } })))
  }
  if (mode === "live" && draft && replyHtml !== null) {
    const content = o.draftHtml ?? wrapDraft(key, replyHtml)
    events.push(makeEvent("ActionRequested", meta(), new ActionRequested({
      mode, idempotencyKey: key, kind: "CreateDraft", target: o.ticketId,
      action: { _tag: "CreateDraft", idempotencyKey: key, target: o.ticketId, payload: { channel: "EMAIL", contentType: "html", content } }
    })))
    events.push(makeEvent("ActionSucceeded", meta(), new ActionSucceeded({ mode, idempotencyKey: key, kind: "CreateDraft", reconciled: false, outcome: { threadId: `th${o.ticketId}` } })))
  }
  switch (o.end ?? (stage === "COMPLETED" ? "completed" : "stopped")) {
    case "completed":
      events.push(makeEvent("TicketCompleted", meta(), new TicketCompleted({ mode, stage, draftCreated: draft && mode === "live", crmUpdated: false })))
      break
    case "stopped":
      events.push(makeEvent("TicketStopped", meta(), new TicketStopped({ mode, stage, reason: stage, draftCreated: draft && mode === "live" })))
      break
    case "failed":
      events.push(makeEvent("TicketFailed", meta(), new TicketFailed({ mode, stage: "act", attempt: 1, willRetry: true, error: { reason: "ZohoUnavailable", message: "503" } })))
      break
    case "none":
      break
  }
  return events
}
