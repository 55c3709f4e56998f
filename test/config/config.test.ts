import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Either, Layer, Option, Redacted } from "effect"
import { execFileSync } from "node:child_process"
import { describeConfig } from "../../src/cli/commands/config.ts"
import { AppConfig, AppConfigLive, loadConfig, settingNames } from "../../src/services/config/AppConfig.ts"
import { parseDotEnv, providerWithDotEnv } from "../../src/services/config/dotenv.ts"

const withEnv = (env: Record<string, string>) => Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

describe("configuration", () => {
  it.effect("applies the documented defaults with an empty environment", () =>
    Effect.gen(function* () {
      const result = yield* loadConfig.pipe(withEnv({}))
      const config = Either.getOrThrow(result)
      expect(config.dataDir).toBe("./data")
      expect(config.zoho.datacenter).toBe("com")
      expect(config.zoho.docDepartmentId).toBe("198709000025523146")
      expect(config.zoho.accountsUrl).toBe("https://accounts.zoho.com")
      expect(config.zoho.deskUrl).toBe("https://desk.zoho.com/api/v1")
      expect(config.zoho.crmUrl).toBe("https://www.zohoapis.com/crm/v8")
      expect(config.zoho.credentialsConfigured).toBe(false)
      expect(Option.isNone(config.kafka.brokers)).toBe(true)
      expect(config.kafka.port).toBe(9092)
    }))

  it.effect("derives the CA hosts from zohocloud.ca and lets explicit roots win", () =>
    Effect.gen(function* () {
      const ca = Either.getOrThrow(yield* loadConfig.pipe(withEnv({ ZOHO_DATACENTER: "ca" })))
      expect(ca.zoho.accountsUrl).toBe("https://accounts.zohocloud.ca")
      expect(ca.zoho.deskUrl).toBe("https://desk.zohocloud.ca/api/v1")
      const eu = Either.getOrThrow(
        yield* loadConfig.pipe(withEnv({ ZOHO_DATACENTER: "eu", ZOHO_DESK_URL: "http://127.0.0.1:4000/api/v1/" }))
      )
      expect(eu.zoho.accountsUrl).toBe("https://accounts.zoho.eu")
      expect(eu.zoho.deskUrl).toBe("http://127.0.0.1:4000/api/v1")
      const oldCrm = yield* loadConfig.pipe(withEnv({ ZOHO_CRM_URL: "https://www.zohoapis.eu/crm/v3" }))
      expect(Either.getLeft(oldCrm).pipe(Option.getOrThrow)[0]!.message).toContain("/crm/v8")
    }))

  it.effect("reports every invalid setting at once, naming the variable and the value", () =>
    Effect.gen(function* () {
      const result = yield* loadConfig.pipe(
        withEnv({ ZOHO_DATACENTER: "fr", KAFKA_PORT: "abc", ZOHO_CRM_URL: "not a url", DOCFLOW_CONCURRENCY: "0", KAFKA_BROKERS: " , " })
      )
      expect(Either.isLeft(result)).toBe(true)
      const problems = Either.getLeft(result).pipe(Option.getOrThrow)
      const bySetting = new Map(problems.map((p) => [p.setting, p.message]))
      expect([...bySetting.keys()].sort()).toEqual(
        ["DOCFLOW_CONCURRENCY", "KAFKA_BROKERS", "KAFKA_PORT", "ZOHO_CRM_URL", "ZOHO_DATACENTER"].sort()
      )
      expect(bySetting.get("ZOHO_DATACENTER")).toContain('"fr"')
      expect(bySetting.get("ZOHO_CRM_URL")).toContain('"not a url"')
      expect(bySetting.get("DOCFLOW_CONCURRENCY")).toContain("0")
    }))

  it.effect("keeps secrets redacted and marks real-Zoho mode only with all three credentials", () =>
    Effect.gen(function* () {
      const config = yield* AppConfig.pipe(
        Effect.provide(AppConfigLive),
        withEnv({ ZOHO_CLIENT_ID: "1000.ABC", ZOHO_CLIENT_SECRET: "top-secret-value", ZOHO_REFRESH_TOKEN: "1000.refresh-secret" })
      )
      expect(config.zoho.credentialsConfigured).toBe(true)
      expect(Redacted.value(Option.getOrThrow(config.zoho.clientSecret))).toBe("top-secret-value")
      const printed = describeConfig(config).map(([k, v]) => `${k} ${v}`).join("\n")
      expect(printed).not.toContain("top-secret-value")
      expect(printed).not.toContain("refresh-secret")
      expect(printed).toContain("ZOHO_CLIENT_SECRET <redacted>")
      expect(String(Option.getOrThrow(config.zoho.clientSecret))).not.toContain("top-secret-value")
    }))

  it.effect("fails the layer with every problem when a setting is invalid", () =>
    Effect.gen(function* () {
      const error = yield* Layer.build(AppConfigLive).pipe(Effect.scoped, Effect.flip, withEnv({ EXAMT3P_CONCURRENCY: "5" }))
      expect(error._tag).toBe("InvalidConfig")
      expect(error.message).toContain("EXAMT3P_CONCURRENCY")
      expect(error.message).toContain("5")
    }))

  it("lists every variable it reads", () => {
    expect(settingNames).toContain("KAFKA_BROKERS")
    expect(new Set(settingNames).size).toBe(settingNames.length)
  })
})

describe(".env support", () => {
  it("parses comments, export, quotes and inline comments", () => {
    const parsed = parseDotEnv(
      ['# comment', 'export ZOHO_ORG_ID=123', 'ZOHO_FROM_ADDRESS="doc@example.fr"', "A='x # y'", "B=plain # note", "bad line"].join("\n")
    )
    expect(Object.fromEntries(parsed)).toEqual({ ZOHO_ORG_ID: "123", ZOHO_FROM_ADDRESS: "doc@example.fr", A: "x # y", B: "plain" })
  })

  it.effect("lets the process environment win over the .env file", () =>
    Effect.gen(function* () {
      process.env.DOCFLOW_TEST_ONLY_SETTING = "from-env"
      const provider = providerWithDotEnv("DOCFLOW_TEST_ONLY_SETTING=from-file\nZOHO_ORG_ID=777")
      const config = yield* loadConfig.pipe(Effect.withConfigProvider(provider))
      delete process.env.DOCFLOW_TEST_ONLY_SETTING
      expect(Option.getOrThrow(Either.getOrThrow(config).zoho.orgId)).toBe(process.env.ZOHO_ORG_ID ?? "777")
    }))
})

describe("docflow config (CLI)", () => {
  const run = (env: Record<string, string>) => {
    try {
      const stdout = execFileSync("node", ["bin/docflow.js", "config"], { env: { ...process.env, ...env }, encoding: "utf8", stdio: "pipe" })
      return { code: 0, out: stdout }
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string }
      return { code: err.status, out: err.stdout + err.stderr }
    }
  }

  it("prints the resolved configuration with secrets redacted", () => {
    const { code, out } = run({ ZOHO_CLIENT_SECRET: "cli-secret-xyz" })
    expect(code).toBe(0)
    expect(out).toContain("ZOHO_DESK_URL")
    expect(out).not.toContain("cli-secret-xyz")
  })

  it("exits 2 with one line per invalid setting", () => {
    const { code, out } = run({ ZOHO_DATACENTER: "mars", ZOHO_DESK_RPS: "-1" })
    expect(code).toBe(2)
    expect(out.split("\n").filter((l) => l.startsWith("invalid "))).toHaveLength(2)
  })
})
