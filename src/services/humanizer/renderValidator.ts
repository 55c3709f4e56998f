import { htmlToText, type TemplateVars, validateReply } from "../render/index.ts"
import type { ReplyValidator } from "./rejection.ts"

/** The render service's reply validator (§9.8), bound to one reply's variables, as the humanizer calls it. */
export const renderReplyValidator = (context: { readonly vars: TemplateVars; readonly today: string }): ReplyValidator =>
(html) => {
  const validation = validateReply({ html, text: htmlToText(html), vars: context.vars, today: context.today })
  return [
    ...validation.errors.map((issue) => ({ severity: "error" as const, message: `${issue.code}: ${issue.message}` })),
    ...validation.warnings.map((issue) => ({ severity: "warning" as const, message: `${issue.code}: ${issue.message}` }))
  ]
}
