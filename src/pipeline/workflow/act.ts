/**
 * Act: one planned action against Zoho. The key is already embedded in what the action creates
 * (`withMarker`); the outcome is what Zoho answered (ids), never a secret.
 */
import { Effect } from "effect"
import type { DecisionAction } from "../../schemas/decision.ts"
import { EXAMT3P_PASSWORD_MARKER } from "../../schemas/redaction.ts"
import { CrmClient, DeskClient, ZohoError } from "../../services/zoho/index.ts"

export type ActionOutcome = { readonly [key: string]: string | number | boolean | null }

const hasPasswordMarker = (payload: Readonly<Record<string, unknown>>): boolean =>
  Object.values(payload).some((v) => v === EXAMT3P_PASSWORD_MARKER)

export const perform = (action: DecisionAction): Effect.Effect<ActionOutcome, ZohoError, DeskClient | CrmClient> =>
  Effect.gen(function* (): Effect.fn.Return<ActionOutcome, ZohoError, DeskClient | CrmClient> {
    const desk = yield* DeskClient
    const crm = yield* CrmClient
    switch (action._tag) {
      case "CreateDraft": {
        const draft = yield* desk.createDraftReply(action.target, action.payload)
        return { threadId: draft.id }
      }
      case "AddTicketComment": {
        const comment = yield* desk.addPrivateComment(action.target, action.payload.content, action.payload.contentType ?? "plainText")
        return { commentId: comment.id }
      }
      case "UpdateTicketFields": {
        yield* desk.updateTicket(action.target, action.payload)
        return { fields: Object.keys(action.payload).join(",") }
      }
      case "MoveTicket": {
        const departments = yield* desk.listDepartments
        const wanted = action.payload.departmentName.toLowerCase()
        const department = departments.find((d) => d.name.toLowerCase() === wanted)
        if (department === undefined) {
          return yield* new ZohoError({
            reason: "NotFound", api: "desk", operation: "desk.moveTicket", detail: `no department named ${action.payload.departmentName}`
          })
        }
        yield* desk.moveTicket(action.target, department.id)
        return { departmentId: department.id }
      }
      case "UpdateDeal": {
        if (hasPasswordMarker(action.payload)) {
          return yield* new ZohoError({
            reason: "Invalid", api: "crm", operation: "crm.updateDeal",
            detail: "the update still holds the ExamT3P password marker; docflow does not resolve secrets when acting yet"
          })
        }
        const result = yield* crm.updateDeal(action.target, action.payload)
        return { code: result.code }
      }
      case "AddDealNote": {
        const noteId = yield* crm.createDealNote(action.target, action.payload.Note_Title, action.payload.Note_Content)
        return { noteId }
      }
    }
  })
