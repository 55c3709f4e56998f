import { Schema } from "effect"

/**
 * Secrets never travel in a stored case file, an event or a log line. The ExamT3P password
 * (`MDP_EVALBOX` on the deal, `mot_de_passe` in the ExamT3P data) is replaced by this marker when
 * the case file is gathered; the act step resolves the real value from the CRM only when it needs it.
 * The marker is the one `redactCaseFile` (src/schemas/events.ts) writes, so both agree.
 */
export const EXAMT3P_PASSWORD_MARKER = "[redacted:examt3p-password]" as const

/**
 * A stored password field: the marker when a password exists, `""` when the field is empty
 * (the rules need to know whether credentials exist at all). Never the clear value.
 */
export const RedactedExamt3pPassword = Schema.Literal(EXAMT3P_PASSWORD_MARKER, "").annotations({
  identifier: "RedactedExamt3pPassword",
  description: "the ExamT3P password, redacted"
})
export type RedactedExamt3pPassword = typeof RedactedExamt3pPassword.Type

/** Marker for a password that is present; empty stays empty, absent stays null. */
export const redactExamt3pPassword = (password: string | null | undefined): RedactedExamt3pPassword | null => {
  if (password === null || password === undefined) return null
  return password === "" ? "" : EXAMT3P_PASSWORD_MARKER
}
