import { Schema } from "effect"
import { JsonNumber, optionalNullable, ZohoCount, ZohoEnumString, ZohoId, ZohoTimestamp } from "./zohoPrimitives.ts"

/**
 * Zoho Desk records as docflow reads them (spec/ZOHO_API.md §A2, zoho-oas/desk Ticket, Thread,
 * TicketComment, Department). Structs ignore fields they do not declare, so new or unused Zoho
 * fields never break decoding; fields Zoho may omit are optional, fields it may null are nullable.
 */

/** A person on a thread or comment (`author`, `commenter`). */
export const DeskActor = Schema.Struct({
  id: optionalNullable(ZohoId),
  name: optionalNullable(Schema.String),
  firstName: optionalNullable(Schema.String),
  lastName: optionalNullable(Schema.String),
  email: optionalNullable(Schema.String),
  /** END_USER, AGENT, TEAM… */
  type: optionalNullable(ZohoEnumString),
  roleName: optionalNullable(Schema.String)
}).annotations({ identifier: "DeskActor" })
export type DeskActor = typeof DeskActor.Type

export const DeskAttachment = Schema.Struct({
  id: optionalNullable(ZohoId),
  name: optionalNullable(Schema.String),
  fileName: optionalNullable(Schema.String),
  size: optionalNullable(ZohoCount),
  fileSize: optionalNullable(ZohoCount),
  href: optionalNullable(Schema.String)
}).annotations({ identifier: "DeskAttachment" })
export type DeskAttachment = typeof DeskAttachment.Type

/** `source` of a ticket or thread; `type` INSTANT_MESSAGE marks a SalesIQ chat ticket. */
export const DeskSource = Schema.Struct({
  type: optionalNullable(ZohoEnumString),
  appName: optionalNullable(Schema.String),
  extId: optionalNullable(Schema.String),
  permalink: optionalNullable(Schema.String)
}).annotations({ identifier: "DeskSource" })

/** Ticket custom fields (`cf_opportunite`, `cf_brouillon_auto`, …) exactly as sent. */
export const DeskCustomFields = Schema.Record({
  key: Schema.String,
  value: Schema.NullOr(Schema.Union(Schema.String, JsonNumber, Schema.Boolean))
}).annotations({ identifier: "DeskCustomFields" })
export type DeskCustomFields = typeof DeskCustomFields.Type

export const DeskDepartmentRef = Schema.Struct({
  id: ZohoId,
  name: optionalNullable(Schema.String)
})

export const DeskTicketContact = Schema.Struct({
  id: optionalNullable(ZohoId),
  firstName: optionalNullable(Schema.String),
  lastName: optionalNullable(Schema.String),
  email: optionalNullable(Schema.String),
  phone: optionalNullable(Schema.String),
  mobile: optionalNullable(Schema.String)
})

export const DeskLastThread = Schema.Struct({
  channel: optionalNullable(Schema.String),
  isDraft: optionalNullable(Schema.Boolean),
  isForward: optionalNullable(Schema.Boolean),
  direction: optionalNullable(Schema.Literal("in", "out"))
})

export const DeskTicket = Schema.Struct({
  id: ZohoId,
  ticketNumber: optionalNullable(ZohoId),
  subject: optionalNullable(Schema.String),
  /** Open, Closed, or a custom status name. */
  status: Schema.String,
  /** Open, On Hold, Closed. */
  statusType: optionalNullable(Schema.String),
  departmentId: ZohoId,
  contactId: optionalNullable(ZohoId),
  email: optionalNullable(Schema.String),
  phone: optionalNullable(Schema.String),
  channel: optionalNullable(Schema.String),
  priority: optionalNullable(Schema.String),
  assigneeId: optionalNullable(ZohoId),
  createdTime: ZohoTimestamp,
  modifiedTime: optionalNullable(ZohoTimestamp),
  customerResponseTime: optionalNullable(ZohoTimestamp),
  closedTime: optionalNullable(ZohoTimestamp),
  threadCount: optionalNullable(ZohoCount),
  commentCount: optionalNullable(ZohoCount),
  description: optionalNullable(Schema.String),
  webUrl: optionalNullable(Schema.String),
  isSpam: optionalNullable(Schema.Boolean),
  layoutId: optionalNullable(ZohoId),
  cf: optionalNullable(DeskCustomFields),
  source: optionalNullable(DeskSource),
  lastThread: optionalNullable(DeskLastThread),
  department: optionalNullable(DeskDepartmentRef),
  contact: optionalNullable(DeskTicketContact)
}).annotations({ identifier: "DeskTicket" })
export type DeskTicket = typeof DeskTicket.Type

export const ThreadDirection = Schema.Literal("in", "out")
export const ThreadStatus = Schema.Literal("SUCCESS", "PENDING", "FAILED", "DRAFT")
export const ThreadVisibility = Schema.Literal("public", "private")

const threadSummaryFields = {
  id: ZohoId,
  channel: optionalNullable(Schema.String),
  direction: ThreadDirection,
  /** `DRAFT` marks an unsent reply draft. */
  status: optionalNullable(ThreadStatus),
  visibility: optionalNullable(ThreadVisibility),
  contentType: optionalNullable(Schema.String),
  summary: optionalNullable(Schema.String),
  fromEmailAddress: optionalNullable(Schema.String),
  to: optionalNullable(Schema.String),
  cc: optionalNullable(Schema.String),
  bcc: optionalNullable(Schema.String),
  replyTo: optionalNullable(Schema.String),
  createdTime: ZohoTimestamp,
  author: optionalNullable(DeskActor),
  isDescriptionThread: optionalNullable(Schema.Boolean),
  isForward: optionalNullable(Schema.Boolean),
  hasAttach: optionalNullable(Schema.Boolean),
  attachmentCount: optionalNullable(ZohoCount),
  isContentTruncated: optionalNullable(Schema.Boolean),
  fullContentURL: optionalNullable(Schema.String)
}

/** One row of `GET /tickets/{id}/threads` (no body). */
export const DeskThreadSummary = Schema.Struct(threadSummaryFields).annotations({ identifier: "DeskThreadSummary" })
export type DeskThreadSummary = typeof DeskThreadSummary.Type

/** `GET /tickets/{id}/threads/{threadId}?include=plainText`: the summary plus the body and attachments. */
export const DeskThread = Schema.Struct({
  ...threadSummaryFields,
  /** HTML body. */
  content: optionalNullable(Schema.String),
  plainText: optionalNullable(Schema.String),
  attachments: optionalNullable(Schema.Array(DeskAttachment))
}).annotations({ identifier: "DeskThread" })
export type DeskThread = typeof DeskThread.Type

/** A ticket comment; private notes have `isPublic: false`. */
export const DeskComment = Schema.Struct({
  id: ZohoId,
  content: optionalNullable(Schema.String),
  contentType: optionalNullable(Schema.String),
  isPublic: Schema.Boolean,
  commentedTime: ZohoTimestamp,
  modifiedTime: optionalNullable(ZohoTimestamp),
  commenterId: optionalNullable(ZohoId),
  commenter: optionalNullable(DeskActor),
  attachments: optionalNullable(Schema.Array(DeskAttachment))
}).annotations({ identifier: "DeskComment" })
export type DeskComment = typeof DeskComment.Type

export const DeskDepartment = Schema.Struct({
  id: ZohoId,
  name: Schema.String,
  isEnabled: optionalNullable(Schema.Boolean),
  description: optionalNullable(Schema.String)
}).annotations({ identifier: "DeskDepartment" })
export type DeskDepartment = typeof DeskDepartment.Type

/** Desk list envelope `{ data: [...] }`. An HTTP 204 (empty list) is read as `{ data: [] }` by the client. */
export const DeskPage = <A, I, R>(item: Schema.Schema<A, I, R>) => Schema.Struct({ data: Schema.Array(item) })

export const DeskTicketPage = DeskPage(DeskTicket)
export const DeskThreadSummaryPage = DeskPage(DeskThreadSummary)
export const DeskCommentPage = DeskPage(DeskComment)
export const DeskDepartmentPage = DeskPage(DeskDepartment)

/** Body of `POST /tickets/{id}/draftReply` (schema `emailThreadSendReply`). */
export const DeskDraftReplyRequest = Schema.Struct({
  channel: Schema.Literal("EMAIL"),
  content: Schema.String,
  contentType: Schema.Literal("html", "plainText"),
  fromEmailAddress: Schema.String,
  to: Schema.optional(Schema.String),
  isForward: Schema.optional(Schema.Boolean)
}).annotations({ identifier: "DeskDraftReplyRequest" })
export type DeskDraftReplyRequest = typeof DeskDraftReplyRequest.Type

/** Body of `POST /tickets/{id}/comments`. */
export const DeskCommentRequest = Schema.Struct({
  content: Schema.String,
  isPublic: Schema.Boolean,
  contentType: Schema.optional(Schema.Literal("html", "plainText"))
}).annotations({ identifier: "DeskCommentRequest" })
export type DeskCommentRequest = typeof DeskCommentRequest.Type

/** Body of `PATCH /tickets/{id}`: only the fields to change; custom fields nested under `cf`. */
export const DeskTicketUpdate = Schema.Struct({
  status: Schema.optional(Schema.String),
  priority: Schema.optional(Schema.String),
  assigneeId: Schema.optional(Schema.String),
  cf: Schema.optional(DeskCustomFields)
}).annotations({ identifier: "DeskTicketUpdate" })
export type DeskTicketUpdate = typeof DeskTicketUpdate.Type
