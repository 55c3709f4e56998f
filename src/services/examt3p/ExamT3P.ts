import { FetchHttpClient, HttpClient } from "@effect/platform"
import { Context, Effect, Layer, Option } from "effect"
import { AppConfig } from "../config/AppConfig.ts"
import { makeCrmMirror } from "./internal/crmMirror.ts"
import { defaultPortalSettings, makePortalClient, type PortalClientSettings } from "./internal/portalClient.ts"
import type { Examt3pCredentials, Examt3pOutcome, Examt3pSource, FetchOptions } from "./outcome.ts"

/**
 * The ExamT3P port: what the candidate's exam-portal dossier says. Two adapters: the portal
 * itself (HTTP scraping of exament3p.fr, or the sandbox stand-in) and a mirror built from the CRM
 * deal when no portal is configured. `fetchDossier` never fails: every way it can end is one of
 * the tagged outcomes Ok / NoAccount / LoginFailed / PortalDown.
 */
export interface ExamT3PShape {
  readonly source: Examt3pSource
  readonly fetchDossier: (credentials: Examt3pCredentials | undefined, options?: FetchOptions) => Effect.Effect<Examt3pOutcome>
}

export class ExamT3P extends Context.Tag("docflow/ExamT3P")<ExamT3P, ExamT3PShape>() {}

/** The portal adapter with explicit settings (tests shorten timeouts and retry pauses). */
export const portalLayer = (settings: PortalClientSettings): Layer.Layer<ExamT3P, never, HttpClient.HttpClient> =>
  Layer.effect(ExamT3P, makePortalClient(settings))

export const crmMirrorLayer: Layer.Layer<ExamT3P> = Layer.sync(ExamT3P, makeCrmMirror)

/**
 * From the configuration: the portal at `EXAMT3P_URL` (its limiter sized by
 * `EXAMT3P_CONCURRENCY`, 1 or 2), else the CRM mirror.
 */
export const ExamT3PLive: Layer.Layer<ExamT3P, never, AppConfig> = Layer.unwrapEffect(
  Effect.map(AppConfig, (config) =>
    Option.match(config.examt3pUrl, {
      onNone: () => crmMirrorLayer,
      onSome: (url) =>
        portalLayer(defaultPortalSettings(url, config.limits.examt3pConcurrency)).pipe(Layer.provide(FetchHttpClient.layer))
    })
  )
)

export type { Examt3pCredentials, Examt3pOutcome, Examt3pResultData, Examt3pSource, FetchOptions, MirrorDeal } from "./outcome.ts"
export { crmCredentials, Examt3pOutcome as Examt3pOutcomeSchema, Examt3pResultData as Examt3pResultDataSchema } from "./outcome.ts"
export type { PortalClientSettings } from "./internal/portalClient.ts"
export { defaultPortalSettings } from "./internal/portalClient.ts"
export { parseDashboard } from "./internal/parseDashboard.ts"
export { dossierBase, hasTeSuffix, matchDossier } from "./internal/dossiers.ts"
export { departementFromCrm, portalStatusFromEvalbox } from "./internal/crmMirror.ts"
