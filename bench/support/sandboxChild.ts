/**
 * A sandbox in its own process, so that a benchmark measures docflow's process alone (memory,
 * CPU, event loop). Started by `spawnSandbox`; argv[2] is a JSON `{ tickets, seed, knobs }`.
 * Prints one JSON line (where it listens, the credentials), then serves until stdin closes.
 */
import { Effect } from "effect"
import { generateWorld, startSandbox, type KnobsPatch } from "../../src/sandbox/index.ts"

interface ChildOptions {
  readonly tickets: number
  readonly seed: number
  readonly knobs: KnobsPatch
}

const options = JSON.parse(process.argv[2] ?? "{}") as ChildOptions

const program = Effect.gen(function* () {
  const world = generateWorld({ tickets: options.tickets, seed: options.seed })
  const sandbox = yield* startSandbox({ world, knobs: options.knobs })
  process.stdout.write(
    JSON.stringify({
      baseUrl: sandbox.baseUrl,
      accountsUrl: sandbox.accountsUrl,
      deskUrl: sandbox.deskUrl,
      crmUrl: sandbox.crmUrl,
      orgId: world.orgId,
      credentials: world.credentials,
      fromAddress: world.fromAddresses[0] ?? null
    }) + "\n"
  )
  // Until the parent closes our stdin (or dies).
  yield* Effect.async<void>((resume) => {
    process.stdin.on("close", () => resume(Effect.void))
    process.stdin.on("end", () => resume(Effect.void))
    process.stdin.resume()
  })
}).pipe(Effect.scoped)

await Effect.runPromise(program)
process.exit(0)
