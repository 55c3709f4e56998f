import { Schema } from "effect"

/**
 * Time as the case file carries it. `now` is an instant; "today" for every business rule is the
 * calendar date of `now` in Europe/Paris, computed from the instant alone so it never depends on
 * the time zone of the machine running docflow.
 */

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/** An ISO 8601 instant with an explicit offset (`2026-03-10T08:30:00.000Z`, `…+01:00`). */
export const IsoInstant = Schema.String.pipe(
  Schema.filter((text) => ISO_INSTANT.test(text) && !Number.isNaN(Date.parse(text)), {
    message: () => "expected an ISO 8601 instant with a Z or ±hh:mm offset"
  })
).annotations({
  identifier: "IsoInstant",
  arbitrary: () => (fc) =>
    fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) }).map((ms) => new Date(ms).toISOString())
})
export type IsoInstant = typeof IsoInstant.Type

/** A calendar date `YYYY-MM-DD`. */
export const CalendarDate = Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/)).annotations({
  identifier: "CalendarDate"
})
export type CalendarDate = typeof CalendarDate.Type

const parisDateFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit"
})

/** The calendar date in Europe/Paris at the instant `now` (`2026-03-28T23:30:00Z` → `2026-03-29`). */
export const todayInParis = (now: IsoInstant | Date): CalendarDate => {
  const instant = typeof now === "string" ? new Date(now) : now
  const parts = parisDateFormat.formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ""
  return `${part("year")}-${part("month")}-${part("day")}`
}
