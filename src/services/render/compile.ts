import { Either } from "effect"
import Handlebars from "handlebars"
import { checkTemplate, type VariableScope } from "./internal/checkVariables.ts"
import { TemplateError } from "./internal/errors.ts"
import { formatFrenchDate } from "./internal/frenchDates.ts"
import { listItemFields, TemplateVars } from "./TemplateVars.ts"

/** Template name → Handlebars source, e.g. `"master"`, `"blocks/greeting"` (path without `.hbs`). */
export type TemplateSources = Readonly<Record<string, string>>

/**
 * The reply templates, compiled once (strict mode) and checked against `TemplateVars`.
 * Entry templates are the names without a folder (`master`); every name is also a partial.
 */
export interface CompiledTemplates {
  readonly entries: ReadonlyMap<string, Handlebars.TemplateDelegate>
  readonly partialNames: ReadonlyArray<string>
}

const scope: VariableScope = {
  topLevel: new Set(Object.keys(TemplateVars.fields)),
  listItems: listItemFields
}

/** `{{date_fr x}}`: "mardi 31 mars 2026". Throws on anything but a calendar date, so a missing date is an error. */
const dateFr = (value: unknown): string => {
  const iso = String(value ?? "")
  const formatted = formatFrenchDate(iso)
  if (formatted === undefined) throw new Error(`date_fr: not a YYYY-MM-DD date: ${JSON.stringify(iso)}`)
  return formatted
}

/** Compiles a set of template sources; pure (no file system), so `decide` can build it from an embedded map. */
export const compileTemplates = (sources: TemplateSources): Either.Either<CompiledTemplates, TemplateError> => {
  const env = Handlebars.create()
  env.registerHelper("date_fr", dateFr)
  const names = Object.keys(sources).sort()
  const partialNames = new Set(names)
  const entries = new Map<string, Handlebars.TemplateDelegate>()
  for (const name of names) {
    const source = sources[name] ?? ""
    let problems
    try {
      problems = checkTemplate(source, scope, partialNames)
    } catch (e) {
      return Either.left(new TemplateError({ reason: "CompileFailed", template: name, message: errorText(e) }))
    }
    const first = problems[0]
    if (first !== undefined) {
      return Either.left(new TemplateError({
        reason: first.kind === "UndeclaredVariable" ? "UndeclaredVariable" : "CompileFailed",
        template: name,
        message: problems.map((p) => `${p.kind} ${p.detail} (line ${p.line})`).join("; ")
      }))
    }
    const compiled = env.compile(source, { strict: true, knownHelpersOnly: false, noEscape: false })
    env.registerPartial(name, compiled)
    if (!name.includes("/")) entries.set(name, compiled)
  }
  return Either.right({ entries, partialNames: names })
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e))
