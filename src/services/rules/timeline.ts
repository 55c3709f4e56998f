/** What the rules read in a deal's CRM timeline (Zoho CRM v8 `__timeline`). */
import { parseDateFlexible } from "./dates.ts"
import { isRecord, pyStr, truthy } from "./pyValues.ts"

export interface FieldChange {
  readonly field: string
  readonly oldValue: unknown
  readonly newValue: unknown
  /** ISO date of the change */
  readonly date: string | null
}

/** Field changes of the timeline's `updated` events, in timeline order. */
export const timelineFieldChanges = (timeline: unknown): ReadonlyArray<FieldChange> => {
  const events = isRecord(timeline) && Array.isArray(timeline.__timeline) ? timeline.__timeline : []
  const changes: Array<FieldChange> = []
  for (const event of events) {
    if (!isRecord(event) || !Array.isArray(event.field_history)) continue
    const date = truthy(event.audited_time) ? parseDateFlexible(event.audited_time) : null
    for (const h of event.field_history) {
      if (!isRecord(h)) continue
      const value = isRecord(h._value) ? h._value : {}
      changes.push({ field: pyStr(h.api_name), oldValue: value.old ?? null, newValue: value.new ?? null, date })
    }
  }
  return changes
}

/**
 * A CMA refusal recorded after the clôture: `Evalbox` changed to a "Refus…" value on a day
 * after the clôture. Such a refusal makes the current exam date stale.
 */
export const refusalAfterCloture = (changes: ReadonlyArray<FieldChange>, cloture: unknown): boolean => {
  const clotureDate = parseDateFlexible(cloture)
  if (clotureDate === null) return false
  return changes.some(
    (c) => c.field === "Evalbox" && pyStr(c.newValue).includes("Refus") && c.date !== null && c.date > clotureDate
  )
}
