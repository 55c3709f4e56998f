import { configCommand } from "./config.ts"
import { oracleCommand } from "./oracle.ts"

/** Every `docflow` subcommand; a command is added here once it works. */
export const commands = [configCommand, oracleCommand] as const
