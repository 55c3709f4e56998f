/**
 * Deliberate differences from the original, each documented in docs/DEVIATIONS.md. A deviation
 * excuses a disagreement only on its file and key AND when its selector holds for the case.
 */
import { BLOCKING_MODIFICATION } from "../services/rules/constants.ts"
import { isDateInPast } from "../services/rules/dates.ts"
import type { FileKind, OracleLine } from "./format.ts"

export interface Deviation {
  readonly id: string
  readonly file: FileKind
  /** compared key, as the runner names it */
  readonly key: string
  readonly summary: string
  readonly selector: (line: OracleLine) => boolean
}

export const DEVIATIONS: ReadonlyArray<Deviation> = [
  {
    id: "DEV-1",
    file: "can_modify",
    key: "crm_update_agent_can_modify_plain_lookup",
    summary: "the CRM-update guard applies rule B1 with the exam record's clôture (the original's never blocks, D6)",
    selector: (line) =>
      typeof line.evalbox === "string" && BLOCKING_MODIFICATION.has(line.evalbox) && typeof line.today === "string" &&
      isDateInPast(line.date_cloture, line.today)
  }
]
