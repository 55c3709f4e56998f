import Handlebars from "handlebars"

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;",
  "`": "&#96;", "=": "&#61;", "{": "&#123;", "}": "&#125;"
}

/**
 * HTML-escapes text, braces included: a candidate who writes `{{prenom}}` in a message must
 * not look like an unresolved placeholder to the reply validator.
 */
export const escapeText = (value: string): string => value.replace(/[&<>"'`={}]/g, (c) => ENTITIES[c] ?? c)

type Escaped = Handlebars.SafeString | string | number | boolean | null | ReadonlyArray<Escaped> | { readonly [k: string]: Escaped }

/**
 * The render context: every non-empty string pre-escaped and wrapped as a SafeString, so that
 * even a `{{{triple}}}` could not emit raw candidate text. Empty strings stay "" (falsy for `{{#if}}`).
 */
export const escapeContext = (value: unknown): Escaped => {
  if (typeof value === "string") return value === "" ? "" : new Handlebars.SafeString(escapeText(value))
  if (typeof value === "number" || typeof value === "boolean" || value === null) return value
  if (Array.isArray(value)) return value.map(escapeContext)
  if (typeof value === "object" && value !== undefined) {
    const out: Record<string, Escaped> = {}
    for (const [k, v] of Object.entries(value)) out[k] = escapeContext(v)
    return out
  }
  return null
}
