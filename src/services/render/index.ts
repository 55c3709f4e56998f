/**
 * Reply rendering: Handlebars templates (templates/**), the template-variable schema, French
 * date formatting and the reply validator. `decide` receives a `CompiledTemplates` value and
 * calls `renderReply`. Everything here is pure and runs under Deno; reading the `.hbs` files
 * from disk lives in the edge module `./node.ts`.
 */
import { Context, Effect, Either, Layer } from "effect"
import { templateSources } from "../../../templates/index.ts"
import { compileTemplates, type CompiledTemplates } from "./compile.ts"
import type { TemplateError } from "./internal/errors.ts"

export { compileTemplates, type CompiledTemplates, type TemplateSources } from "./compile.ts"
export { htmlToText } from "./internal/htmlToText.ts"
export { INTENT_FLAGS } from "./intentFlags.ts"
export { TemplateError } from "./internal/errors.ts"
export { formatFrenchDate } from "./internal/frenchDates.ts"
export { renderReply, type RenderOptions } from "./render.ts"
export { Reply, ReplyValidation, ValidationIssue } from "./Reply.ts"
export { NextDate, ProposedSession, RefusedPiece, TemplateVars, type TemplateVarsInput } from "./TemplateVars.ts"
export { credentialsAllowed, validateReply, type ValidationInput } from "./validate.ts"

/** Compiles the templates embedded in templates/index.ts (no file system; Deno-safe). */
export const embeddedTemplates = (): Either.Either<CompiledTemplates, TemplateError> => compileTemplates(templateSources)

/** The compiled reply templates, provided once per process. */
export class ReplyTemplates extends Context.Tag("docflow/ReplyTemplates")<ReplyTemplates, CompiledTemplates>() {
  /** From the sources embedded at build time. */
  static readonly embedded: Layer.Layer<ReplyTemplates, TemplateError> = Layer.effect(
    ReplyTemplates,
    Effect.suspend(() => Either.match(embeddedTemplates(), { onLeft: Effect.fail, onRight: Effect.succeed }))
  )
}
