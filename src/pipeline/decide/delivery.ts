/**
 * A reply becomes a draft only when the validator found no error; otherwise the ticket stops for a
 * human with the reasons in a private note (a deliberate deviation: the original drafted anyway).
 */
import type { DecisionAction } from "../../schemas/decision.ts"
import type { Reply } from "../../services/render/index.ts"
import { actions, type DecideContext } from "./context.ts"

export interface Delivery {
  readonly drafted: boolean
  readonly actions: ReadonlyArray<DecisionAction>
}

export const deliverReply = (ctx: DecideContext, reply: Reply, to: string | undefined): Delivery => {
  if (reply.validation.ok) return { drafted: true, actions: [actions.draft(ctx, reply.html, to), actions.markDraft(ctx)] }
  const reasons = reply.validation.errors.map((e) => `- ${e.code} : ${e.message}`).join("\n")
  return {
    drafted: false,
    actions: [actions.privateComment(ctx, "reply_rejected",
      `docflow : réponse non proposée, le validateur l'a refusée (${reply.template}).\n${reasons}\nÀ traiter manuellement.`)]
  }
}
