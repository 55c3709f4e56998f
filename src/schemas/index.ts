/**
 * Boundary schemas of docflow. Events (`./events.ts`) are imported from their own module: they
 * keep the case file and the decision as opaque JSON so old events decode after these change.
 */
export * from "./caseFile.ts"
export * from "./config.ts"
export * from "./crm.ts"
export * from "./decision.ts"
export * from "./decodeError.ts"
export * from "./desk.ts"
export * from "./examt3p.ts"
export * from "./intents.ts"
export * from "./redaction.ts"
export * from "./time.ts"
export * from "./triage.ts"
export * from "./zohoPrimitives.ts"
