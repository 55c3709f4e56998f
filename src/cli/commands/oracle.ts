import { Args, Command } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Console, Data, Effect } from "effect"
import { formatReport, passed, runOracleText, totalsOf } from "../../oracle/runner.ts"
import { InvalidInput } from "../errors.ts"

/** A disagreement not covered by a deviation: the command exits non-zero. */
export class OracleDisagreement extends Data.TaggedError("OracleDisagreement")<{ readonly message: string }> {}

const files = Args.file({ name: "file.jsonl", exists: "yes" }).pipe(Args.atLeast(1))

export const oracleCommand = Command.make("oracle", { files }, ({ files }) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const reports = []
    for (const path of files) {
      const text = yield* fs.readFileString(path).pipe(
        Effect.mapError((e) => new InvalidInput({ message: `cannot read ${path}: ${e.message}` }))
      )
      reports.push(runOracleText(path, text))
    }
    yield* Console.log(formatReport(reports))
    if (!passed(reports)) {
      const t = totalsOf(reports)
      return yield* Effect.fail(new OracleDisagreement({
        message: `${t.disagreed} disagreement(s) not covered by a deviation, ${t.errors} unreadable or failing case(s)`
      }))
    }
  })
).pipe(Command.withDescription("Run oracle case files (JSON Lines) through docflow's rules and report agreement."))
