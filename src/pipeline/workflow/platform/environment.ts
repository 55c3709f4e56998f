/**
 * What a workflow command runs against: Zoho with the configured credentials, or — when none are
 * configured — an in-process sandbox (the embedded default); ExamT3P from the configuration; the
 * SQLite store; the real rules; LLM triage and the conversation analysis when `ANTHROPIC_API_KEY` is set; the humanizer when
 * `DOCFLOW_HUMANIZER` is on too; crash points from
 * `DOCFLOW_CRASH_AT`.
 */
import { Effect, Either, Layer, Option } from "effect"
import { ZohoOnSandbox } from "../../../sandbox/zohoOnSandbox.ts"
import { AppConfig } from "../../../services/config/AppConfig.ts"
import { layerLive as conversationFromConfig } from "../../../services/conversation/LlmConversation.ts"
import { ExamT3PLive } from "../../../services/examt3p/ExamT3P.ts"
import { layerLive as humanizerFromConfig } from "../../../services/humanizer/Humanizer.ts"
import { ReplyTemplates } from "../../../services/render/index.ts"
import { layerLive as llmTriageFromConfig } from "../../../services/triage/llm/LlmTriage.ts"
import { tokenStoreFromConfig, ZohoLive, zohoSettingsFromConfig, type ZohoServices } from "../../../services/zoho/index.ts"
import { rulesDecider } from "../rulesDecider.ts"
import { nodeCrashPoints } from "./nodeCrash.ts"

/** The sender the in-process sandbox accepts (its world's first configured address). */
const SANDBOX_FROM = "doc@cab-formations.example"

export interface ZohoChoice {
  readonly layer: Layer.Layer<ZohoServices, unknown>
  readonly target: "configured" | "in-process sandbox"
  readonly fromAddress: string | undefined
}

export const zohoFromConfig = Effect.map(AppConfig, (config): ZohoChoice =>
  Either.match(zohoSettingsFromConfig(config), {
    onLeft: () => ({ layer: ZohoOnSandbox(), target: "in-process sandbox" as const, fromAddress: Option.getOrElse(config.zoho.fromAddress, () => SANDBOX_FROM) }),
    onRight: (settings) => ({
      layer: ZohoLive(settings, { tokenStore: tokenStoreFromConfig(config) }),
      target: "configured" as const,
      fromAddress: Option.getOrUndefined(config.zoho.fromAddress)
    })
  })
)

/** Every service `runTicket`/`runBatch` need except the store (the CLI provides its own). */
export const workflowServices = (choice: ZohoChoice) =>
  Layer.mergeAll(
    choice.layer,
    ExamT3PLive,
    llmTriageFromConfig(),
    conversationFromConfig(),
    humanizerFromConfig(),
    rulesDecider(choice.fromAddress).pipe(Layer.provide(ReplyTemplates.embedded)),
    nodeCrashPoints
  )
