/**
 * The humanizer's outcome as the `Decided` event records it (its `humanizer` field), readable
 * without loading the humanizer service: the projections and `docflow result` decode it from here.
 */
import { Either, Schema } from "effect"

export const HumanizerStatus = Schema.Literal("used", "rejected", "disabled", "failed")
export type HumanizerStatus = typeof HumanizerStatus.Type

export const HumanizerNote = Schema.Struct({
  /** used: the rewrite is the draft; rejected: a check refused it; disabled: off or no LLM configured; failed: the model did not answer. */
  status: HumanizerStatus,
  attempts: Schema.Int,
  /** The rewrite that was used (null otherwise). */
  html: Schema.NullOr(Schema.String),
  /** Why the last rewrite was refused (fact check or validator). */
  rejections: Schema.Array(Schema.Struct({ rule: Schema.String, detail: Schema.String })),
  failure: Schema.NullOr(Schema.String),
  modelId: Schema.NullOr(Schema.String),
  promptVersion: Schema.NullOr(Schema.String)
})
export type HumanizerNote = typeof HumanizerNote.Type

const decode = Schema.decodeUnknownEither(HumanizerNote)

/** The recorded note, or undefined when absent or not of this shape. */
export const readHumanizerNote = (recorded: unknown): HumanizerNote | undefined =>
  recorded === undefined ? undefined : Either.getOrUndefined(decode(recorded))
