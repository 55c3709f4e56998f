/** The consumer options that come from the configuration (DOCFLOW_MAX_ATTEMPTS, …). */
import { Duration } from "effect"
import type { RunnerSettings } from "../../services/config/AppConfig.ts"
import type { ConsumeOptions } from "./consumer.ts"

export const consumeSettings = (
  s: RunnerSettings
): Pick<ConsumeOptions, "maxAttempts" | "retryAfter" | "sameErrorThreshold" | "coolDown" | "catalogueRefreshEvery"> => ({
  maxAttempts: s.maxAttempts,
  retryAfter: Duration.millis(s.retryAfterMinutes * 60_000),
  sameErrorThreshold: s.breakerSameErrors,
  coolDown: Duration.millis(s.breakerCoolDownMinutes * 60_000),
  catalogueRefreshEvery: Duration.millis(s.catalogueRefreshMinutes * 60_000)
})
