import type { CaseFile } from "../../../schemas/caseFile.ts"
import { caseFileToday } from "../../../schemas/caseFile.ts"
import { DOC_DEPARTMENT_ID } from "../../../schemas/config.ts"
import type { DealContext, LlmTriageInput } from "./input.ts"

/**
 * Builds the triage prompt's input from a gathered case file: the ticket subject and department,
 * the selected deal with its real exam date (through the `Date_examen_VTC` lookup) and its current
 * session (through `Session`). The customer message is computed by the caller (triage/message).
 */

type Deal = CaseFile["deals"][number]

const lookupId = (value: { readonly id: string } | string | null | undefined): string | undefined =>
  value !== null && typeof value === "object" ? value.id : undefined

const lookupName = (value: { readonly name?: string | null | undefined } | string | null | undefined): string | undefined =>
  typeof value === "string" ? value : value?.name ?? undefined

const numberOf = (value: number | string | null | undefined): number | null => {
  if (typeof value === "number") return value
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value)
  return null
}

const departementOf = (value: number | string | null | undefined): string | null => {
  if (value === null || value === undefined || String(value).trim() === "") return null
  const text = String(value).trim()
  return /^\d$/.test(text) ? `0${text}` : text
}

/** `cdj…` is a day course, `cds…` an evening course; an explicit `session_type` wins. */
const sessionTypeOf = (name: string | undefined, explicit: string | null | undefined): "jour" | "soir" | null => {
  const hint = (explicit ?? name ?? "").trim().toLowerCase()
  if (hint.startsWith("cdj") || hint === "jour") return "jour"
  if (hint.startsWith("cds") || hint === "soir") return "soir"
  return null
}

export const dealContextOf = (caseFile: CaseFile, deal: Deal): DealContext => {
  const examId = lookupId(deal.Date_examen_VTC)
  const exam = examId === undefined ? undefined : caseFile.examDates.find((record) => record.id === examId)
  const sessionId = lookupId(deal.Session)
  const session = sessionId === undefined ? undefined : caseFile.trainingSessions.find((record) => record.id === sessionId)
  const sessionName = session?.Name ?? lookupName(deal.Session)
  return {
    name: deal.Deal_Name ?? deal.id,
    amount: numberOf(deal.Amount),
    stage: deal.Stage ?? null,
    evalbox: deal.Evalbox ?? null,
    examDate: exam?.Date_Examen?.slice(0, 10) ?? null,
    examDepartement: departementOf(exam?.Departement),
    sessionName: sessionName ?? null,
    sessionType: sessionTypeOf(sessionName, session?.session_type)
  }
}

export const llmTriageInputFromCaseFile = (
  caseFile: CaseFile,
  options: { readonly customerMessage: string; readonly dealId: string | null; readonly agentHint?: string }
): LlmTriageInput => {
  const deal = options.dealId === null ? undefined : caseFile.deals.find((d) => d.id === options.dealId)
  const ticket = caseFile.ticket
  return {
    today: caseFileToday(caseFile),
    subject: ticket.subject ?? "",
    customerMessage: options.customerMessage,
    currentDepartment: ticket.department?.name ?? (ticket.departmentId === DOC_DEPARTMENT_ID ? "DOC" : ticket.departmentId),
    deal: deal === undefined ? null : dealContextOf(caseFile, deal),
    conversationSummary: "",
    dealJourney: "",
    agentHint: options.agentHint ?? ""
  }
}
