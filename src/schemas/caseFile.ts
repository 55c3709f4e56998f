import { Schema } from "effect"
import { CrmContact, CrmDealNote, CrmDealTimeline, CrmExamDate, CrmTrainingSession, StoredDeal } from "./crm.ts"
import { ConversationAnalysis } from "./conversation.ts"
import { decodeOrExplain } from "./decodeError.ts"
import { DeskComment, DeskThread, DeskTicket } from "./desk.ts"
import { Examt3pStatus } from "./examt3p.ts"
import { IsoInstant, todayInParis, type CalendarDate } from "./time.ts"
import { TriageResult } from "./triage.ts"

/**
 * The case file (DESIGN.md §3): every input `decide` reads, gathered once per ticket and recorded
 * as an event, so a decision can be recomputed later without calling Zoho. Zoho values are kept as
 * returned (API names verbatim); secrets are redaction markers.
 */
export const CaseFile = Schema.Struct({
  /** When the case was gathered; "today" is its calendar date in Europe/Paris. */
  now: IsoInstant,
  ticket: DeskTicket,
  /** Every thread of the ticket except drafts, with bodies, in the order Desk returned them. */
  threads: Schema.Array(DeskThread),
  /** Private notes and public comments of the ticket. */
  comments: Schema.Array(DeskComment),
  /** Unsent reply drafts (threads with status DRAFT) already on the ticket. */
  drafts: Schema.Array(DeskThread),
  /** CRM contacts matched to the candidate. */
  contacts: Schema.Array(CrmContact),
  /** Every deal of those contacts, password redacted. */
  deals: Schema.Array(StoredDeal),
  /** Field history of the selected deal; null when no deal was selected or none was fetched. */
  dealTimeline: Schema.NullOr(CrmDealTimeline),
  /** Notes of the selected deal and of any duplicate deal checked for markers; see `Parent_Id`. */
  dealNotes: Schema.Array(CrmDealNote),
  /** `Dates_Examens_VTC_TAXI` records: the deal's own and the candidates for proposals. */
  examDates: Schema.Array(CrmExamDate),
  /** `Sessions1` records considered for proposals, including the deal's current session. */
  trainingSessions: Schema.Array(CrmTrainingSession),
  /** null when ExamT3P was not consulted (no deal, stopped before analysis). */
  examt3p: Schema.NullOr(Examt3pStatus),
  /** The LLM's triage answer when the LLM was asked; absent when the rules decided alone. */
  llmTriage: Schema.optional(TriageResult),
  /** The LLM conversation analysis (V3, §8.6) when asked and usable; absent otherwise (older case files too). */
  conversation: Schema.optional(ConversationAnalysis)
}).annotations({ identifier: "CaseFile" })
export type CaseFile = typeof CaseFile.Type
export type CaseFileJson = typeof CaseFile.Encoded

/** Decodes a case file, or lists each bad field with its path and value. */
export const decodeCaseFile = decodeOrExplain(CaseFile)

export const caseFileToday = (caseFile: Pick<CaseFile, "now">): CalendarDate => todayInParis(caseFile.now)
