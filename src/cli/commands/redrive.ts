import { Args, Command, Options } from "@effect/cli"
import { Console, Effect } from "effect"
import { redrive } from "../../pipeline/runner/redrive.ts"
import { InvalidInput } from "../errors.ts"
import { storeForCli } from "./replay.ts"

const ids = Args.text({ name: "ticket-id" }).pipe(Args.repeated, Args.withDescription("dead-lettered ticket(s) to re-queue"))
const all = Options.boolean("all").pipe(Options.withDescription("re-queue every dead-lettered ticket"))

export const redriveCommand = Command.make("redrive", { ids, all }, (args) =>
  Effect.gen(function* () {
    if (args.all === (args.ids.length > 0)) return yield* new InvalidInput({ message: "give dead-lettered ticket ids, or --all (not both)" })
    const done = yield* redrive(args.all ? { all: true } : { ticketIds: args.ids }).pipe(
      Effect.catchTag("NotDeadLettered", (e) => Effect.fail(new InvalidInput({ message: e.message })))
    )
    yield* Console.error(`${done.length} ticket(s) remis dans la file`)
    for (const id of done) yield* Console.log(id)
  }).pipe(Effect.provide(storeForCli))
).pipe(Command.withDescription("Re-queue dead-lettered tickets (TicketEnqueued, source redrive); exit 2 for an id that is not a dead letter."))
