import { Command, Options } from "@effect/cli"
import { Console, Data, Effect } from "effect"
import { DEFAULT_TICKETS, generateWorld } from "../../sandbox/generator/generateWorld.ts"
import { startFullSandbox } from "../../sandbox/generator/serve.ts"
import { computeStats } from "../../sandbox/generator/stats.ts"
import { checkTargets, formatStats } from "../../sandbox/generator/targets.ts"
import { InvalidInput } from "../errors.ts"

const port = Options.integer("port").pipe(Options.withDefault(8787), Options.withDescription("TCP port (0 = any free port)"))
const tickets = Options.integer("tickets").pipe(Options.withDefault(DEFAULT_TICKETS), Options.withDescription("open DOC tickets in the world"))
const seed = Options.integer("seed").pipe(Options.withDefault(1), Options.withDescription("seed of the world"))
const host = Options.text("host").pipe(Options.withDefault("127.0.0.1"), Options.withDescription("address to bind"))
const today = Options.text("today").pipe(Options.optional, Options.withDescription("YYYY-MM-DD the world is built around"))
const stats = Options.boolean("stats").pipe(Options.withDescription("print the world's distribution and check the targets, without serving"))

/** `--stats` found a distribution target the world misses (the CLI exits 1). */
export class SandboxTargetsMissed extends Data.TaggedError("SandboxTargetsMissed")<{ readonly reason: string }> {
  override get message(): string {
    return this.reason
  }
}

/**
 * `docflow sandbox`: generates a world and serves Zoho (accounts, Desk, CRM), the ExamT3P portal
 * and the Anthropic stand-in on one address until interrupted; `--stats` prints the distribution.
 */
export const sandboxCommand = Command.make("sandbox", { port, tickets, seed, host, today, stats }, (args) =>
  Effect.gen(function* () {
    if (args.port < 0 || args.port > 65_535) return yield* new InvalidInput({ message: `--port ${args.port} is not a TCP port` })
    if (args.tickets < 0 || args.tickets > 100_000) return yield* new InvalidInput({ message: `--tickets must be between 0 and 100000` })
    const day = args.today._tag === "Some" ? args.today.value : undefined
    if (day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(day)) return yield* new InvalidInput({ message: `--today ${day} is not YYYY-MM-DD` })
    const world = generateWorld({ tickets: args.tickets, seed: args.seed, ...(day === undefined ? {} : { today: day }) })
    if (args.stats) {
      const computed = computeStats(world)
      yield* Console.log(formatStats(computed))
      const failures = checkTargets(computed)
      if (failures.length === 0) return yield* Console.log("Targets: all met")
      for (const f of failures) yield* Console.log(`TARGET FAILED · ${f.target}: ${f.detail}`)
      return yield* new SandboxTargetsMissed({ reason: `${failures.length} distribution target(s) missed` })
    }
    const sandbox = yield* startFullSandbox(world, { host: args.host, port: args.port })
    yield* Console.log(`Zoho sandbox listening on ${sandbox.baseUrl} (${args.tickets} tickets, seed ${args.seed})`)
    yield* Console.log(`World: ${args.tickets} open DOC tickets, ${world.tickets.length - args.tickets} others, ${world.crm["Deals"]?.length ?? 0} deals, ${world.generated.portalAccounts.length} ExamT3P dossiers, today ${world.generated.today}; ExamT3P portal and Anthropic /v1/messages on the same address`)
    yield* Console.log(`ZOHO_ACCOUNTS_URL=${sandbox.accountsUrl}`)
    yield* Console.log(`ZOHO_DESK_URL=${sandbox.deskUrl}`)
    yield* Console.log(`ZOHO_CRM_URL=${sandbox.crmUrl}`)
    yield* Console.log(`ZOHO_ORG_ID=${world.orgId}`)
    // Fixed, public test values that only this sandbox accepts.
    yield* Console.log(`ZOHO_CLIENT_ID=${world.credentials.clientId}`)
    yield* Console.log(`ZOHO_CLIENT_SECRET=${world.credentials.clientSecret}`)
    yield* Console.log(`ZOHO_REFRESH_TOKEN=${world.credentials.refreshToken}`)
    yield* Console.log(`ZOHO_FROM_ADDRESS=${world.fromAddresses[0] ?? ""}`)
    yield* Console.log(`EXAMT3P_URL=${sandbox.examt3pUrl}`)
    yield* Console.log(`ANTHROPIC_BASE_URL=${sandbox.anthropicBaseUrl}`)
    yield* Console.log(`ANTHROPIC_API_KEY=${sandbox.anthropicApiKey}`)
    yield* Console.log(`Writes received: GET ${sandbox.baseUrl}/_sandbox/writes · knobs: GET/POST ${sandbox.baseUrl}/_sandbox/knobs`)
    return yield* Effect.never
  }).pipe(Effect.scoped, Effect.mapError((e) => (e._tag === "FullSandboxError" ? new InvalidInput({ message: e.reason }) : e)))
).pipe(Command.withDescription("Run the local stand-ins (Zoho, ExamT3P portal, Anthropic) over a generated world, or print its stats."))
