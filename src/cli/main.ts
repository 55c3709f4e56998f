import { Command, ValidationError } from "@effect/cli"
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Cause, Console, Effect, Exit, Layer } from "effect"
import { readFileSync } from "node:fs"
import { providerWithDotEnv } from "../services/config/dotenv.ts"
import { commands } from "./commands/index.ts"

const root = Command.make("docflow").pipe(
  Command.withDescription(
    "Drafts French replies to the DOC department's Zoho Desk tickets: gather → decide → act, every step an event."
  ),
  Command.withSubcommands(commands)
)

const cli = Command.run(root, { name: "docflow", version: "0.1.0" })

const readDotEnv = (): string | undefined => {
  try {
    return readFileSync(".env", "utf8")
  } catch {
    return undefined
  }
}

/** Exit codes: 0 ok, 1 failure, 2 bad usage or input. */
const exitCodeOf = (exit: Exit.Exit<unknown, unknown>): number => {
  if (Exit.isSuccess(exit)) return 0
  const failure = Cause.failureOption(exit.cause)
  if (failure._tag === "Some") {
    const error = failure.value
    if (ValidationError.isValidationError(error)) return 2
    if (typeof error === "object" && error !== null && "_tag" in error && error._tag === "InvalidInput") return 2
  }
  return 1
}

const program = Effect.suspend(() => cli(process.argv)).pipe(
  Effect.tapErrorCause((cause) =>
    Cause.failureOption(cause)._tag === "Some" && ValidationError.isValidationError(Cause.squash(cause))
      ? Effect.void
      : Console.error(`docflow: ${Cause.pretty(cause, { renderErrorCause: false }).split("\n")[0]}`)
  ),
  Effect.provide(Layer.setConfigProvider(providerWithDotEnv(readDotEnv()))),
  Effect.provide(NodeContext.layer)
)

NodeRuntime.runMain(
  program.pipe(
    Effect.exit,
    Effect.map((exit) => {
      process.exitCode = exitCodeOf(exit)
    })
  ),
  { disableErrorReporting: true }
)
