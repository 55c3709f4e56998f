/** Public entry of the pure decision step. */
export { decide } from "./decide.ts"
export { DOCFLOW_DRAFT_MARKER, type DecideOptions } from "./context.ts"
export { READ_ONLY_DEAL_FIELDS, WRITABLE_DEAL_FIELDS, b1Blocks } from "./crmGuards.ts"
