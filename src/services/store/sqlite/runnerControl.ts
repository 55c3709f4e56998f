import type { SqlClient } from "@effect/sql"
import { Effect } from "effect"
import { running, type RunnerControlShape } from "../RunnerControl.ts"
import * as Sql from "./sql.ts"
import { query } from "./run.ts"

/** One row (id 1) in `runner_control`; no row means running. */
export const makeRunnerControl = (sql: SqlClient.SqlClient): RunnerControlShape => ({
  get: Effect.map(
    query<{ paused: number; reason: string | null; since: string | null; by_whom: string | null }>(sql, Sql.selectRunnerControl),
    (rows) => {
      const row = rows[0]
      return row === undefined ? running : { paused: row.paused === 1, reason: row.reason, since: row.since, by: row.by_whom }
    }
  ),
  set: (state) => Effect.asVoid(query(sql, Sql.upsertRunnerControl, [state.paused ? 1 : 0, state.reason, state.since, state.by]))
})
