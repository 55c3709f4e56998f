import { ParseResult, Schema } from "effect"

/**
 * Building blocks shared by the Desk and CRM record schemas.
 *
 * Zoho's OpenAPI files type ids and counters as "string or integer" and a few enum-like fields
 * (`author.type`, `source.type`) as "string", while their own examples send arrays. Decoding
 * normalises those to one representation; everything else is kept as received.
 */

/**
 * Zoho record id. Real responses send strings; a numeric id (allowed by the OAS) is turned into its
 * decimal string. Ids are 19 digits: above 2^53 a JSON number has already lost precision, so only
 * string ids are reliable.
 */
export const ZohoId = Schema.Union(
  Schema.String,
  Schema.transform(Schema.Int, Schema.String, {
    strict: true,
    decode: (n) => String(n),
    encode: (s) => Number(s)
  })
).annotations({ identifier: "ZohoId" })
export type ZohoId = typeof ZohoId.Type

/** A number that JSON can carry (no NaN or Infinity): every number Zoho sends. */
export const JsonNumber = Schema.Number.pipe(Schema.finite()).annotations({ identifier: "JsonNumber" })

/** A counter Desk sends either as a number or as a numeric string ("7"). Decoded to a number. */
export const ZohoCount = Schema.Union(JsonNumber, Schema.NumberFromString.pipe(Schema.finite())).annotations({
  identifier: "ZohoCount"
})

/** An enum-like value Zoho sends as `"AGENT"` or, in some payloads, `["AGENT"]`. Decoded to the string. */
export const ZohoEnumString = Schema.Union(
  Schema.String,
  Schema.transform(Schema.NonEmptyArray(Schema.String), Schema.String, {
    strict: true,
    decode: (values) => values[0],
    encode: (value) => [value] as const
  })
).annotations({ identifier: "ZohoEnumString" })

/**
 * Timestamps are kept as Zoho sends them: ISO 8601 text (Desk uses `Z`, CRM a `+01:00` offset).
 * Zoho's own Desk examples also show epoch milliseconds; those are turned into ISO text (UTC).
 */
export const ZohoTimestamp = Schema.Union(
  Schema.String,
  Schema.transformOrFail(Schema.Int, Schema.String, {
    strict: true,
    decode: (ms, _, ast) => {
      const date = new Date(ms)
      return Number.isNaN(date.getTime())
        ? ParseResult.fail(new ParseResult.Type(ast, ms, "epoch milliseconds out of range"))
        : ParseResult.succeed(date.toISOString())
    },
    encode: (text, _, ast) => {
      const ms = Date.parse(text)
      return Number.isNaN(ms) ? ParseResult.fail(new ParseResult.Type(ast, text, "not a timestamp")) : ParseResult.succeed(ms)
    }
  })
).annotations({ identifier: "ZohoTimestamp" })

/** Shorthand for a field Zoho may omit or send as null. */
export const optionalNullable = <S extends Schema.Schema.All>(schema: S) => Schema.optional(Schema.NullOr(schema))
