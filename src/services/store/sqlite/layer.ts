import { SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Context, Effect, Layer } from "effect"
import { mkdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { AppConfig } from "../../config/AppConfig.ts"
import { Checkpoints } from "../Checkpoints.ts"
import { StoreError } from "../errors.ts"
import { EventLog } from "../EventLog.ts"
import { RunnerControl } from "../RunnerControl.ts"
import { TicketQueue } from "../TicketQueue.ts"
import { makeCheckpoints } from "./checkpoints.ts"
import { makeEventLog } from "./eventLog.ts"
import { makeRunnerControl } from "./runnerControl.ts"
import * as Sql from "./sql.ts"
import { query, unavailable } from "./run.ts"
import { makeTicketQueue, type ProcessProbe } from "./ticketQueue.ts"

export const DATABASE_FILE = "docflow.sqlite"

/** A pid is alive when signal 0 can reach it (EPERM: alive but not ours). */
export const nodeProcessProbe: ProcessProbe = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "EPERM"
  }
}

export interface SqliteStoreOptions {
  readonly filename: string
  readonly processProbe?: ProcessProbe
}

/** Creates the tables if needed; safe to run on every start. */
export const migrate = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of [...Sql.pragmas, ...Sql.schema]) yield* query(sql, statement)
})

const ports = (probe: ProcessProbe) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    yield* migrate
    return Context.make(EventLog, makeEventLog(sql))
      .pipe(Context.add(TicketQueue, makeTicketQueue(sql, probe)))
      .pipe(Context.add(Checkpoints, makeCheckpoints(sql)))
      .pipe(Context.add(RunnerControl, makeRunnerControl(sql)))
  })

/** EventLog, TicketQueue, Checkpoints and RunnerControl over one SQLite file (WAL), plus the raw client. */
export const layerSqliteStore = (
  options: SqliteStoreOptions
): Layer.Layer<EventLog | TicketQueue | Checkpoints | RunnerControl | SqlClient.SqlClient, StoreError> => {
  const client = SqliteClient.layer({ filename: options.filename }).pipe(Layer.mapError(unavailable))
  const prepareDir = Layer.effectDiscard(
    Effect.try({
      try: () => mkdirSync(dirname(options.filename), { recursive: true }),
      catch: (cause) => new StoreError({ reason: "Unavailable", message: `cannot create ${dirname(options.filename)}`, cause })
    })
  )
  const withClient = Layer.provideMerge(
    Layer.effectContext(ports(options.processProbe ?? nodeProcessProbe)),
    Layer.provideMerge(client, prepareDir)
  )
  return withClient
}

/** The store in `DOCFLOW_DATA_DIR/docflow.sqlite`. */
export const layerSqliteStoreFromConfig: Layer.Layer<
  EventLog | TicketQueue | Checkpoints | RunnerControl | SqlClient.SqlClient,
  StoreError,
  AppConfig
> = Layer.unwrapEffect(Effect.map(AppConfig, (config) => layerSqliteStore({ filename: join(config.dataDir, DATABASE_FILE) })))
