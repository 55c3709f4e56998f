import { Either, ParseResult, Schema } from "effect"

/** The value of a record of the tickets topic (its key is the ticket id too). */
export const TicketRecord = Schema.Struct({
  ticketId: Schema.NonEmptyString,
  enqueuedAt: Schema.String
})
export type TicketRecord = typeof TicketRecord.Type

/** The value of a record of the dead-letter topic. */
export const DeadLetterRecord = Schema.Struct({
  ticketId: Schema.NonEmptyString,
  reason: Schema.String,
  message: Schema.String,
  at: Schema.String
})
export type DeadLetterRecord = typeof DeadLetterRecord.Type

const decodeTicketJson = Schema.decodeUnknownEither(Schema.parseJson(TicketRecord))

/**
 * The ticket id of a tickets record: the value must decode, and a key, when there is one, must
 * agree with it. Left: what is wrong, naming the path and the offending value.
 */
export const readTicketRecord = (key: string | null, value: string | null): Either.Either<string, string> => {
  const decoded = decodeTicketJson(value ?? "")
  if (Either.isLeft(decoded)) return Either.left(ParseResult.TreeFormatter.formatErrorSync(decoded.left))
  const { ticketId } = decoded.right
  if (key !== null && key !== ticketId) return Either.left(`key "${key}" does not match ticketId "${ticketId}"`)
  return Either.right(ticketId)
}

export const encodeTicketRecord = (record: TicketRecord): string => JSON.stringify(Schema.encodeSync(TicketRecord)(record))
export const encodeDeadLetterRecord = (record: DeadLetterRecord): string => JSON.stringify(Schema.encodeSync(DeadLetterRecord)(record))
