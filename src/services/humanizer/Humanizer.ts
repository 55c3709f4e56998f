import { LanguageModel } from "@effect/ai"
import { FetchHttpClient, type HttpClient } from "@effect/platform"
import { Context, Duration, Effect, Layer, Option, Redacted, Schedule, Schema } from "effect"
import { AppConfig } from "../config/AppConfig.ts"
import { anthropicLanguageModel, type AnthropicSettings, DEFAULT_HUMANIZER_MODEL } from "../triage/llm/anthropicModel.ts"
import { classifyAiError, isTransient, scrubSecret } from "../triage/llm/failure.ts"
import { cleanRewrite, HUMANIZER_PROMPT_VERSION, humanizerPrompt } from "./prompt.ts"
import { Rejection, rejectionsOf, type ReplyValidator } from "./rejection.ts"

/**
 * Optional LLM rewrite of a rendered reply (DOMAIN.md §9.7), off by default. At most two attempts;
 * a rewrite is used only when no rejection rule fires, otherwise the template text is kept.
 */

export { type ReplyValidator, type ValidationFinding, Rejection, RejectionRule, rejectionsOf } from "./rejection.ts"
export { extractFacts, type ReplyFacts } from "./facts.ts"
export { HUMANIZER_PROMPT_VERSION } from "./prompt.ts"

export class Humanized extends Schema.TaggedClass<Humanized>()("Humanized", {
  html: Schema.String,
  attempts: Schema.Int,
  modelId: Schema.String,
  promptVersion: Schema.String
}) {}

/** The template text is kept: humanizer off, every rewrite rejected, or the model failed. */
export class KeptTemplate extends Schema.TaggedClass<KeptTemplate>()("KeptTemplate", {
  why: Schema.Literal("disabled", "rejected", "failed"),
  attempts: Schema.Int,
  /** Rejections of the last rewrite. */
  rejections: Schema.Array(Rejection),
  failure: Schema.optional(Schema.String)
}) {}

export const HumanizeOutcome = Schema.Union(Humanized, KeptTemplate)
export type HumanizeOutcome = typeof HumanizeOutcome.Type

/** The HTML to send: the rewrite when accepted (`was_humanized`), the template otherwise. */
export const finalHtml = (template: string, outcome: HumanizeOutcome): string =>
  outcome._tag === "Humanized" ? outcome.html : template

export interface HumanizeRequest {
  readonly html: string
  readonly candidateMessage: string
  /** The render service's reply validator, bound to this ticket's context. */
  readonly validate?: ReplyValidator | undefined
}

export interface HumanizerService {
  readonly enabled: boolean
  readonly humanize: (request: HumanizeRequest) => Effect.Effect<HumanizeOutcome>
}

export class Humanizer extends Context.Tag("docflow/Humanizer")<Humanizer, HumanizerService>() {}

export const MAX_ATTEMPTS = 2

export interface HumanizerOptions {
  readonly model?: string
  readonly timeout?: Duration.DurationInput
}

const make = (options: { readonly modelId: string; readonly timeout: Duration.DurationInput; readonly secret: string }) =>
  Effect.gen(function* () {
    const model = yield* LanguageModel.LanguageModel

    const attempt = (request: HumanizeRequest) =>
      model.generateText({ prompt: humanizerPrompt(request.html, request.candidateMessage) }).pipe(
        Effect.retry({ times: 1, schedule: Schedule.spaced("250 millis"), while: isTransient }),
        Effect.timeout(options.timeout),
        Effect.map((response) => cleanRewrite(response.text)),
        Effect.mapError((error) =>
          scrubSecret(
            error._tag === "TimeoutException" ? `no answer within ${Duration.format(options.timeout)}` : classifyAiError(error).reason,
            options.secret
          )
        )
      )

    const humanize = (request: HumanizeRequest): Effect.Effect<HumanizeOutcome> =>
      Effect.gen(function* () {
        let rejections: ReadonlyArray<Rejection> = []
        for (let n = 1; n <= MAX_ATTEMPTS; n++) {
          const rewrite = yield* Effect.either(attempt(request))
          if (rewrite._tag === "Left") {
            yield* Effect.logWarning("humanizer failed; template kept").pipe(Effect.annotateLogs({ reason: rewrite.left }))
            return new KeptTemplate({ why: "failed", attempts: n, rejections, failure: rewrite.left })
          }
          rejections = rejectionsOf({ template: request.html, rewrite: rewrite.right, candidateMessage: request.candidateMessage, validate: request.validate })
          if (rejections.length === 0) {
            return new Humanized({ html: rewrite.right, attempts: n, modelId: options.modelId, promptVersion: HUMANIZER_PROMPT_VERSION })
          }
          yield* Effect.logInfo("humanizer rewrite rejected").pipe(
            Effect.annotateLogs({ attempt: n, rules: rejections.map((r) => r.rule).join(",") })
          )
        }
        return new KeptTemplate({ why: "rejected", attempts: MAX_ATTEMPTS, rejections })
      }).pipe(
        // A throwing validator (caller code) must not lose the reply: the template is kept.
        Effect.catchAllDefect(() =>
          Effect.as(
            Effect.logWarning("humanizer checks failed unexpectedly; template kept"),
            new KeptTemplate({ why: "failed", attempts: 0, rejections: [], failure: "the rewrite could not be checked" })
          )
        ),
        Effect.withSpan("Humanizer.humanize")
      )

    return Humanizer.of({ enabled: true, humanize })
  })

export const layer = (
  settings: Omit<AnthropicSettings, "model">,
  options: HumanizerOptions = {}
): Layer.Layer<Humanizer, never, HttpClient.HttpClient> => {
  const modelId = options.model ?? DEFAULT_HUMANIZER_MODEL
  return Layer.effect(
    Humanizer,
    make({ modelId, timeout: options.timeout ?? "30 seconds", secret: Redacted.value(settings.apiKey) })
  ).pipe(Layer.provide(anthropicLanguageModel({ ...settings, model: modelId, maxTokens: settings.maxTokens ?? 4_096 })))
}

export const layerDisabled: Layer.Layer<Humanizer> = Layer.succeed(Humanizer, {
  enabled: false,
  humanize: () => Effect.succeed(new KeptTemplate({ why: "disabled", attempts: 0, rejections: [] }))
})

/** For tests of callers: answers with `respond` and talks to nothing. */
export const layerTest = (respond: (request: HumanizeRequest) => HumanizeOutcome): Layer.Layer<Humanizer> =>
  Layer.succeed(Humanizer, { enabled: true, humanize: (request) => Effect.sync(() => respond(request)) })

/** `DOCFLOW_HUMANIZER=true` (AppConfig) turns the humanizer on (default off); it also needs `ANTHROPIC_API_KEY`. */
export const layerFromConfig = (
  options: HumanizerOptions = {}
): Layer.Layer<Humanizer, never, AppConfig | HttpClient.HttpClient> =>
  Layer.unwrapEffect(
    Effect.gen(function* () {
      const config = yield* AppConfig
      return Option.match(Option.filter(config.anthropic.apiKey, () => config.anthropic.humanizer), {
        onNone: () => layerDisabled,
        onSome: (apiKey) => layer({ apiKey, baseUrl: config.anthropic.baseUrl }, options)
      })
    })
  )

export const layerLive = (options: HumanizerOptions = {}): Layer.Layer<Humanizer, never, AppConfig> =>
  layerFromConfig(options).pipe(Layer.provide(FetchHttpClient.layer))
