/** Deal linking (DOMAIN.md §3): the public API; the other files of this folder are its details. */
export { linkDeal, type LinkingInput, type LinkingOutcome, type LinkingTicket, type ClarificationReason } from "./linkDeal.ts"
export { initialSearchPlan, followUpSearchPlan, type CrmSearchPlan } from "./searchPlan.ts"
export { dealIdFromOpportunite, opportuniteUrl } from "./dealRef.ts"
export { recommendDepartment, type RecommendedDepartment } from "./department.ts"
export { detectDuplicates, duplicateTypeOf, type DuplicateFindings, type DuplicateType } from "./duplicates.ts"
export {
  Markers, pendingClarification, duplicatePendingNote, resolveDuplicateClarification, resolveIdentityClarification,
  isVerifiedDuplicate, type PendingClarification, type ClarificationResolution
} from "./clarification.ts"
export { selectDeal, type DealSelection, type SelectionPriority } from "./selection.ts"
