import type { LanguageModel } from "@effect/ai"
import { AnthropicClient, AnthropicLanguageModel } from "@effect/ai-anthropic"
import type { HttpClient } from "@effect/platform"
import { Layer, Option, type Redacted } from "effect"

/** How to reach Anthropic; shared by the triage adapter and the humanizer. */
export interface AnthropicSettings {
  readonly apiKey: Redacted.Redacted<string>
  /** `ANTHROPIC_BASE_URL`; the public API when absent. */
  readonly baseUrl: Option.Option<string>
  readonly model: string
  readonly maxTokens?: number
  readonly temperature?: number
}

/** Model ids of DOMAIN.md §2.7 (triage and humanizer share one). */
export const DEFAULT_TRIAGE_MODEL = "claude-sonnet-4-6"
export const DEFAULT_HUMANIZER_MODEL = "claude-sonnet-4-6"

/**
 * The client appends `/v1/messages` itself, so a base URL given with a trailing `/v1` (as some
 * SDKs document it) is trimmed rather than producing `/v1/v1/messages`.
 */
export const normalizeBaseUrl = (url: string): string => url.replace(/\/+$/, "").replace(/\/v1$/, "")

export const anthropicLanguageModel = (
  settings: AnthropicSettings
): Layer.Layer<LanguageModel.LanguageModel, never, HttpClient.HttpClient> =>
  AnthropicLanguageModel.layer({
    model: settings.model,
    config: {
      max_tokens: settings.maxTokens ?? 2_048,
      ...(settings.temperature === undefined ? {} : { temperature: settings.temperature })
    }
  }).pipe(
    Layer.provide(
      AnthropicClient.layer({
        apiKey: settings.apiKey,
        apiUrl: Option.match(settings.baseUrl, { onNone: () => undefined, onSome: normalizeBaseUrl })
      })
    )
  )
