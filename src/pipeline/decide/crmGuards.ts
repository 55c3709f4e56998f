/**
 * Last line of defence on planned CRM updates (§10.4): only fields the bot may write, and never
 * `Date_examen_VTC` (nor the session) of a validated dossier whose clôture is past (rule B1).
 */
import type { CrmWriteValue } from "../../schemas/crm.ts"
import type { DecisionAction } from "../../schemas/decision.ts"
import { canModifyExamDate } from "../../services/rules/engagement.ts"

/** Deal fields docflow may write; everything else (Stage, Amount, Uber funnel dates…) is read-only. */
export const WRITABLE_DEAL_FIELDS: ReadonlySet<string> = new Set([
  "Evalbox", "IDENTIFIANT_EVALBOX", "MDP_EVALBOX", "CMA_de_depot", "NUM_DOSSIER_EVALBOX", "Resultat",
  "Date_examen_VTC", "Session", "Preference_horaire", "EXAM_INCLUS"
])

export const READ_ONLY_DEAL_FIELDS: ReadonlySet<string> = new Set(["Date_test_selection", "Date_Dossier_re_u", "Amount", "Stage"])

export interface B1Facts {
  readonly evalbox: unknown
  /** clôture of the deal's exam record as read from the CRM (before any planned change) */
  readonly cloture: unknown
  readonly today: string
}

export const b1Blocks = (facts: B1Facts): boolean => !canModifyExamDate(facts.evalbox, facts.cloture, facts.today).canModify

export interface GuardedActions {
  readonly actions: ReadonlyArray<DecisionAction>
  readonly dropped: ReadonlyArray<{ readonly field: string; readonly reason: string }>
}

/** Removes forbidden fields from every `UpdateDeal` of `dealId`; an update left empty disappears. */
export const guardDealUpdates = (planned: ReadonlyArray<DecisionAction>, dealId: string, b1: B1Facts): GuardedActions => {
  const dropped: Array<{ field: string; reason: string }> = []
  const blocked = b1Blocks(b1)
  const out: Array<DecisionAction> = []
  for (const action of planned) {
    if (action._tag !== "UpdateDeal" || action.target !== dealId) {
      out.push(action)
      continue
    }
    const payload: Record<string, CrmWriteValue> = {}
    for (const [field, value] of Object.entries(action.payload)) {
      if (!WRITABLE_DEAL_FIELDS.has(field)) dropped.push({ field, reason: "champ en lecture seule pour docflow" })
      else if (blocked && field === "Date_examen_VTC") dropped.push({ field, reason: "règle B1 : dossier validé et clôture passée" })
      else payload[field] = value
    }
    if (Object.keys(payload).length > 0) out.push({ ...action, payload })
  }
  return { actions: out, dropped }
}
