/** Private notes planned by routing rules (§2.5 routing context note); wording is docflow's own. */
import { amountOf } from "../../rules/linking/records.ts"
import type { Department, PlannedNote } from "../filters/verdict.ts"
import type { TriageRuleInput } from "./input.ts"

const EXCERPT_LENGTH = 300

const recommendedActions: Record<string, string> = {
  UPSELL_OPPORTUNITY: "proposer une formation financée autrement (CPF ou autofinancement)",
  PROSPECT_UBER_20: "présenter l'offre Uber 20 €",
  PROSPECT_FORMATION: "traiter comme un nouveau prospect",
  OUT_OF_SCOPE: "répondre ou réorienter : hors formation VTC",
  DUPLICATE_OTHER_SERVICE: "traiter la demande d'autre service (l'offre Uber est déjà utilisée)",
  BUSINESS_RULES_GENERIC: "traiter selon le service"
}

export const routingNote = (classification: string, target: Department, reason: string, input: TriageRuleInput): PlannedNote => {
  const deals = input.linking.allDeals.slice(0, 3).map((deal) =>
    `${deal.Deal_Name ?? deal.id} | ${amountOf(deal)} € | ${deal.Stage ?? "-"} | ${deal.Evalbox ?? "-"}`
  )
  return {
    kind: "routing_context",
    text: [
      `[${classification}] Ticket transféré vers ${target}`,
      `Motif : ${reason}`,
      `Message du candidat : ${input.customerMessage.replace(/\s+/g, " ").slice(0, EXCERPT_LENGTH)}`,
      ...(deals.length > 0 ? ["Opportunités :", ...deals] : ["Aucune opportunité trouvée"]),
      `Action recommandée : ${recommendedActions[classification] ?? "vérifier la demande"}`
    ].join("\n")
  }
}

export const isVerifiedDuplicateTarget = (dealId: string | undefined, verified: ReadonlySet<string>): boolean =>
  dealId !== undefined && verified.has(dealId)
