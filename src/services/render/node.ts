/** Edge of the render service: loads the `.hbs` templates from disk (node:fs). */
import { Layer } from "effect"
import { ReplyTemplates, type TemplateError } from "./index.ts"
import { loadTemplates } from "./loadTemplates.ts"

export { loadTemplateSources, loadTemplates, sourcesModule } from "./loadTemplates.ts"

/** The compiled templates read from a directory (operators editing templates without a rebuild). */
export const replyTemplatesFromDirectory = (dir: string): Layer.Layer<ReplyTemplates, TemplateError> =>
  Layer.effect(ReplyTemplates, loadTemplates(dir))
