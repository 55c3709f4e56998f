import { Command } from "@effect/cli"
import { Console, Effect, Either, Option, Redacted } from "effect"
import { loadConfig, runnerSettings, type AppConfigShape } from "../../services/config/AppConfig.ts"
import { instanceLimits } from "../../services/zoho/instanceShare.ts"
import { InvalidInput } from "../errors.ts"

const show = (value: Option.Option<unknown>): string =>
  Option.match(value, {
    onNone: () => "(unset)",
    onSome: (v) => (Redacted.isRedacted(v) ? "<redacted>" : Array.isArray(v) ? v.join(",") : String(v))
  })

const rate = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2))

/** The share of the Zoho budget one of DOCFLOW_INSTANCES consumers uses. */
const perInstance = (c: AppConfigShape): string => {
  const { desk, crm } = instanceLimits(c.limits)
  return `Desk ${rate(desk.requestsPerSecond)} req/s × ${desk.concurrency} · CRM ${rate(crm.requestsPerSecond)} req/s × ${crm.concurrency} (÷ ${c.limits.instances})`
}

export const describeConfig = (c: AppConfigShape): ReadonlyArray<[string, string]> => [
  ["DOCFLOW_DATA_DIR", c.dataDir],
  ["ZOHO_DATACENTER", c.zoho.datacenter],
  ["ZOHO_CLIENT_ID", show(c.zoho.clientId)],
  ["ZOHO_CLIENT_SECRET", show(c.zoho.clientSecret)],
  ["ZOHO_REFRESH_TOKEN", show(c.zoho.refreshToken)],
  ["ZOHO_ORG_ID", show(c.zoho.orgId)],
  ["ZOHO_DOC_DEPARTMENT_ID", c.zoho.docDepartmentId],
  ["ZOHO_FROM_ADDRESS", show(c.zoho.fromAddress)],
  ["ZOHO_ACCOUNTS_URL", c.zoho.accountsUrl],
  ["ZOHO_DESK_URL", c.zoho.deskUrl],
  ["ZOHO_CRM_URL", c.zoho.crmUrl],
  ["zoho mode", c.zoho.credentialsConfigured ? "real Zoho (credentials set)" : "built-in sandbox (no credentials)"],
  ["EXAMT3P_URL", show(c.examt3pUrl)],
  ["ANTHROPIC_API_KEY", show(c.anthropic.apiKey)],
  ["ANTHROPIC_BASE_URL", show(c.anthropic.baseUrl)],
  ["DOCFLOW_HUMANIZER", c.anthropic.humanizer ? "on" : "off"],
  ["ZOHO_WEBHOOK_SECRET", show(c.webhookSecret)],
  ["KAFKA_BROKERS", show(c.kafka.brokers)],
  ["store", Option.isSome(c.kafka.brokers) ? "kafka" : "embedded SQLite"],
  ["KAFKA_PORT", String(c.kafka.port)],
  ["ZOHO_DESK_RPS", String(c.limits.deskRequestsPerSecond)],
  ["ZOHO_DESK_CONCURRENCY", String(c.limits.deskConcurrency)],
  ["ZOHO_CRM_RPS", String(c.limits.crmRequestsPerSecond)],
  ["ZOHO_CRM_CONCURRENCY", String(c.limits.crmConcurrency)],
  ["EXAMT3P_CONCURRENCY", String(c.limits.examt3pConcurrency)],
  ["DOCFLOW_CONCURRENCY", String(c.limits.ticketConcurrency)],
  ["DOCFLOW_INSTANCES", String(c.limits.instances)],
  ["Zoho limits per instance", perInstance(c)],
  ["DOCFLOW_KAFKA_PARTITIONS", String(c.kafka.partitions)],
  ["DOCFLOW_KAFKA_TOPIC_PREFIX", c.kafka.topicPrefix],
  ["DOCFLOW_MAX_ATTEMPTS", String(runnerSettings(c).maxAttempts)],
  ["DOCFLOW_RETRY_AFTER_MINUTES", String(runnerSettings(c).retryAfterMinutes)],
  ["DOCFLOW_BREAKER_SAME_ERRORS", String(runnerSettings(c).breakerSameErrors)],
  ["DOCFLOW_BREAKER_COOLDOWN_MINUTES", String(runnerSettings(c).breakerCoolDownMinutes)],
  ["DOCFLOW_CATALOGUE_REFRESH_MINUTES", String(runnerSettings(c).catalogueRefreshMinutes)]
]

export const configCommand = Command.make("config", {}, () =>
  Effect.gen(function* () {
    const result = yield* loadConfig
    if (Either.isLeft(result)) {
      for (const p of result.left) yield* Console.error(`invalid ${p.setting}: ${p.message}`)
      return yield* new InvalidInput({ message: `${result.left.length} invalid setting(s)` })
    }
    const rows = describeConfig(result.right)
    const width = Math.max(...rows.map(([k]) => k.length))
    for (const [k, v] of rows) yield* Console.log(`${k.padEnd(width)}  ${v}`)
  })
).pipe(Command.withDescription("Print the resolved configuration (secrets redacted) and every invalid setting."))
