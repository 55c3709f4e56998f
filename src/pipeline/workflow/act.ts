/**
 * Act: one planned action against Zoho. The key is already embedded in what the action creates
 * (`withMarker`); the outcome is what Zoho answered (ids), never a secret.
 */
import { Effect } from "effect"
import type { DecisionAction } from "../../schemas/decision.ts"
import { EXAMT3P_PASSWORD_MARKER } from "../../schemas/redaction.ts"
import { CrmClient, DeskClient, ZohoError } from "../../services/zoho/index.ts"

export type ActionOutcome = { readonly [key: string]: string | number | boolean | null }

/**
 * Fields whose value is the password marker: the clear value is not available when acting (the
 * ExamT3P port never hands it out), so they are left out of the update and named in the outcome
 * rather than failing the ticket on every retry.
 */
const markerFields = (payload: Readonly<Record<string, unknown>>): ReadonlyArray<string> =>
  Object.entries(payload).flatMap(([field, v]) => (v === EXAMT3P_PASSWORD_MARKER ? [field] : []))

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
        const unresolved = markerFields(action.payload)
        const fields = Object.fromEntries(Object.entries(action.payload).filter(([field]) => !unresolved.includes(field)))
        const skipped: ActionOutcome = unresolved.length === 0 ? {} : { skippedSecretFields: unresolved.join(",") }
        if (Object.keys(fields).length === 0) return { code: "NOTHING_TO_WRITE", ...skipped }
        const result = yield* crm.updateDeal(action.target, fields)
        return { code: result.code, ...skipped }
      }
      case "AddDealNote": {
        const noteId = yield* crm.createDealNote(action.target, action.payload.Note_Title, action.payload.Note_Content)
        return { noteId }
      }
    }
  })
