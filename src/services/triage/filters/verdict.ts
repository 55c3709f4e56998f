/** What a deterministic triage rule decides. */
import type { Intent } from "../classifier/intents.ts"

export type TriageAction =
  | "GO" | "ROUTE" | "SPAM" | "BOUNCE" | "CMA_NOTIFICATION" | "CMA_OTHER" | "NOREPLY_NOTIFICATION"
  | "DUPLICATE_UBER" | "DUPLICATE_CLARIFICATION" | "DUPLICATE_RECOVERABLE" | "NEEDS_CLARIFICATION"

export type Department = "DOC" | "Contact" | "Refus CMA" | "Comptabilité" | "DOCS CAB"

export type CmaNotificationType = "DOSSIER_INCOMPLET" | "DOSSIER_VALIDE"

/** Private note a rule asks for; wording is ours, the kind says why. */
export interface PlannedNote {
  readonly kind: string
  readonly text: string
}

export interface RuleVerdict {
  readonly action: TriageAction
  readonly targetDepartment: Department | null
  /** Method name of §2.1 (`bounce_filter`, `non_uber_prospect_routing`, …). */
  readonly method: string
  readonly reason: string
  readonly primaryIntent?: Intent
  readonly confidence?: number
  readonly cmaType?: CmaNotificationType
  readonly notes?: ReadonlyArray<PlannedNote>
}
