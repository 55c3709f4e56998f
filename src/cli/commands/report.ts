import { Command, Options } from "@effect/cli"
import { Console, Effect } from "effect"
import { processedList } from "../../pipeline/projections/processed.ts"
import { hasSeriousFindings, summarizeHealth } from "../../pipeline/projections/healthReport.ts"
import { catchUp, healthText, reportText } from "../../pipeline/replay.ts"
import { describeOutcome, storeForCli } from "./replay.ts"

const processed = Options.boolean("processed").pipe(
  Options.withDescription("Print the processed tickets as JSON (the seed's doc_tickets_processed.json records) instead of the report.")
)

const health = Options.boolean("health").pipe(
  Options.withDescription(
    "Print the health checks of the processed tickets (DOMAIN.md §12.3): counts per check, batch indicators, then the offending tickets. Exits 0 even with findings."
  )
)

export const reportCommand = Command.make("report", { processed, health }, ({ processed, health }) =>
  Effect.gen(function* () {
    const started = Date.now()
    const outcome = yield* catchUp()
    for (const line of describeOutcome(outcome, Date.now() - started)) yield* Console.error(line)
    if (health) {
      yield* Console.log(healthText(outcome.views).trimEnd())
      const summary = summarizeHealth(outcome.views.health.view)
      if (summary.offenders.length > 0) {
        yield* Console.error(
          `docflow report --health : ${summary.offenders.length} ticket(s) en anomalie${hasSeriousFindings(summary) ? " (critiques ou erreurs)" : ""} — le code de sortie reste 0.`
        )
      }
      return
    }
    yield* Console.log(
      processed ? JSON.stringify(processedList(outcome.views.processed.view), null, 2) : reportText(outcome.views).trimEnd()
    )
  }).pipe(Effect.provide(storeForCli))
).pipe(
  Command.withDescription(
    "Print the processing report (répartition par action, success rate, drafts, stages, failures), or with --health the health checks, bringing the projections up to date first."
  )
)
