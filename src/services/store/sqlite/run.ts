import type { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { StoreError } from "../errors.ts"

type Param = string | number | null

/** Runs one statement from `sql.ts` and returns its rows as objects. */
export const query = <Row extends object>(sql: SqlClient.SqlClient, text: string, params: ReadonlyArray<Param> = []) =>
  sql.unsafe<Row>(text, params).pipe(Effect.mapError(unavailable))

/** Runs one statement and returns its rows as arrays (cheaper: no object per row). */
export const queryValues = (sql: SqlClient.SqlClient, text: string, params: ReadonlyArray<Param> = []) =>
  sql.unsafe(text, params).values.pipe(Effect.mapError(unavailable))

export const unavailable = (cause: unknown): StoreError =>
  new StoreError({
    reason: "Unavailable",
    message: `SQLite store: ${cause instanceof Error ? causeMessage(cause) : String(cause)}`,
    cause
  })

const causeMessage = (error: Error): string => {
  const inner = "cause" in error && error.cause instanceof Error ? `: ${error.cause.message}` : ""
  return `${error.message}${inner}`
}

/** true when the failure is SQLite refusing a duplicate key. */
export const isUniqueViolation = (error: StoreError): boolean => {
  const inner = error.cause instanceof Error && "cause" in error.cause ? error.cause.cause : undefined
  return inner instanceof Error && "code" in inner && String(inner.code).startsWith("SQLITE_CONSTRAINT")
}
