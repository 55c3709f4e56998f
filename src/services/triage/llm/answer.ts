import { Schema } from "effect"
import { Intent, INTENTS, INTENTS_NOT_IN_PROMPT } from "../../../schemas/intents.ts"
import { LlmTriageAction, TriageResult } from "../../../schemas/triage.ts"

/**
 * What the model must answer: the triage contract (§2.7) restricted to what an LLM may decide.
 * `action` is GO/ROUTE/SPAM only, `method` is ours to set, and intents are limited to the ones
 * the prompt offers ("intent duality": an intent the prompt does not describe is never valid).
 */

export const PROMPT_INTENTS: ReadonlyArray<Intent> = INTENTS.filter((intent) => !INTENTS_NOT_IN_PROMPT.includes(intent))

export const PromptIntent = Schema.Literal(...INTENTS.filter((intent) => !INTENTS_NOT_IN_PROMPT.includes(intent))).annotations({
  identifier: "PromptIntent"
})

const { method: _method, ...answerFields } = TriageResult.fields

/**
 * §2.4 normalisation: the action is read case-insensitively and an unknown action becomes GO
 * (the ticket stays where it is). The tool's JSON schema still offers only the three values.
 */
const ModelAction = Schema.transform(Schema.String, LlmTriageAction, {
  strict: true,
  decode: (raw) => {
    const action = raw.trim().toUpperCase()
    return action === "ROUTE" || action === "SPAM" ? action : "GO"
  },
  encode: (action) => action
}).annotations({ jsonSchema: { type: "string", enum: [...LlmTriageAction.literals] } })

export const LlmTriageAnswer = Schema.Struct({
  ...answerFields,
  action: ModelAction,
  primary_intent: Schema.optionalWith(Schema.NullOr(PromptIntent), { default: () => null }),
  secondary_intents: Schema.optionalWith(Schema.Array(PromptIntent), { default: () => [] })
}).annotations({
  identifier: "LlmTriageAnswer",
  description: "Résultat du tri d'un ticket du service DOC (action, service cible, intentions, contexte)."
})
export type LlmTriageAnswer = typeof LlmTriageAnswer.Type

/** The model's answer as a triage result, marked as coming from the model. */
export const toTriageResult = (answer: LlmTriageAnswer): TriageResult => ({ ...answer, method: "ai" })

/** Name of the forced tool the structured answer travels through. */
export const TRIAGE_OBJECT_NAME = "docflow_triage"
