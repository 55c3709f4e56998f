import { Config, ConfigError, Context, Data, Effect, Either, Layer, Option, Redacted } from "effect"
import { Schema } from "effect"
import { ZohoDatacenter, zohoHosts, DOC_DEPARTMENT_ID } from "../../schemas/config.ts"

/** The resolved configuration of one docflow process. Secrets stay `Redacted` end to end. */
export interface AppConfigShape {
  readonly dataDir: string
  readonly zoho: {
    readonly datacenter: ZohoDatacenter
    readonly clientId: Option.Option<string>
    readonly clientSecret: Option.Option<Redacted.Redacted<string>>
    readonly refreshToken: Option.Option<Redacted.Redacted<string>>
    readonly orgId: Option.Option<string>
    readonly docDepartmentId: string
    readonly fromAddress: Option.Option<string>
    readonly accountsUrl: string
    readonly deskUrl: string
    readonly crmUrl: string
    /** true when client id, secret and refresh token are all set: talk to the real Zoho. */
    readonly credentialsConfigured: boolean
  }
  readonly limits: {
    readonly deskRequestsPerSecond: number
    readonly deskConcurrency: number
    readonly crmRequestsPerSecond: number
    readonly crmConcurrency: number
    readonly examt3pConcurrency: number
    /**
     * Tickets worked at once (default 32). Zoho's load is bounded by the per-API limiters, not by
     * this: a ticket is a chain of dependent calls, so about three tickets per allowed concurrent
     * call keep the Desk and CRM budgets busy (bench/runner.bench.ts).
     */
    readonly ticketConcurrency: number
    readonly instances: number
  }
  readonly examt3pUrl: Option.Option<string>
  readonly anthropic: {
    readonly apiKey: Option.Option<Redacted.Redacted<string>>
    readonly baseUrl: Option.Option<string>
    /** The optional LLM rewrite of rendered replies (also needs the API key). */
    readonly humanizer: boolean
  }
  /** Shared secret of `POST /webhook/zoho-desk`; the webhook refuses every event while unset. */
  readonly webhookSecret: Option.Option<Redacted.Redacted<string>>
  readonly kafka: {
    readonly brokers: Option.Option<ReadonlyArray<string>>
    readonly port: number
    /** Partitions of the tickets and events topics (created with this count at start-up). */
    readonly partitions: number
    /** Topic names are `<prefix>tickets`, `<prefix>events`, `<prefix>dead-letters`; the group is `<prefix>consumers`. */
    readonly topicPrefix: string
  }
  /** The continuous runner's failure handling (absent in hand-built configurations: `runnerSettings` gives the defaults). */
  readonly runner?: RunnerSettings
}

export interface RunnerSettings {
  /** Deliveries before a failing ticket is dead-lettered. */
  readonly maxAttempts: number
  /** Minutes before a failed ticket is tried again. */
  readonly retryAfterMinutes: number
  /** The same error on this many tickets in a row opens the circuit breaker… */
  readonly breakerSameErrors: number
  /** …for this many minutes, then one probe ticket runs. */
  readonly breakerCoolDownMinutes: number
  /** Age in minutes after which the exam-date and session catalogues are read again. */
  readonly catalogueRefreshMinutes: number
}

export const defaultRunnerSettings: RunnerSettings = {
  maxAttempts: 3,
  retryAfterMinutes: 10,
  breakerSameErrors: 5,
  breakerCoolDownMinutes: 5,
  catalogueRefreshMinutes: 15
}

export const runnerSettings = (config: AppConfigShape): RunnerSettings => config.runner ?? defaultRunnerSettings

export class AppConfig extends Context.Tag("docflow/AppConfig")<AppConfig, AppConfigShape>() {}

const brokerList = (raw: string): ReadonlyArray<string> =>
  raw.split(",").map((b) => b.trim()).filter((b) => b.length > 0)

/** Validates a value and, when it is wrong, names what was expected and the value received. */
const check = <A>(expected: string, ok: (value: A) => boolean) => (config: Config.Config<A>) =>
  Config.mapOrFail(config, (value) =>
    ok(value) ? Either.right(value) : Either.left(ConfigError.InvalidData([], `expected ${expected}, got ${JSON.stringify(value)}`))
  )

const url = (name: string) =>
  Config.string(name).pipe(
    check("an absolute http(s) URL", (s) => /^https?:\/\/[^\s]+$/.test(s)),
    Config.map((s) => s.replace(/\/+$/, ""))
  )

const positiveInt = (name: string, fallback: number) =>
  Config.integer(name).pipe(check("a whole number ≥ 1", (n) => n >= 1), Config.withDefault(fallback))

const positiveNumber = (name: string, fallback: number) =>
  Config.number(name).pipe(check("a number > 0", (n) => n > 0), Config.withDefault(fallback))

const datacenter = Config.string("ZOHO_DATACENTER").pipe(
  check(`one of ${ZohoDatacenter.literals.join(", ")}`, Schema.is(ZohoDatacenter)),
  Config.map((s) => s as ZohoDatacenter),
  Config.withDefault<ZohoDatacenter>("com")
)

/**
 * Every setting docflow reads, each loaded on its own so that one bad value does not hide the
 * others: `docflow config` reports one line per missing or invalid setting.
 */
export const settings = {
  dataDir: Config.string("DOCFLOW_DATA_DIR").pipe(Config.withDefault("./data")),
  datacenter,
  clientId: Config.option(Config.nonEmptyString("ZOHO_CLIENT_ID")),
  clientSecret: Config.option(Config.redacted("ZOHO_CLIENT_SECRET")),
  refreshToken: Config.option(Config.redacted("ZOHO_REFRESH_TOKEN")),
  orgId: Config.option(Config.nonEmptyString("ZOHO_ORG_ID")),
  docDepartmentId: Config.string("ZOHO_DOC_DEPARTMENT_ID").pipe(
    check("a numeric Zoho id", (s) => /^\d+$/.test(s)),
    Config.withDefault(DOC_DEPARTMENT_ID)
  ),
  fromAddress: Config.option(
    Config.string("ZOHO_FROM_ADDRESS").pipe(check("an e-mail address", (s) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s)))
  ),
  accountsUrl: Config.option(url("ZOHO_ACCOUNTS_URL")),
  deskUrl: Config.option(url("ZOHO_DESK_URL")),
  crmUrl: Config.option(
    url("ZOHO_CRM_URL").pipe(
      check("a CRM API root ending in /crm/v8 (docflow speaks v8, the version of Zoho's OpenAPI files)", (s) => s.endsWith("/crm/v8"))
    )
  ),
  examt3pUrl: Config.option(url("EXAMT3P_URL")),
  anthropicApiKey: Config.option(Config.redacted("ANTHROPIC_API_KEY")),
  anthropicBaseUrl: Config.option(url("ANTHROPIC_BASE_URL")),
  humanizer: Config.boolean("DOCFLOW_HUMANIZER").pipe(Config.withDefault(false)),
  kafkaBrokers: Config.option(
    Config.string("KAFKA_BROKERS").pipe(
      check("a comma-separated list of host:port", (raw) => brokerList(raw).length > 0 && brokerList(raw).every((b) => /^[^\s:]+:\d+$/.test(b))),
      Config.map(brokerList)
    )
  ),
  kafkaPort: Config.port("KAFKA_PORT").pipe(Config.withDefault(9092)),
  kafkaPartitions: positiveInt("DOCFLOW_KAFKA_PARTITIONS", 1),
  kafkaTopicPrefix: Config.string("DOCFLOW_KAFKA_TOPIC_PREFIX").pipe(
    check("letters, digits, '.', '_' or '-' (a Kafka topic name prefix)", (s) => /^[A-Za-z0-9._-]{1,200}$/.test(s)),
    Config.withDefault("docflow.")
  ),
  webhookSecret: Config.option(Config.redacted("ZOHO_WEBHOOK_SECRET")),
  deskRequestsPerSecond: positiveNumber("ZOHO_DESK_RPS", 8),
  deskConcurrency: positiveInt("ZOHO_DESK_CONCURRENCY", 10),
  crmRequestsPerSecond: positiveNumber("ZOHO_CRM_RPS", 8),
  crmConcurrency: positiveInt("ZOHO_CRM_CONCURRENCY", 10),
  examt3pConcurrency: Config.integer("EXAMT3P_CONCURRENCY").pipe(
    check("1 or 2 (a public portal)", (n) => n === 1 || n === 2),
    Config.withDefault(2)
  ),
  ticketConcurrency: positiveInt("DOCFLOW_CONCURRENCY", 32),
  instances: positiveInt("DOCFLOW_INSTANCES", 1),
  maxAttempts: positiveInt("DOCFLOW_MAX_ATTEMPTS", defaultRunnerSettings.maxAttempts),
  retryAfterMinutes: positiveNumber("DOCFLOW_RETRY_AFTER_MINUTES", defaultRunnerSettings.retryAfterMinutes),
  breakerSameErrors: positiveInt("DOCFLOW_BREAKER_SAME_ERRORS", defaultRunnerSettings.breakerSameErrors),
  breakerCoolDownMinutes: positiveNumber("DOCFLOW_BREAKER_COOLDOWN_MINUTES", defaultRunnerSettings.breakerCoolDownMinutes),
  catalogueRefreshMinutes: positiveNumber("DOCFLOW_CATALOGUE_REFRESH_MINUTES", defaultRunnerSettings.catalogueRefreshMinutes)
} as const

type Settings = typeof settings
type Loaded = { readonly [K in keyof Settings]: Config.Config.Success<Settings[K]> }

export interface ConfigProblem {
  readonly setting: string
  readonly message: string
}

const describeProblem = (key: string, error: ConfigError.ConfigError): ConfigProblem => {
  const path = (e: ConfigError.ConfigError): string | undefined => {
    switch (e._op) {
      case "And":
      case "Or":
        return path(e.left) ?? path(e.right)
      default:
        return e.path.join("_") || undefined
    }
  }
  const messages = (e: ConfigError.ConfigError): ReadonlyArray<string> => {
    switch (e._op) {
      case "And":
      case "Or":
        return [...messages(e.left), ...messages(e.right)]
      case "InvalidData":
      case "MissingData":
      case "SourceUnavailable":
      case "Unsupported":
        return [e.message]
    }
  }
  return { setting: path(error) ?? key, message: [...new Set(messages(error))].join("; ") }
}

/** Loads every setting; returns either the configuration or the full list of problems. */
export const loadConfig: Effect.Effect<Either.Either<AppConfigShape, ReadonlyArray<ConfigProblem>>> = Effect.gen(
  function* () {
    const problems: Array<ConfigProblem> = []
    const loaded: Record<string, unknown> = {}
    for (const [key, config] of Object.entries(settings) as Array<[keyof Settings, Config.Config<unknown>]>) {
      const result = yield* Effect.either(config)
      if (Either.isLeft(result)) problems.push(describeProblem(key, result.left))
      else loaded[key] = result.right
    }
    if (problems.length > 0) return Either.left(problems)
    return Either.right(resolve(loaded as Loaded))
  }
)

const resolve = (s: Loaded): AppConfigShape => {
  const hosts = zohoHosts(s.datacenter)
  return {
    dataDir: s.dataDir,
    zoho: {
      datacenter: s.datacenter,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      refreshToken: s.refreshToken,
      orgId: s.orgId,
      docDepartmentId: s.docDepartmentId,
      fromAddress: s.fromAddress,
      accountsUrl: Option.getOrElse(s.accountsUrl, () => hosts.accountsUrl),
      deskUrl: Option.getOrElse(s.deskUrl, () => hosts.deskUrl),
      crmUrl: Option.getOrElse(s.crmUrl, () => hosts.crmUrl),
      credentialsConfigured: Option.isSome(s.clientId) && Option.isSome(s.clientSecret) && Option.isSome(s.refreshToken)
    },
    limits: {
      deskRequestsPerSecond: s.deskRequestsPerSecond,
      deskConcurrency: s.deskConcurrency,
      crmRequestsPerSecond: s.crmRequestsPerSecond,
      crmConcurrency: s.crmConcurrency,
      examt3pConcurrency: s.examt3pConcurrency,
      ticketConcurrency: s.ticketConcurrency,
      instances: s.instances
    },
    examt3pUrl: s.examt3pUrl,
    anthropic: { apiKey: s.anthropicApiKey, baseUrl: s.anthropicBaseUrl, humanizer: s.humanizer },
    webhookSecret: s.webhookSecret,
    kafka: { brokers: s.kafkaBrokers, port: s.kafkaPort, partitions: s.kafkaPartitions, topicPrefix: s.kafkaTopicPrefix },
    runner: {
      maxAttempts: s.maxAttempts,
      retryAfterMinutes: s.retryAfterMinutes,
      breakerSameErrors: s.breakerSameErrors,
      breakerCoolDownMinutes: s.breakerCoolDownMinutes,
      catalogueRefreshMinutes: s.catalogueRefreshMinutes
    }
  }
}

export class InvalidConfig extends Data.TaggedError("InvalidConfig")<{ readonly problems: ReadonlyArray<ConfigProblem> }> {
  override get message(): string {
    return this.problems.map((p) => `${p.setting}: ${p.message}`).join("\n")
  }
}

/** The configuration as a layer; fails with every problem listed when a setting is invalid. */
export const AppConfigLive: Layer.Layer<AppConfig, InvalidConfig> = Layer.effect(
  AppConfig,
  Effect.flatMap(loadConfig, Either.match({ onLeft: (problems) => Effect.fail(new InvalidConfig({ problems })), onRight: Effect.succeed }))
)

/** The names of every environment variable docflow reads (for docker-compose checks and docs). */
export const settingNames: ReadonlyArray<string> = [
  "DOCFLOW_DATA_DIR", "ZOHO_DATACENTER", "ZOHO_CLIENT_ID", "ZOHO_CLIENT_SECRET", "ZOHO_REFRESH_TOKEN",
  "ZOHO_ORG_ID", "ZOHO_DOC_DEPARTMENT_ID", "ZOHO_FROM_ADDRESS", "ZOHO_ACCOUNTS_URL", "ZOHO_DESK_URL",
  "ZOHO_CRM_URL", "EXAMT3P_URL", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "DOCFLOW_HUMANIZER", "KAFKA_BROKERS", "KAFKA_PORT",
  "ZOHO_DESK_RPS", "ZOHO_DESK_CONCURRENCY", "ZOHO_CRM_RPS", "ZOHO_CRM_CONCURRENCY", "EXAMT3P_CONCURRENCY",
  "DOCFLOW_CONCURRENCY", "DOCFLOW_INSTANCES", "ZOHO_WEBHOOK_SECRET", "DOCFLOW_KAFKA_PARTITIONS", "DOCFLOW_KAFKA_TOPIC_PREFIX",
  "DOCFLOW_MAX_ATTEMPTS", "DOCFLOW_RETRY_AFTER_MINUTES", "DOCFLOW_BREAKER_SAME_ERRORS", "DOCFLOW_BREAKER_COOLDOWN_MINUTES",
  "DOCFLOW_CATALOGUE_REFRESH_MINUTES"
]
