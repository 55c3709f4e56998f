import { Schema } from "effect"

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const IsoDate = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}$/),
  Schema.filter((s) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number]
    const probe = new Date(Date.UTC(y, m - 1, d))
    return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d
  }, { message: (issue) => `not a calendar date: ${JSON.stringify(issue.actual)}` }),
  Schema.annotations({ identifier: "IsoDate" })
)

/** An optional date: "" means "not set" (templates guard it with `{{#if}}`). */
export const MaybeDate = Schema.Union(Schema.Literal(""), IsoDate)

/** A boolean template flag, false unless the decision sets it. */
export const flag = Schema.optionalWith(Schema.Boolean, { default: () => false })

/** A text variable, empty unless set. */
export const text = Schema.optionalWith(Schema.String, { default: () => "" })

/** A text variable with a fixed default (links, addresses). */
export const textOr = (value: string) => Schema.optionalWith(Schema.String, { default: () => value })

/** A date variable, "" unless set. */
export const date = Schema.optionalWith(MaybeDate, { default: () => "" as const })

/** A list variable, empty unless set. */
export const list = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.optionalWith(Schema.Array(item), { default: () => [] })
