import { Effect, Either } from "effect"
import { readdir, readFile } from "node:fs/promises"
import { join, relative, sep } from "node:path"
import { compileTemplates, errorText, type CompiledTemplates, type TemplateSources } from "./compile.ts"
import { TemplateError } from "./internal/errors.ts"

/** Edge: reads every `.hbs` file under `dir` into a name → source map (name = path without `.hbs`). */
export const loadTemplateSources = (dir: string): Effect.Effect<TemplateSources, TemplateError> =>
  Effect.tryPromise({
    try: async () => {
      const entries = await readdir(dir, { recursive: true, withFileTypes: true })
      const sources: Record<string, string> = {}
      for (const entry of entries) {
        if (!entry.isFile() || !entry.name.endsWith(".hbs")) continue
        const path = join(entry.parentPath, entry.name)
        const name = relative(dir, path).split(sep).join("/").replace(/\.hbs$/, "")
        sources[name] = await readFile(path, "utf8")
      }
      return sources
    },
    catch: (e) => new TemplateError({ reason: "LoadFailed", template: dir, message: errorText(e) })
  })

/** Edge: loads and compiles the templates of a directory. */
export const loadTemplates = (dir: string): Effect.Effect<CompiledTemplates, TemplateError> =>
  Effect.flatMap(loadTemplateSources(dir), (sources) => Either.match(compileTemplates(sources), {
    onLeft: Effect.fail,
    onRight: Effect.succeed
  }))

/** The TypeScript module embedding the sources (templates/index.ts), so pure code needs no file system. */
export const sourcesModule = (sources: TemplateSources): string => {
  const lines = Object.keys(sources).sort().map((name) => `  ${JSON.stringify(name)}: ${JSON.stringify(sources[name])},`)
  return [
    "// Generated from templates/**/*.hbs by the render tests (UPDATE_TEMPLATES_INDEX=1). Do not edit by hand.",
    "export const templateSources: Readonly<Record<string, string>> = {",
    ...lines,
    "}",
    ""
  ].join("\n")
}
