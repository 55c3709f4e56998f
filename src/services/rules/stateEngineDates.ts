/**
 * Date flags as the state engine computes them (`StateDetector._build_context`), which the
 * detector case and rule B1 in the state context read.
 */
import { BLOCKING_MODIFICATION } from "./constants.ts"
import { isDateInPast, type IsoDate } from "./dates.ts"

export const stateEngineCloturePassed = (cloture: unknown, today: IsoDate): boolean => isDateInPast(cloture, today)

/** Rule B1 in the state context: validated dossier and clôture passed → no date change. */
export const stateEngineCanModify = (evalbox: unknown, cloture: unknown, today: IsoDate): boolean =>
  !(typeof evalbox === "string" && BLOCKING_MODIFICATION.has(evalbox) && stateEngineCloturePassed(cloture, today))
