import { Command } from "@effect/cli"
import { Console, Effect } from "effect"
import { syncPending } from "../../pipeline/workflow/batch.ts"
import { workflowServices, zohoFromConfig } from "../../pipeline/workflow/platform/environment.ts"
import { AppConfig, AppConfigLive } from "../../services/config/AppConfig.ts"
import { storeForCli } from "./replay.ts"

export const produceCommand = Command.make("produce", {}, () =>
  Effect.gen(function* () {
    const config = yield* AppConfig
    const choice = yield* zohoFromConfig
    const sync = yield* syncPending(config.zoho.docDepartmentId).pipe(Effect.provide(workflowServices(choice)))
    yield* Console.error(`Zoho : ${choice.target} · ${sync.scanned} ticket(s) ouverts lus, ${sync.enqueued.length} ajouté(s) à la file`)
    for (const id of sync.enqueued) yield* Console.log(id)
  }).pipe(Effect.provide(storeForCli), Effect.provide(AppConfigLive))
).pipe(
  Command.withDescription("Page the open DOC tickets newest first and put the due ones on the pending list (prints the ids added).")
)
