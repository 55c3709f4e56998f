import { Schema } from "effect"
import { REPLY_CLOSE, REPLY_OPEN } from "../../services/humanizer/prompt.ts"

/**
 * The sandbox's humanizer: a few phrase substitutions on the reply it was given, and, on demand,
 * a deliberate mistake of the kind the humanizer must catch.
 */

export const RewriteMode = Schema.Literal(
  "faithful", // reworded, every fact kept
  "drop-date", // the first date disappears
  "change-amount", // the first amount grows by 1
  "drop-link", // the first link disappears
  "add-date", // an invented date is appended
  "confirm" // a proposal becomes a confirmation
)
export type RewriteMode = typeof RewriteMode.Type

const SUBSTITUTIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/Nous vous informons que/g, "Nous vous indiquons que"],
  [/N'hésitez pas à/g, "Vous pouvez"],
  [/Veuillez/g, "Merci de"],
  [/afin de/g, "pour"],
  [/Nous restons à votre disposition/g, "Nous restons à votre écoute"]
]

export const replyToRewrite = (userText: string): string => {
  const start = userText.indexOf(REPLY_OPEN)
  const end = userText.lastIndexOf(REPLY_CLOSE)
  return start >= 0 && end > start ? userText.slice(start + REPLY_OPEN.length, end).trim() : userText
}

const DATE = /\b\d{1,2}\/\d{1,2}\/\d{4}\b|\b\d{1,2}(?:er)? (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}\b/
const AMOUNT = /(\d+)(\s*(?:€|euros))/
const LINK = /<a\b[^>]*>.*?<\/a>|https?:\/\/\S+/

export const rewriteReply = (userText: string, mode: RewriteMode): string => {
  const reworded = SUBSTITUTIONS.reduce((text, [pattern, by]) => text.replace(pattern, by), replyToRewrite(userText))
  switch (mode) {
    case "faithful":
      return reworded
    case "drop-date":
      return reworded.replace(DATE, "prochainement")
    case "change-amount":
      return reworded.replace(AMOUNT, (_whole, amount: string, unit: string) => `${Number(amount) + 1}${unit}`)
    case "drop-link":
      return reworded.replace(LINK, "notre site")
    case "add-date":
      return `${reworded}<br>Prochaine réunion d'information : 02/01/2031.`
    case "confirm":
      return reworded.replace(/<br>/, "<br>Votre date d'examen est confirmée.<br>")
  }
}
