import { FetchHttpClient } from "@effect/platform"
import { Effect, HashMap, Layer, Logger, Option, Redacted } from "effect"
import type { AnthropicSandboxOptions } from "../../src/sandbox/anthropic/handler.ts"
import { serveAnthropicSandbox } from "../../src/sandbox/anthropic/server.ts"
import * as Humanizer from "../../src/services/humanizer/Humanizer.ts"
import * as LlmTriage from "../../src/services/triage/llm/LlmTriage.ts"

/** Shaped like a real key so that any leak would be easy to spot. */
export const SANDBOX_KEY = "sk-ant-api03-sandboxSECRETvalue-0123456789abcdef"

export const sandbox = (options: Partial<AnthropicSandboxOptions> = {}) =>
  serveAnthropicSandbox({ apiKey: SANDBOX_KEY, ...options, port: 0 })

export const triageLayer = (url: string, options: LlmTriage.LlmTriageOptions & { readonly key?: string } = {}) =>
  LlmTriage.layer({ apiKey: Redacted.make(options.key ?? SANDBOX_KEY), baseUrl: Option.some(url) }, options).pipe(
    Layer.provide(FetchHttpClient.layer)
  )

export const humanizerLayer = (url: string, options: Humanizer.HumanizerOptions & { readonly key?: string } = {}) =>
  Humanizer.layer({ apiKey: Redacted.make(options.key ?? SANDBOX_KEY), baseUrl: Option.some(url) }, options).pipe(
    Layer.provide(FetchHttpClient.layer)
  )

/** Runs `effect` with a logger that keeps every line: message, annotations and cause. */
export const captureLogs = <A, E, R>(effect: Effect.Effect<A, E, R>) => {
  const lines: Array<string> = []
  const logger = Logger.make(({ annotations, cause, message }) => {
    lines.push(JSON.stringify({ message, annotations: Object.fromEntries(HashMap.toEntries(annotations)), cause: String(cause) }))
  })
  return effect.pipe(
    Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
    Effect.map((value) => ({ value, lines }))
  )
}

export const input = (customerMessage: string, overrides: Partial<LlmTriage.LlmTriageInput> = {}): LlmTriage.LlmTriageInput => ({
  today: "2026-11-25",
  subject: "Mon examen",
  customerMessage,
  currentDepartment: "DOC",
  deal: {
    name: "Karim BENALI - VTC Uber",
    amount: 20,
    stage: "GAGNÉ",
    evalbox: "VALIDE CMA",
    examDate: "2027-03-16",
    examDepartement: "75",
    sessionName: "cds-mars-2027",
    sessionType: "soir"
  },
  conversationSummary: "",
  dealJourney: "",
  agentHint: "",
  ...overrides
})
