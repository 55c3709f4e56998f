import { configCommand } from "./config.ts"

/** Every `docflow` subcommand; a command is added here once it works. */
export const commands = [configCommand] as const
