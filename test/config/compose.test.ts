/**
 * docker-compose.yml cannot be run here (no Docker engine): these tests check it by construction.
 * Every variable it sets for a docflow service must be one docflow reads and must decode through
 * docflow's own configuration loader; the services must run subcommands (and options) the CLI
 * accepts; the broker must be a single-node KRaft `apache/kafka` 4.x that docflow can reach.
 */
import { CliConfig, Command, CommandDescriptor } from "@effect/cli"
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Either, Option, Schema } from "effect"
import { readFileSync } from "node:fs"
import { parse as parseYaml } from "yaml"
import { commands } from "../../src/cli/commands/index.ts"
import { loadConfig, settingNames } from "../../src/services/config/AppConfig.ts"
import { parseDotEnv } from "../../src/services/config/dotenv.ts"

const root = new URL("../../", import.meta.url)

/** The subset of the compose format the file uses; `environment` must be a map of strings (quoted). */
const Service = Schema.Struct({
  image: Schema.optional(Schema.String),
  build: Schema.optional(Schema.String),
  command: Schema.optional(Schema.Array(Schema.String)),
  environment: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  env_file: Schema.optional(Schema.Array(Schema.Struct({ path: Schema.String, required: Schema.Boolean }))),
  ports: Schema.optional(Schema.Array(Schema.String)),
  volumes: Schema.optional(Schema.Array(Schema.String)),
  healthcheck: Schema.optional(Schema.Struct({ test: Schema.Array(Schema.String) })),
  depends_on: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Struct({ condition: Schema.String }) }))
})
type Service = typeof Service.Type

const Compose = Schema.Struct({
  services: Schema.Record({ key: Schema.String, value: Service }),
  volumes: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.Unknown) }))
})

const compose = Schema.decodeUnknownSync(Compose)(parseYaml(readFileSync(new URL("docker-compose.yml", root), "utf8")))

/** docflow's services are the ones built from this repository's Dockerfile. */
const docflowServices = Object.entries(compose.services).filter(([, s]) => s.build !== undefined)

const environmentOf = (service: Service): Record<string, string> => service.environment ?? {}

/** A config provider over `env` that records every variable name the loader asks for. */
const recordingProvider = (env: Record<string, string>) => {
  const asked = new Set<string>()
  const inner = ConfigProvider.fromMap(new Map(Object.entries(env))).flattened
  const provider = ConfigProvider.fromFlat(
    ConfigProvider.makeFlat({
      load: (path, config, split) => {
        asked.add(path.join("_"))
        return inner.load(path, config, split)
      },
      enumerateChildren: inner.enumerateChildren,
      patch: inner.patch
    })
  )
  return { asked, provider }
}

const load = (env: Record<string, string>) => {
  const { asked, provider } = recordingProvider(env)
  return Effect.map(Effect.withConfigProvider(loadConfig, provider), (result) => ({ result, asked }))
}

/** The variables docflow's loader reads (asked for with an empty environment). */
const readByDocflow = Effect.map(load({}), ({ asked }) => asked)

const cli = Command.make("docflow").pipe(Command.withSubcommands(commands))

/**
 * Parses `docflow <argv…>` as the CLI would, without running anything: true when it names a
 * subcommand and every argument was understood (nothing left over).
 */
const cliAccepts = (argv: ReadonlyArray<string>) =>
  CommandDescriptor.parse(cli.descriptor, ["docflow", ...argv], CliConfig.defaultConfig).pipe(
    Effect.provide(NodeContext.layer),
    Effect.map((directive) =>
      directive._tag === "UserDefined" && directive.leftover.length === 0 && Option.isSome(directive.value.subcommand)
    ),
    Effect.orElseSucceed(() => false)
  )

describe("docker-compose.yml", () => {
  it("has a consume and a webhook service built from the Dockerfile, each with its own data volume", () => {
    const byCommand = new Map(docflowServices.map(([name, s]) => [s.command?.[0], name]))
    expect(byCommand.has("consume")).toBe(true)
    expect(byCommand.has("webhook")).toBe(true)
    const dataVolumes = docflowServices.map(([, s]) => {
      const dataDir = environmentOf(s)["DOCFLOW_DATA_DIR"]
      const mount = (s.volumes ?? []).find((v) => v.split(":")[1] === dataDir)
      expect(mount, `a volume mounted on DOCFLOW_DATA_DIR (${dataDir})`).toBeDefined()
      return mount?.split(":")[0]
    })
    // Each instance has its own local state store: a shared SQLite file would mix two instances.
    expect(new Set(dataVolumes).size).toBe(docflowServices.length)
    for (const volume of dataVolumes) expect(Object.keys(compose.volumes ?? {})).toContain(volume)
  })

  it("runs a single-node KRaft apache/kafka 4.x broker reachable at the KAFKA_BROKERS docflow is given", () => {
    const kafka = compose.services["kafka"]
    expect(kafka?.image).toMatch(/^apache\/kafka:4\.\d+\.\d+$/)
    const env = environmentOf(kafka ?? {})
    expect(env["KAFKA_PROCESS_ROLES"]?.split(",").sort()).toEqual(["broker", "controller"])
    expect(env["CLUSTER_ID"]).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"]).toBe("1")
    expect(kafka?.healthcheck?.test.length).toBeGreaterThan(0)
    const advertised = (env["KAFKA_ADVERTISED_LISTENERS"] ?? "").split(",").map((l) => l.replace(/^[A-Z_]+:\/\//, ""))
    for (const [name, s] of docflowServices) {
      const brokers = (environmentOf(s)["KAFKA_BROKERS"] ?? "").split(",")
      for (const broker of brokers) expect(advertised, `${name}: KAFKA_BROKERS ${broker}`).toContain(broker)
      expect(s.depends_on?.["kafka"]?.condition, name).toBe("service_healthy")
    }
  })

  it.effect("sets, for docflow's services, only variables docflow reads", () =>
    Effect.gen(function* () {
      const read = yield* readByDocflow
      expect(read.size).toBeGreaterThan(10)
      for (const [name, s] of docflowServices) {
        for (const variable of Object.keys(environmentOf(s))) {
          expect(settingNames, `${name}: ${variable}`).toContain(variable)
          expect([...read], `${name}: ${variable}`).toContain(variable)
        }
      }
    }))

  it.effect("settingNames is exactly the set of variables the loader reads (docs and checks stay true)", () =>
    Effect.map(readByDocflow, (read) => expect([...read].sort()).toEqual([...settingNames].sort())))

  it.effect("gives values docflow's configuration loader accepts, and they take effect", () =>
    Effect.gen(function* () {
      for (const [name, s] of docflowServices) {
        const env = environmentOf(s)
        const { result } = yield* load(env)
        const config = Either.getOrElse(result, (problems) => {
          throw new Error(`${name}: ${problems.map((p) => `${p.setting}: ${p.message}`).join("; ")}`)
        })
        expect(config.dataDir).toBe(env["DOCFLOW_DATA_DIR"])
        expect(Option.getOrThrow(config.kafka.brokers)).toEqual(env["KAFKA_BROKERS"]?.split(","))
        expect(config.limits.instances).toBe(Number(env["DOCFLOW_INSTANCES"]))
      }
    }))

  it.effect("declares DOCFLOW_INSTANCES as the number of docflow services that consume tickets", () =>
    Effect.sync(() => {
      for (const [, s] of docflowServices) expect(environmentOf(s)["DOCFLOW_INSTANCES"]).toBe(String(docflowServices.length))
    }))

  it("takes secrets from an env file, never from the compose file", () => {
    for (const [name, s] of docflowServices) {
      expect(s.env_file?.map((f) => f.path), name).toEqual([".env"])
      for (const secret of ["ZOHO_CLIENT_SECRET", "ZOHO_REFRESH_TOKEN", "ZOHO_WEBHOOK_SECRET", "ANTHROPIC_API_KEY"]) {
        expect(Object.keys(environmentOf(s)), `${name} sets ${secret}`).not.toContain(secret)
      }
    }
  })

  it.effect("runs subcommands and options the CLI accepts (and the check refuses unknown ones)", () =>
    Effect.gen(function* () {
      for (const [name, s] of docflowServices) {
        expect(yield* cliAccepts(s.command ?? []), `${name}: docflow ${(s.command ?? []).join(" ")}`).toBe(true)
      }
      expect(yield* cliAccepts(["consumer"])).toBe(false)
      expect(yield* cliAccepts(["webhook", "--prot", "5000"])).toBe(false)
      expect(yield* cliAccepts(["webhook", "--port", "http"])).toBe(false)
      expect(yield* cliAccepts([])).toBe(false)
    }))
})

describe(".env.example", () => {
  const text = readFileSync(new URL(".env.example", root), "utf8")
  /** Documented settings: `# NAME=` lines (commented out: an empty value is not "unset"). */
  const documented = [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/gm)]

  it.effect("documents only variables docflow reads, with no value, and loads as shipped", () =>
    Effect.gen(function* () {
      const read = yield* readByDocflow
      expect(documented.length).toBeGreaterThan(5)
      for (const [, variable, value] of documented) {
        expect([...read], variable).toContain(variable)
        expect(value, variable).toBe("")
      }
      const { result } = yield* load(Object.fromEntries(parseDotEnv(text)))
      expect(Either.isRight(result)).toBe(true)
    }))

  it("documents every secret the compose file leaves to it", () => {
    const names = new Set(documented.map((m) => m[1]))
    for (const secret of ["ZOHO_CLIENT_ID", "ZOHO_CLIENT_SECRET", "ZOHO_REFRESH_TOKEN", "ZOHO_WEBHOOK_SECRET"]) expect(names).toContain(secret)
  })
})
