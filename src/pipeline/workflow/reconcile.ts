/**
 * Reconcile: an action requested by an earlier run whose outcome was never recorded (a crash, or
 * a write whose answer was lost) is looked for in Zoho before anything is decided. Creations carry
 * their key (comments, notes) or are matched by content hash (drafts); updates and moves are safe
 * to repeat, so they are simply performed again when the plan still holds them.
 */
import { Effect, Either, Schema } from "effect"
import type { CaseFile } from "../../schemas/caseFile.ts"
import { DecisionAction } from "../../schemas/decision.ts"
import { CrmClient, type ZohoError } from "../../services/zoho/index.ts"
import type { ActionOutcome } from "./act.ts"
import type { TicketHistory, UnconfirmedAction } from "./history.ts"
import { contentHash, hasMarker, markersIn } from "./markers.ts"

export interface Reconciled {
  readonly key: string
  readonly kind: UnconfirmedAction["kind"]
  readonly outcome: ActionOutcome
}

const decodeAction = Schema.decodeUnknownEither(DecisionAction)

/** Ids of the drafts on the ticket that docflow wrote (its marker, or the hash of a draft it asked for). */
export const docflowDraftIds = (caseFile: CaseFile, history: TicketHistory): ReadonlyArray<string> =>
  caseFile.drafts
    .filter((d) => markersIn(d.content).length > 0 || history.draftHashes.has(contentHash(d.content ?? "")))
    .map((d) => d.id)

const findOne = (
  caseFile: CaseFile,
  pending: UnconfirmedAction
): Effect.Effect<ActionOutcome | undefined, ZohoError, CrmClient> => {
  const decoded = decodeAction(pending.action)
  if (Either.isLeft(decoded)) return Effect.succeed(undefined)
  const action = decoded.right
  switch (action._tag) {
    case "CreateDraft": {
      const hash = contentHash(action.payload.content)
      const draft = caseFile.drafts.find((d) => hasMarker(d.content, action.idempotencyKey) || contentHash(d.content ?? "") === hash)
      return Effect.succeed(draft === undefined ? undefined : { threadId: draft.id })
    }
    case "AddTicketComment": {
      const comment = caseFile.comments.find((c) => hasMarker(c.content, action.idempotencyKey))
      return Effect.succeed(comment === undefined ? undefined : { commentId: comment.id })
    }
    case "AddDealNote":
      return Effect.map(
        Effect.flatMap(CrmClient, (crm) => crm.dealNotes(action.target)),
        (notes) => {
          const note = notes.find((n) => hasMarker(n.Note_Content, action.idempotencyKey))
          return note === undefined ? undefined : { noteId: note.id }
        }
      )
    default:
      return Effect.succeed(undefined)
  }
}

/** The unconfirmed actions found done in Zoho. The rest will be performed again if still planned. */
export const reconcile = (
  caseFile: CaseFile,
  history: TicketHistory
): Effect.Effect<ReadonlyArray<Reconciled>, ZohoError, CrmClient> =>
  Effect.map(
    Effect.forEach(history.unconfirmed, (pending) =>
      Effect.map(findOne(caseFile, pending), (outcome) =>
        outcome === undefined ? [] : [{ key: pending.key, kind: pending.kind, outcome }]
      )
    ),
    (found) => found.flat()
  )
