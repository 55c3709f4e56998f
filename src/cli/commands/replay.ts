import { Command, Options } from "@effect/cli"
import { Console, Effect, FiberRef, HashSet, Layer, Logger } from "effect"
import { catchUp, replay, reportText, type ReplayOutcome } from "../../pipeline/replay.ts"
import { AppConfigLive } from "../../services/config/AppConfig.ts"
import { layerStoreFromConfig } from "../../services/store/Store.ts"

/**
 * The store of this process — Kafka when KAFKA_BROKERS is set, SQLite under DOCFLOW_DATA_DIR
 * otherwise (`layerStoreFromConfig`) — with logs on stderr so that stdout carries only the
 * command's output (a report can be redirected to a file and compared).
 */
export const storeForCli = Layer.mergeAll(
  layerStoreFromConfig.pipe(Layer.provide(AppConfigLive)),
  // Replaces every installed logger (the runtime adds a pretty one that writes to stdout).
  Layer.locallyScoped(FiberRef.currentLoggers, HashSet.make(Logger.withConsoleError(Logger.logfmtLogger)))
)

export const describeOutcome = (outcome: ReplayOutcome, elapsedMs: number): ReadonlyArray<string> => [
  `${outcome.folded} event(s) folded from position ${outcome.from} to ${outcome.head} in ${(elapsedMs / 1000).toFixed(2)} s`,
  ...(outcome.quarantined.length === 0
    ? []
    : [
        `${outcome.quarantined.length} event(s) in quarantine (not folded):`,
        ...outcome.quarantined.map((q) => `  position ${q.position}: ${q.error}`)
      ])
]

const fromCheckpoint = Options.boolean("from-checkpoint").pipe(
  Options.withDescription("Fold only what is new since the stored checkpoints instead of rebuilding from position 0.")
)

export const replayCommand = Command.make("replay", { fromCheckpoint }, ({ fromCheckpoint }) =>
  Effect.gen(function* () {
    const started = Date.now()
    const outcome = yield* fromCheckpoint ? catchUp() : replay()
    for (const line of describeOutcome(outcome, Date.now() - started)) yield* Console.error(line)
    yield* Console.log(reportText(outcome.views).trimEnd())
  }).pipe(Effect.provide(storeForCli))
).pipe(
  Command.withDescription(
    "Rebuild the projections (pending, processed, report) from the event log, from position 0, and print the report. Never calls Zoho, never re-decides."
  )
)
