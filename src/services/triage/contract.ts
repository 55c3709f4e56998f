/**
 * The triage output contract of §2.7 as the shared schema defines it: the LLM's answer decodes
 * into `TriageResult`, and the offline classifier fills the same shape.
 */
import { IntentContext as IntentContextSchema, TriageResult } from "../../schemas/triage.ts"

export const IntentContext = IntentContextSchema
export type IntentContext = typeof IntentContextSchema.Type
export const TriageContract = TriageResult
export type TriageContract = typeof TriageResult.Type
export type SessionPreference = "jour" | "soir"
export type CommunicationMode = IntentContext["communication_mode"]
