/**
 * The consolidated CRM deal note of a processed ticket (§11.1): META line, ticket link, CRM
 * updates (passwords masked), a deterministic summary (the original asked an LLM), alerts.
 */
import { buildMetaLine, type MetaRecord } from "../../services/rules/states/memory.ts"

export const CRM_NOTE_TITLE = "Note automatique - Ticket DOC"
const DESK_TICKET_URL = "https://desk.zoho.com/agent/cabformations/cab-formations/tickets/"

export interface NoteUpdate {
  readonly field: string
  readonly from?: unknown
  readonly to: unknown
}

export interface NoteInput {
  readonly meta: MetaRecord
  readonly ticketId: string
  readonly updates: ReadonlyArray<NoteUpdate>
  readonly summary: ReadonlyArray<string>
  readonly alerts: ReadonlyArray<string>
}

const shown = (field: string, value: unknown): string =>
  field === "MDP_EVALBOX" ? "***" : value === null || value === undefined || value === "" ? "(vide)" : typeof value === "string" ? value : JSON.stringify(value)

export const crmNoteContent = (input: NoteInput): string => {
  const seen = new Set<string>()
  const updates = [...input.updates].reverse().filter((u) => (seen.has(u.field) ? false : (seen.add(u.field), true))).reverse()
  return [
    buildMetaLine(input.meta),
    "",
    `Ticket #${input.ticketId}`,
    `${DESK_TICKET_URL}${input.ticketId}`,
    "",
    updates.length === 0 ? "Mises à jour CRM: aucune" : "Mises à jour CRM:",
    ...updates.map((u) => `- ${u.field}: ${u.from === undefined ? "" : `${shown(u.field, u.from)} `}→ ${shown(u.field, u.to)}`),
    "",
    ...input.summary,
    "",
    input.alerts.length === 0 ? "✓ Aucune alerte" : "Alertes:",
    ...input.alerts.map((a) => `- ${a}`)
  ].join("\n")
}

const parisMinute = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
})

/** `YYYY-MM-DDTHH:MM` in Europe/Paris (the META `ts`). */
export const parisTimestamp = (now: string): string => {
  const parts = parisMinute.formatToParts(new Date(now))
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ""
  return `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}`
}
