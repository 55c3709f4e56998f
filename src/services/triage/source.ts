/**
 * Which classification the rules consume: the LLM result recorded in the case file when present
 * and valid, else the offline classifier. `method` records the choice.
 */
import { Either, ParseResult, Schema } from "effect"
import type { OfflineClassification } from "./classifier/classify.ts"
import { CONFIDENCE_THRESHOLD } from "./classifier/classify.ts"
import { TriageContract } from "./contract.ts"

export type ClassificationMethod = "ai" | "offline_rules"

export interface ChosenClassification {
  readonly contract: TriageContract
  readonly method: ClassificationMethod
  readonly needsHuman: boolean
  /** Why a recorded LLM result was not used (decoding error naming the path and the value). */
  readonly llmRejected: string | undefined
}

const knownActions = new Set(["GO", "ROUTE", "SPAM"])

/** §2.4 normalisation: an unknown action becomes GO before decoding. */
const normalizeAction = (raw: unknown): unknown => {
  if (typeof raw !== "object" || raw === null || !("action" in raw)) return raw
  const action = (raw as { readonly action: unknown }).action
  return typeof action === "string" && knownActions.has(action.toUpperCase())
    ? { ...raw, action: action.toUpperCase() }
    : { ...raw, action: "GO" }
}

export const decodeLlmTriage = (raw: unknown): Either.Either<TriageContract, string> =>
  Schema.decodeUnknownEither(TriageContract, { errors: "all" })(normalizeAction(raw)).pipe(
    Either.mapLeft((error) => ParseResult.TreeFormatter.formatErrorSync(error))
  )

export const chooseClassification = (llmTriage: unknown, offline: OfflineClassification): ChosenClassification => {
  if (llmTriage === undefined || llmTriage === null) {
    return { contract: offline.contract, method: "offline_rules", needsHuman: offline.needsHuman, llmRejected: undefined }
  }
  return Either.match(decodeLlmTriage(llmTriage), {
    onLeft: (reason) => ({ contract: offline.contract, method: "offline_rules" as const, needsHuman: offline.needsHuman, llmRejected: reason }),
    onRight: (contract) => ({
      contract,
      method: "ai" as const,
      needsHuman: contract.confidence < CONFIDENCE_THRESHOLD || contract.primary_intent === null,
      llmRejected: undefined
    })
  })
}
