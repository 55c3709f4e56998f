/** Projections of the event log: pending, processed (+ report), health, per-ticket timeline. */
export * from "./health.ts"
export * from "./healthChecks.ts"
export * from "./healthReport.ts"
export * from "./pending.ts"
export * from "./processed.ts"
export * from "./projection.ts"
export * from "./report.ts"
export * from "./timeline.ts"
