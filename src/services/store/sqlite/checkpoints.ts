import type { SqlClient } from "@effect/sql"
import { Clock, Effect, Option } from "effect"
import type { CheckpointsShape } from "../Checkpoints.ts"
import { StoreError } from "../errors.ts"
import * as Sql from "./sql.ts"
import { query } from "./run.ts"

export const makeCheckpoints = (sql: SqlClient.SqlClient): CheckpointsShape => ({
  load: (name) =>
    Effect.flatMap(query<{ position: number; state: string }>(sql, Sql.selectCheckpoint, [name]), (rows) => {
      const row = rows[0]
      if (row === undefined) return Effect.succeed(Option.none())
      try {
        return Effect.succeed(Option.some({ position: row.position, state: JSON.parse(row.state) as unknown }))
      } catch (cause) {
        return Effect.fail(
          new StoreError({ reason: "Unavailable", message: `checkpoint "${name}" is not valid JSON: rebuild it with replay`, cause })
        )
      }
    }),
  save: (name, checkpoint) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      query(sql, Sql.upsertCheckpoint, [name, checkpoint.position, JSON.stringify(checkpoint.state), new Date(now).toISOString()])
    ).pipe(Effect.asVoid),
  remove: (name) => Effect.asVoid(query(sql, Sql.deleteCheckpoint, [name]))
})
