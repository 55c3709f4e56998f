import { auditCommand } from "./audit.ts"
import { batchCommand } from "./batch.ts"
import { configCommand } from "./config.ts"
import { consumeCommand } from "./consume.ts"
import { decideCommand } from "./decide.ts"
import { oracleCommand } from "./oracle.ts"
import { previewCommand } from "./preview.ts"
import { produceCommand } from "./produce.ts"
import { replayCommand } from "./replay.ts"
import { reportCommand } from "./report.ts"
import { resultCommand } from "./result.ts"
import { sandboxCommand } from "./sandbox.ts"
import { startCommand } from "./start.ts"
import { statusCommand } from "./status.ts"
import { webhookCommand } from "./webhook.ts"

/** Every `docflow` subcommand; a command is added here once it works. */
export const commands = [auditCommand, batchCommand, configCommand, consumeCommand, decideCommand, oracleCommand, previewCommand, produceCommand, replayCommand, reportCommand, resultCommand, sandboxCommand, startCommand, statusCommand, webhookCommand] as const
