import { Either, ParseResult, Schema } from "effect"
import type { CompiledTemplates } from "./compile.ts"
import { errorText } from "./compile.ts"
import { escapeContext } from "./internal/escape.ts"
import { TemplateError } from "./internal/errors.ts"
import { htmlToText } from "./internal/htmlToText.ts"
import type { Reply } from "./Reply.ts"
import { TemplateVars, type TemplateVarsInput } from "./TemplateVars.ts"
import { validateReply } from "./validate.ts"

export interface RenderOptions {
  /** Today's calendar date (Europe/Paris), `YYYY-MM-DD`: the validator rejects dates before it. */
  readonly today: string
  /** Entry template; `master` unless a decision picks another. */
  readonly template?: string
}

const SECTION_MARKER = /<!--section:([a-z0-9_:]+)-->/g

/** Strips the section markers and comments, collapses template whitespace into tidy HTML. */
const finishHtml = (raw: string): { readonly html: string; readonly sections: ReadonlyArray<string> } => {
  const sections = [...raw.matchAll(SECTION_MARKER)].map((m) => m[1] ?? "")
  const html = raw
    .replace(/<!--[\s\S]*?-->/g, "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("\n")
  return { html, sections }
}

/**
 * Flags that depend on the rendering day, so every template branch can avoid printing a past
 * date (the validator refuses one) whatever the caller's state-specific flags say.
 */
const withDayFlags = (vars: TemplateVars, today: string): TemplateVars => ({
  ...vars,
  date_examen_is_past: vars.date_examen !== "" && vars.date_examen < today
})

const decodeVars = Schema.decodeUnknownEither(TemplateVars, { errors: "all", onExcessProperty: "ignore" })

/**
 * Renders a reply from the template variables: pure (no I/O, no clock; `today` is an input).
 * Fails only when the variables do not decode or the template throws (e.g. a date missing in
 * a branch that prints it); validation problems are reported in `reply.validation`.
 */
export const renderReply = (
  compiled: CompiledTemplates,
  input: TemplateVarsInput | TemplateVars,
  options: RenderOptions
): Either.Either<Reply, TemplateError> => {
  const template = options.template ?? "master"
  const entry = compiled.entries.get(template)
  if (entry === undefined) {
    return Either.left(new TemplateError({ reason: "UnknownTemplate", template, message: `no entry template "${template}"` }))
  }
  const decoded = decodeVars(input)
  if (Either.isLeft(decoded)) {
    return Either.left(new TemplateError({
      reason: "InvalidVariables",
      template,
      message: ParseResult.TreeFormatter.formatErrorSync(decoded.left)
    }))
  }
  const vars = withDayFlags(decoded.right, options.today)
  let raw: string
  try {
    raw = entry(escapeContext(vars))
  } catch (e) {
    return Either.left(new TemplateError({ reason: "RenderFailed", template, message: errorText(e) }))
  }
  const { html, sections } = finishHtml(raw)
  const text = htmlToText(html)
  return Either.right({
    html,
    text,
    template,
    sections: [...sections],
    validation: validateReply({ html, text, vars, today: options.today })
  })
}
