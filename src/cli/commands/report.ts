import { Command, Options } from "@effect/cli"
import { Console, Effect } from "effect"
import { processedList } from "../../pipeline/projections/processed.ts"
import { catchUp, reportText } from "../../pipeline/replay.ts"
import { describeOutcome, storeForCli } from "./replay.ts"

const processed = Options.boolean("processed").pipe(
  Options.withDescription("Print the processed tickets as JSON (the seed's doc_tickets_processed.json records) instead of the report.")
)

export const reportCommand = Command.make("report", { processed }, ({ processed }) =>
  Effect.gen(function* () {
    const started = Date.now()
    const outcome = yield* catchUp()
    for (const line of describeOutcome(outcome, Date.now() - started)) yield* Console.error(line)
    yield* Console.log(
      processed ? JSON.stringify(processedList(outcome.views.processed.view), null, 2) : reportText(outcome.views).trimEnd()
    )
  }).pipe(Effect.provide(storeForCli))
).pipe(
  Command.withDescription(
    "Print the processing report (répartition par action, success rate, drafts, stages, failures), bringing the projections up to date first."
  )
)
