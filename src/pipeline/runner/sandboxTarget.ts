/**
 * The embedded default of `docflow start`: an in-process sandbox holding a generated world, and
 * the Zoho clients pointed at it. Reproducible from the seed, so a second `start` over the same
 * data directory sees the same tickets (and the event log says which are already answered).
 */
import { Effect, type Scope } from "effect"
import { generateWorld, startSandbox, type SandboxHandle, type SandboxStartError } from "../../sandbox/index.ts"
import { sandboxZohoSettings } from "../../sandbox/zohoOnSandbox.ts"
import { ZohoLive } from "../../services/zoho/index.ts"
import type { ZohoChoice } from "../workflow/platform/environment.ts"

export interface SandboxTarget {
  readonly sandbox: SandboxHandle
  readonly choice: ZohoChoice
}

export const sandboxTarget = (options: { readonly tickets: number; readonly seed?: number }): Effect.Effect<SandboxTarget, SandboxStartError, Scope.Scope> =>
  Effect.map(
    startSandbox({ world: generateWorld({ tickets: options.tickets, ...(options.seed === undefined ? {} : { seed: options.seed }) }) }),
    (sandbox): SandboxTarget => {
      const layer: ZohoChoice["layer"] = ZohoLive(sandboxZohoSettings(sandbox))
      return { sandbox, choice: { layer, target: "in-process sandbox", fromAddress: sandbox.world.fromAddresses[0] } }
    }
  )
