/** The intents of §2.6 (shared schema) and the classifier's fallback. */
import { Schema } from "effect"
import { Intent } from "../../../schemas/intents.ts"

export { Intent }

export const GENERAL_INTENT: Intent = "QUESTION_GENERALE"

export const isIntent = (value: unknown): value is Intent => Schema.is(Intent)(value)
