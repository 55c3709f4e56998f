import { Command, Options } from "@effect/cli"
import { Console, Effect } from "effect"
import { fixedWorld, startSandbox } from "../../sandbox/index.ts"
import { InvalidInput } from "../errors.ts"

const port = Options.integer("port").pipe(Options.withDefault(8787), Options.withDescription("TCP port (0 = any free port)"))
const tickets = Options.integer("tickets").pipe(Options.withDefault(8), Options.withDescription("DOC tickets in the world"))
const seed = Options.integer("seed").pipe(Options.withDefault(1), Options.withDescription("seed of the world"))
const host = Options.text("host").pipe(Options.withDefault("127.0.0.1"), Options.withDescription("address to bind"))

/** `docflow sandbox`: serves the Zoho stand-in until interrupted, printing how to point docflow at it. */
export const sandboxCommand = Command.make("sandbox", { port, tickets, seed, host }, (args) =>
  Effect.gen(function* () {
    if (args.port < 0 || args.port > 65_535) return yield* new InvalidInput({ message: `--port ${args.port} is not a TCP port` })
    if (args.tickets < 0 || args.tickets > 100_000) return yield* new InvalidInput({ message: `--tickets must be between 0 and 100000` })
    const world = fixedWorld({ tickets: args.tickets, seed: args.seed })
    const sandbox = yield* startSandbox({ host: args.host, port: args.port, world })
    yield* Console.log(`Zoho sandbox listening on ${sandbox.baseUrl} (${args.tickets} tickets, seed ${args.seed})`)
    yield* Console.log(`ZOHO_ACCOUNTS_URL=${sandbox.accountsUrl}`)
    yield* Console.log(`ZOHO_DESK_URL=${sandbox.deskUrl}`)
    yield* Console.log(`ZOHO_CRM_URL=${sandbox.crmUrl}`)
    yield* Console.log(`ZOHO_ORG_ID=${world.orgId}`)
    // Fixed, public test values that only this sandbox accepts.
    yield* Console.log(`ZOHO_CLIENT_ID=${world.credentials.clientId}`)
    yield* Console.log(`ZOHO_CLIENT_SECRET=${world.credentials.clientSecret}`)
    yield* Console.log(`ZOHO_REFRESH_TOKEN=${world.credentials.refreshToken}`)
    yield* Console.log(`Writes received: GET ${sandbox.baseUrl}/_sandbox/writes · knobs: GET/POST ${sandbox.baseUrl}/_sandbox/knobs`)
    return yield* Effect.never
  }).pipe(Effect.scoped, Effect.mapError((e) => (e._tag === "SandboxStartError" ? new InvalidInput({ message: e.message }) : e)))
).pipe(Command.withDescription("Run the local Zoho stand-in (accounts, Desk, CRM) with a small fixed world."))
