import { Data } from "effect"

/** Why the templates could not be loaded, compiled or rendered. */
export class TemplateError extends Data.TaggedError("TemplateError")<{
  readonly reason: "LoadFailed" | "CompileFailed" | "UndeclaredVariable" | "UnknownTemplate" | "InvalidVariables" | "RenderFailed"
  readonly template: string
  readonly message: string
}> {}
