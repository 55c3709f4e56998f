import { LanguageModel } from "@effect/ai"
import { FetchHttpClient, type HttpClient } from "@effect/platform"
import { Clock, Context, Duration, Effect, Layer, Option, Redacted, Schedule } from "effect"
import { ConversationAnalysis } from "../../schemas/conversation.ts"
import { AppConfig } from "../config/AppConfig.ts"
import { anthropicLanguageModel, type AnthropicSettings } from "../triage/llm/anthropicModel.ts"
import { type Classified, classifyAiError, classifyDefect, isTransient, scrubSecret } from "../triage/llm/failure.ts"
import { conversationInputFromCaseFile } from "./fromCaseFile.ts"
import { ConversationDisabled, ConversationFailed, ConversationInvalid, ConversationOk, type ConversationOutcome } from "./outcome.ts"
import { CONVERSATION_OBJECT_NAME, CONVERSATION_PROMPT_VERSION, conversationPrompt, type ConversationInput } from "./prompt.ts"

/**
 * V3 conversation analysis (§8.6) through @effect/ai and Anthropic, built like the LLM triage:
 * structured output decoded by `ConversationAnalysis`, 15 s budget, one retry when Anthropic is
 * busy. `analyze` never fails and never blocks the ticket: any outcome other than Ok means the
 * memory falls back to V2 / V1. Skipped (Disabled) when the candidate wrote only once.
 */

export * from "./outcome.ts"
export { CONVERSATION_OBJECT_NAME, CONVERSATION_PROMPT_VERSION, type ConversationInput, type ConversationMessage } from "./prompt.ts"

export interface LlmConversationService {
  readonly enabled: boolean
  readonly analyze: (input: ConversationInput) => Effect.Effect<ConversationOutcome>
}

export class LlmConversation extends Context.Tag("docflow/LlmConversation")<LlmConversation, LlmConversationService>() {}

export interface LlmConversationOptions {
  readonly model?: string
  readonly timeout?: Duration.DurationInput
}

/** §2.7: the conversation analysis model of the original. */
export const DEFAULT_CONVERSATION_MODEL = "claude-sonnet-4-5-20250929"
/** §8.6: 15 s. */
export const DEFAULT_CONVERSATION_TIMEOUT: Duration.DurationInput = "15 seconds"

/** §8.6: the analysis is worth asking only when the candidate wrote more than once. */
export const worthAnalysing = (input: ConversationInput): boolean => input.messages.filter((m) => m.direction === "in").length > 1

const ONE_MESSAGE = new ConversationDisabled({ reason: "one incoming message: nothing to analyse" })

const make = (options: { readonly modelId: string; readonly timeout: Duration.DurationInput; readonly secret: string }) =>
  Effect.gen(function* () {
    const model = yield* LanguageModel.LanguageModel
    const base = { modelId: options.modelId, promptVersion: CONVERSATION_PROMPT_VERSION }

    const toOutcome = (classified: Classified, latencyMs: number): ConversationOutcome => {
      const reason = scrubSecret(classified.reason, options.secret)
      return classified.outcome === "invalid"
        ? new ConversationInvalid({ ...base, latencyMs, reason })
        : new ConversationFailed({ ...base, latencyMs, kind: classified.kind, reason, ...(classified.status === undefined ? {} : { status: classified.status }) })
    }

    const analyze = (input: ConversationInput): Effect.Effect<ConversationOutcome> =>
      !worthAnalysing(input) ? Effect.succeed(ONE_MESSAGE) : Effect.gen(function* () {
        const started = yield* Clock.currentTimeMillis
        const elapsed = Effect.map(Clock.currentTimeMillis, (now) => now - started)
        const outcome = yield* model
          .generateObject({ prompt: conversationPrompt(input), schema: ConversationAnalysis, objectName: CONVERSATION_OBJECT_NAME })
          .pipe(
            Effect.retry({ times: 1, schedule: Schedule.spaced("250 millis"), while: isTransient }),
            Effect.timeout(options.timeout),
            Effect.flatMap((response) =>
              Effect.map(elapsed, (latencyMs): ConversationOutcome => new ConversationOk({ ...base, latencyMs, result: response.value }))),
            Effect.catchTag("TimeoutException", () =>
              Effect.map(elapsed, (latencyMs) =>
                toOutcome({ outcome: "failed", kind: "timeout", reason: `no answer within ${Duration.format(options.timeout)}` }, latencyMs))),
            Effect.catchAll((error) => Effect.map(elapsed, (latencyMs) => toOutcome(classifyAiError(error), latencyMs))),
            Effect.catchAllCause((cause) => Effect.map(elapsed, (latencyMs) => toOutcome(classifyDefect(cause), latencyMs)))
          )
        if (outcome._tag !== "Ok") {
          yield* Effect.logWarning("conversation analysis not used; the META notes and the timeline apply").pipe(
            Effect.annotateLogs({ outcome: outcome._tag, reason: outcome.reason, model: options.modelId, promptVersion: CONVERSATION_PROMPT_VERSION })
          )
        }
        return outcome
      }).pipe(Effect.withSpan("LlmConversation.analyze"))

    return LlmConversation.of({ enabled: true, analyze })
  })

/** Talks to Anthropic with the given settings (needs an HttpClient). */
export const layer = (
  settings: Omit<AnthropicSettings, "model">,
  options: LlmConversationOptions = {}
): Layer.Layer<LlmConversation, never, HttpClient.HttpClient> => {
  const modelId = options.model ?? DEFAULT_CONVERSATION_MODEL
  return Layer.effect(
    LlmConversation,
    make({ modelId, timeout: options.timeout ?? DEFAULT_CONVERSATION_TIMEOUT, secret: Redacted.value(settings.apiKey) })
  ).pipe(Layer.provide(anthropicLanguageModel({ ...settings, model: modelId, temperature: settings.temperature ?? 0 })))
}

/** Never asks a model. */
export const layerDisabled = (reason = "ANTHROPIC_API_KEY is not set"): Layer.Layer<LlmConversation> =>
  Layer.succeed(LlmConversation, { enabled: false, analyze: () => Effect.succeed(new ConversationDisabled({ reason })) })

/** For tests of callers: answers with `respond` and talks to nothing. */
export const layerTest = (respond: (input: ConversationInput) => ConversationOutcome): Layer.Layer<LlmConversation> =>
  Layer.succeed(LlmConversation, { enabled: true, analyze: (input) => Effect.sync(() => (worthAnalysing(input) ? respond(input) : ONE_MESSAGE)) })

/** Enabled only when `ANTHROPIC_API_KEY` is set; `ANTHROPIC_BASE_URL` picks the endpoint. */
export const layerFromConfig = (options: LlmConversationOptions = {}): Layer.Layer<LlmConversation, never, AppConfig | HttpClient.HttpClient> =>
  Layer.unwrapEffect(
    Effect.map(AppConfig, (config) =>
      Option.match(config.anthropic.apiKey, {
        onNone: () => layerDisabled(),
        onSome: (apiKey) => layer({ apiKey, baseUrl: config.anthropic.baseUrl }, options)
      })
    )
  )

/** `layerFromConfig` over the platform's fetch client. */
export const layerLive = (options: LlmConversationOptions = {}): Layer.Layer<LlmConversation, never, AppConfig> =>
  layerFromConfig(options).pipe(Layer.provide(FetchHttpClient.layer))

/** What goes into the case file's `conversation`: the analysis when usable, else nothing. */
export const recordedConversation = (outcome: ConversationOutcome): ConversationAnalysis | undefined =>
  outcome._tag === "Ok" ? outcome.result : undefined

/**
 * For gather: the analysis of a case file's exchange when the adapter is provided, enabled and the
 * candidate wrote more than once; `undefined` otherwise (the case file then carries none).
 */
export const conversationForCaseFile = (
  caseFile: Parameters<typeof conversationInputFromCaseFile>[0], dealId: string | null
): Effect.Effect<ConversationAnalysis | undefined> =>
  Effect.gen(function* () {
    const service = yield* Effect.serviceOption(LlmConversation)
    if (Option.isNone(service) || !service.value.enabled) return undefined
    const input = conversationInputFromCaseFile(caseFile, dealId)
    if (!worthAnalysing(input)) return undefined
    return recordedConversation(yield* service.value.analyze(input))
  })
