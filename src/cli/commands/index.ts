import { configCommand } from "./config.ts"
import { oracleCommand } from "./oracle.ts"
import { previewCommand } from "./preview.ts"
import { sandboxCommand } from "./sandbox.ts"

/** Every `docflow` subcommand; a command is added here once it works. */
export const commands = [configCommand, oracleCommand, previewCommand, sandboxCommand] as const
