/** Projections of the event log: pending, processed (+ report), per-ticket timeline. */
export * from "./pending.ts"
export * from "./processed.ts"
export * from "./projection.ts"
export * from "./report.ts"
export * from "./timeline.ts"
