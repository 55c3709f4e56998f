import { LanguageModel } from "@effect/ai"
import { FetchHttpClient, type HttpClient } from "@effect/platform"
import { Clock, Context, Duration, Effect, Layer, Option, Redacted, Schedule } from "effect"
import type { TriageResult } from "../../../schemas/triage.ts"
import { AppConfig } from "../../config/AppConfig.ts"
import { LlmTriageAnswer, toTriageResult, TRIAGE_OBJECT_NAME } from "./answer.ts"
import { anthropicLanguageModel, type AnthropicSettings, DEFAULT_TRIAGE_MODEL } from "./anthropicModel.ts"
import { type Classified, classifyAiError, classifyDefect, isTransient, scrubSecret } from "./failure.ts"
import type { LlmTriageInput } from "./input.ts"
import {
  LlmTriageDisabled, LlmTriageFailed, LlmTriageInvalid, LlmTriageOk, type LlmTriageOutcome
} from "./outcome.ts"
import { PROMPT_VERSION, triagePrompt } from "./prompt.ts"

/**
 * LLM triage (Anthropic through @effect/ai). `classify` never fails: it returns an outcome the
 * caller records, and `triageWithFallback` uses the offline rules whenever that outcome is not Ok.
 */

export * from "./outcome.ts"
export { LlmTriageInput, type LlmTriageInputJson, DealContext } from "./input.ts"
export { PROMPT_VERSION } from "./prompt.ts"
export { dealContextOf, llmTriageInputFromCaseFile } from "./fromCaseFile.ts"

export interface LlmTriageService {
  readonly enabled: boolean
  readonly classify: (input: LlmTriageInput) => Effect.Effect<LlmTriageOutcome>
}

export class LlmTriage extends Context.Tag("docflow/LlmTriage")<LlmTriage, LlmTriageService>() {}

export interface LlmTriageOptions {
  readonly model?: string
  /** Budget for one call, connection included. */
  readonly timeout?: Duration.DurationInput
}

/** The original's analysis call allowed 15 s (DOMAIN.md §12.5). */
export const DEFAULT_TIMEOUT: Duration.DurationInput = "15 seconds"

const RETRY_DELAY = Schedule.spaced("250 millis")

/** The model id the response names (the one that actually answered), if present. */
const servedModel = (content: ReadonlyArray<{ readonly type: string }>): string | undefined => {
  for (const part of content) {
    if (part.type === "response-metadata" && "modelId" in part && typeof part.modelId === "string") return part.modelId
  }
  return undefined
}

const make = (options: { readonly modelId: string; readonly timeout: Duration.DurationInput; readonly secret: string }) =>
  Effect.gen(function* () {
    const model = yield* LanguageModel.LanguageModel
    const base = { modelId: options.modelId, promptVersion: PROMPT_VERSION }

    const toOutcome = (classified: Classified, latencyMs: number): LlmTriageOutcome => {
      const reason = scrubSecret(classified.reason, options.secret)
      return classified.outcome === "invalid"
        ? new LlmTriageInvalid({ ...base, latencyMs, reason })
        : new LlmTriageFailed({
          ...base,
          latencyMs,
          kind: classified.kind,
          reason,
          ...(classified.status === undefined ? {} : { status: classified.status })
        })
    }

    const classify = (input: LlmTriageInput): Effect.Effect<LlmTriageOutcome> =>
      Effect.gen(function* () {
        const started = yield* Clock.currentTimeMillis
        const elapsed = Effect.map(Clock.currentTimeMillis, (now) => now - started)
        const outcome = yield* model
          .generateObject({ prompt: triagePrompt(input), schema: LlmTriageAnswer, objectName: TRIAGE_OBJECT_NAME })
          .pipe(
            // One more try when Anthropic is busy; the timeout covers both tries.
            Effect.retry({ times: 1, schedule: RETRY_DELAY, while: isTransient }),
            Effect.timeout(options.timeout),
            Effect.flatMap((response) =>
              Effect.map(elapsed, (latencyMs): LlmTriageOutcome =>
                new LlmTriageOk({
                  ...base,
                  modelId: servedModel(response.content) ?? options.modelId,
                  latencyMs,
                  result: toTriageResult(response.value)
                })
              )
            ),
            Effect.catchTag("TimeoutException", () =>
              Effect.map(elapsed, (latencyMs) =>
                toOutcome({ outcome: "failed", kind: "timeout", reason: `no answer within ${Duration.format(options.timeout)}` }, latencyMs)
              )
            ),
            Effect.catchAll((error) => Effect.map(elapsed, (latencyMs) => toOutcome(classifyAiError(error), latencyMs))),
            Effect.catchAllCause((cause) => Effect.map(elapsed, (latencyMs) => toOutcome(classifyDefect(cause), latencyMs)))
          )
        if (outcome._tag !== "Ok") {
          yield* Effect.logWarning("LLM triage not used; offline rules apply").pipe(
            Effect.annotateLogs({ outcome: outcome._tag, reason: outcome.reason, model: options.modelId, promptVersion: PROMPT_VERSION })
          )
        }
        return outcome
      }).pipe(Effect.withSpan("LlmTriage.classify"))

    return LlmTriage.of({ enabled: true, classify })
  })

/** Talks to Anthropic with the given settings (needs an HttpClient). */
export const layer = (
  settings: Omit<AnthropicSettings, "model">,
  options: LlmTriageOptions = {}
): Layer.Layer<LlmTriage, never, HttpClient.HttpClient> => {
  const modelId = options.model ?? DEFAULT_TRIAGE_MODEL
  return Layer.effect(
    LlmTriage,
    make({ modelId, timeout: options.timeout ?? DEFAULT_TIMEOUT, secret: Redacted.value(settings.apiKey) })
  ).pipe(Layer.provide(anthropicLanguageModel({ ...settings, model: modelId, temperature: settings.temperature ?? 0 })))
}

/** Never asks a model: every outcome is `Disabled`. */
export const layerDisabled = (reason = "ANTHROPIC_API_KEY is not set"): Layer.Layer<LlmTriage> =>
  Layer.succeed(LlmTriage, { enabled: false, classify: () => Effect.succeed(new LlmTriageDisabled({ reason })) })

/** For tests of callers: answers with `respond` and talks to nothing. */
export const layerTest = (respond: (input: LlmTriageInput) => LlmTriageOutcome): Layer.Layer<LlmTriage> =>
  Layer.succeed(LlmTriage, { enabled: true, classify: (input) => Effect.sync(() => respond(input)) })

/** Enabled only when `ANTHROPIC_API_KEY` is set; `ANTHROPIC_BASE_URL` picks the endpoint. */
export const layerFromConfig = (options: LlmTriageOptions = {}): Layer.Layer<LlmTriage, never, AppConfig | HttpClient.HttpClient> =>
  Layer.unwrapEffect(
    Effect.map(AppConfig, (config) =>
      Option.match(config.anthropic.apiKey, {
        onNone: () => layerDisabled(),
        onSome: (apiKey) => layer({ apiKey, baseUrl: config.anthropic.baseUrl }, options)
      })
    )
  )

/** `layerFromConfig` over the platform's fetch client. */
export const layerLive = (options: LlmTriageOptions = {}): Layer.Layer<LlmTriage, never, AppConfig> =>
  layerFromConfig(options).pipe(Layer.provide(FetchHttpClient.layer))

/** What goes into the case file's `llmTriage`: the model's result when it was usable, else nothing. */
export const recordedTriage = (outcome: LlmTriageOutcome): TriageResult | undefined =>
  outcome._tag === "Ok" ? outcome.result : undefined

export interface TriageWithFallback {
  /** The triage to act on: the model's when Ok, the offline rules' otherwise. */
  readonly result: TriageResult
  readonly source: "llm" | "rules"
  readonly outcome: LlmTriageOutcome
}

/** Asks the model and falls back to `offline` on any outcome other than Ok. */
export const triageWithFallback = <E, R>(
  input: LlmTriageInput,
  offline: Effect.Effect<TriageResult, E, R>
): Effect.Effect<TriageWithFallback, E, R | LlmTriage> =>
  Effect.gen(function* () {
    const llm = yield* LlmTriage
    const outcome = yield* llm.classify(input)
    if (outcome._tag === "Ok") return { result: outcome.result, source: "llm" as const, outcome }
    return { result: yield* offline, source: "rules" as const, outcome }
  })
