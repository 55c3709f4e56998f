/**
 * Cancellation insistence (§1.2 rows 1.k and 2.c): the candidate asks again to cancel after being
 * told the offer is non-refundable, without accepting it → a person takes over (priority High,
 * escalation agent, private note). The same-ticket branch never fired in the original (D1).
 */
import type { DecisionAction } from "../../schemas/decision.ts"
import type { MetaRecord } from "../../services/rules/states/memory.ts"
import { actions, type DecideContext } from "./context.ts"

/** Phrases of our earlier cancellation answer (non-refundable offer). */
const ANNULATION_MARKERS = ["non remboursable", "non-remboursable", "plus de 700"]
/** Words by which the candidate accepts that answer. */
const ACCEPTANCE_WORDS = [
  "d'accord", "d’accord", "je comprends", "j'accepte", "j’accepte", "je garde", "je conserve", "je maintiens", "je reste",
  "tant pis", "je renonce à l'annulation", "ok merci", "c'est noté", "bien noté", "entendu"
]
const CMA_PAID_WORDS = ["241", "frais cma"]

export const DEFAULT_ESCALATION_AGENT_ID = "198709000096599317"

const lower = (s: string | null | undefined) => (s ?? "").toLowerCase()

export interface Escalation {
  readonly cmaPaid: boolean
  readonly crossTicket: boolean
}

export const cancellationInsistence = (
  ctx: DecideContext, intents: ReadonlyArray<string>, lastInbound: string, lastMeta: MetaRecord | null
): Escalation | null => {
  if (!intents.includes("DEMANDE_ANNULATION")) return null
  const message = lower(lastInbound)
  if (ACCEPTANCE_WORDS.some((w) => message.includes(w))) return null
  const earlier = ctx.caseFile.threads
    .filter((t) => t.direction === "out" && t.status !== "DRAFT")
    .map((t) => lower(t.plainText ?? t.content))
    .filter((text) => ANNULATION_MARKERS.some((m) => text.includes(m)))
  if (earlier.length > 0) return { cmaPaid: earlier.some((t) => CMA_PAID_WORDS.some((w) => t.includes(w))), crossTicket: false }
  if (lastMeta?.intent === "DEMANDE_ANNULATION") {
    return { cmaPaid: (lastMeta.sections ?? "").split(",").includes("paiement"), crossTicket: true }
  }
  return null
}

export const escalationActions = (ctx: DecideContext, escalation: Escalation): ReadonlyArray<DecisionAction> => [
  actions.ticketFields(ctx, "escalation", { priority: "High", assigneeId: ctx.options.escalationAgentId ?? DEFAULT_ESCALATION_AGENT_ID }),
  actions.privateComment(ctx, "escalation", [
    `Escalade : le candidat maintient sa demande d'annulation${escalation.crossTicket ? " (déjà demandée dans un ticket précédent)" : ""} sans accepter notre réponse.`,
    escalation.cmaPaid
      ? "Les frais CMA sont déjà payés : lui indiquer de demander le remboursement à la CMA en urgence."
      : "Reprendre l'échange personnellement ; aucune réponse automatique n'a été préparée."
  ].join("\n"))
]
