import { Args, Command } from "@effect/cli"
import { Console, Effect } from "effect"
import { latestRun, resultV3 } from "../../pipeline/result.ts"
import { EventLog } from "../../services/store/Store.ts"
import { InvalidInput } from "../errors.ts"
import { storeForCli } from "./replay.ts"

const ticketId = Args.text({ name: "ticket-id" }).pipe(Args.withDescription("Zoho Desk ticket id"))

/** `docflow result <id>`: the seed's v3 result JSON for the ticket's latest run, from the event log. */
export const resultCommand = Command.make("result", { ticketId }, ({ ticketId }) =>
  Effect.gen(function* () {
    if (!/^\d+$/.test(ticketId)) return yield* new InvalidInput({ message: `not a Zoho ticket id: ${ticketId}` })
    const events = yield* Effect.flatMap(EventLog, (log) => log.readTicket(ticketId))
    const run = latestRun(events.map((e) => e.event))
    if (run === undefined) return yield* new InvalidInput({ message: `no run recorded for ticket ${ticketId}` })
    yield* Console.log(JSON.stringify(resultV3(ticketId, run), null, 2))
  }).pipe(Effect.provide(storeForCli))
).pipe(Command.withDescription("Print the seed's v3 result JSON (triage, input, template vars, output) of a ticket's latest run."))
