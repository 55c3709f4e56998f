import { Args, Command } from "@effect/cli"
import { Console, Effect, Either, Schema } from "effect"
import { buildTimeline, renderTimeline } from "../../pipeline/projections/timeline.ts"
import { caseFileOf, recordedRun, renderAudit } from "../../pipeline/workflow/audit.ts"
import { Decider } from "../../pipeline/workflow/Decider.ts"
import { markersIn } from "../../pipeline/workflow/markers.ts"
import { rulesDecider } from "../../pipeline/workflow/rulesDecider.ts"
import { Decision } from "../../schemas/decision.ts"
import { formatProblems } from "../../schemas/decodeError.ts"
import { ReplyTemplates } from "../../services/render/index.ts"
import { EventLog } from "../../services/store/Store.ts"
import { InvalidInput } from "../errors.ts"
import { storeForCli } from "./replay.ts"

/** The sender the recorded run drafted from, so the comparison is about the rules, not the mailbox. */
const recordedSender = (decision: { readonly [key: string]: unknown } | null): string | undefined => {
  const actions = decision?.["actions"]
  if (!Array.isArray(actions)) return undefined
  for (const a of actions as ReadonlyArray<unknown>) {
    if (typeof a !== "object" || a === null || (a as Record<string, unknown>)["_tag"] !== "CreateDraft") continue
    const payload = (a as Record<string, unknown>)["payload"]
    const from = typeof payload === "object" && payload !== null ? (payload as Record<string, unknown>)["fromEmailAddress"] : undefined
    if (typeof from === "string") return from
  }
  return undefined
}

const ticketId = Args.text({ name: "ticket-id" }).pipe(Args.withDescription("Zoho Desk ticket id"))

/** `docflow audit <id>`: timeline, recorded decision, and what today's rules decide on the recorded case file. */
export const auditCommand = Command.make("audit", { ticketId }, ({ ticketId }) =>
  Effect.gen(function* () {
    if (!/^\d+$/.test(ticketId)) return yield* new InvalidInput({ message: `not a Zoho ticket id: ${ticketId}` })
    const stored = yield* Effect.flatMap(EventLog, (log) => log.readTicket(ticketId))
    if (stored.length === 0) return yield* new InvalidInput({ message: `no event recorded for ticket ${ticketId}` })
    yield* Console.log(renderTimeline(buildTimeline(ticketId, stored)).trimEnd())
    const run = recordedRun(stored.map((s) => s.event))
    if (run === undefined) return yield* Console.log("\nAucun dossier enregistré : rien à comparer.")
    const caseFile = caseFileOf(run)
    if (Either.isLeft(caseFile)) {
      return yield* Console.log(["\nLe dossier enregistré ne se lit plus avec le schéma d'aujourd'hui :", ...formatProblems(caseFile.left).map((l) => `  ${l}`)].join("\n"))
    }
    // docflow's own drafts, recognised as the workflow does (marker in the content).
    const ownDrafts = caseFile.right.drafts.filter((d) => markersIn(d.content).length > 0).map((d) => d.id)
    const decider = yield* Decider
    const from = recordedSender(run.decision)
    const today = decider.decide(caseFile.right, {
      mode: run.mode === "dry-run" ? "dry-run" : "live",
      docflowDraftIds: ownDrafts,
      ...(from === undefined ? {} : { fromEmailAddress: from })
    })
    const encoded = Schema.encodeSync(Decision)(today)
    yield* Console.log(`\nRun ${run.runId} (${run.mode})\n${renderAudit(run.decision, encoded)}`)
  }).pipe(Effect.provide(rulesDecider(undefined)), Effect.provide(ReplyTemplates.embedded), Effect.provide(storeForCli))
).pipe(Command.withDescription("Timeline of a ticket, its recorded decision, and the differences with today's rules on the recorded case file."))
