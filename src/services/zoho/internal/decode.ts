import { Effect, Either, type Schema } from "effect"
import { decodeOrExplain, formatProblems } from "../../../schemas/decodeError.ts"
import { ZohoError } from "../ZohoError.ts"
import type { ZohoRequest } from "../ZohoHttp.ts"

/** Decodes a response body; the error names each offending path and the value found there. */
export const decodeBody =
  <A, I>(schema: Schema.Schema<A, I, never>, request: Pick<ZohoRequest, "api" | "operation">) =>
  (body: unknown): Effect.Effect<A, ZohoError> =>
    Either.match(decodeOrExplain(schema)(body), {
      onRight: Effect.succeed,
      onLeft: (problems) =>
        Effect.fail(
          new ZohoError({
            api: request.api,
            operation: request.operation,
            reason: "Decode",
            code: "SCHEMA_MISMATCH",
            detail: formatProblems(problems).slice(0, 5).join("; ")
          })
        )
    })
