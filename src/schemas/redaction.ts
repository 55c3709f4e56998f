import { Schema } from "effect"

/**
 * Secrets never travel in a stored case file, an event or a log line. The ExamT3P password
 * (`MDP_EVALBOX` on the deal, `mot_de_passe` in the ExamT3P data) is replaced by this marker when
 * the case file is gathered; the act step resolves the real value from the CRM only when it needs it.
 */
export const EXAMT3P_PASSWORD_MARKER = "<redacted:examt3p-password>" as const

export const RedactedExamt3pPassword = Schema.Literal(EXAMT3P_PASSWORD_MARKER).annotations({
  identifier: "RedactedExamt3pPassword",
  description: "the ExamT3P password, redacted"
})
export type RedactedExamt3pPassword = typeof RedactedExamt3pPassword.Type

/** Marker for a password that is present, `null` for an absent or empty one. */
export const redactExamt3pPassword = (password: string | null | undefined): RedactedExamt3pPassword | null =>
  password === null || password === undefined || password.trim() === "" ? null : EXAMT3P_PASSWORD_MARKER
