/**
 * The sandbox's conversation analysis: reads the prompt the adapter sends (proposed dates line,
 * last candidate message) and answers with keyword rules, so tests and the demo get a plausible,
 * deterministic `ConversationAnalysis` without a model.
 */
import { LAST_MESSAGE_LABEL, PROPOSED_DATES_LABEL } from "../../services/conversation/prompt.ts"

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]

const lineAfter = (text: string, label: string): string => {
  const line = text.split("\n").find((l) => l.startsWith(`${label} :`))
  return line === undefined ? "" : line.slice(label.length + 2).trim()
}

/** The message names this `YYYY-MM-DD` date ("27/04", "27 avril", "2026-04-27"). */
const names = (message: string, iso: string): boolean => {
  const [, m, d] = iso.split("-").map(Number) as [number, number, number]
  const text = message.toLowerCase()
  return text.includes(iso) ||
    new RegExp(`(^|\\D)0?${d}[/.-]0?${m}(\\D|$)`).test(text) ||
    new RegExp(`(^|\\D)(0?${d}|${d}er) ${MONTHS[m - 1] ?? "?"}`).test(text)
}

export const conversationFromKeywords = (userText: string): Record<string, unknown> => {
  const proposed = lineAfter(userText, PROPOSED_DATES_LABEL).split(",").map((d) => d.trim()).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
  const last = lineAfter(userText, LAST_MESSAGE_LABEL)
  const lower = last.toLowerCase()
  const chosen = proposed.filter((d) => names(last, d))
  const base = { commitments: [], human_is_handling: false, proposed_dates: proposed, proposed_sessions: [], target_session: null }
  if (chosen.length === 1 && chosen[0] !== undefined) {
    return {
      ...base, conversation_mode: "confirmation", response_mode: "brief_confirmation", target_date: chosen[0],
      decisions: [{ kind: "date_choice", value: chosen[0], confidence: 0.9 }]
    }
  }
  const mode = /toujours pas|relance|encore une fois|sans réponse/.test(lower) ? "insistence"
    : /où en est|avancement|des nouvelles|statut|état de mon dossier/.test(lower) ? "status_check"
    : /^\s*merci\b/.test(lower) && lower.length < 80 ? "gratitude"
    : "follow_up"
  return {
    ...base, conversation_mode: mode, response_mode: mode === "status_check" ? "status_update" : "full", target_date: null,
    decisions: /je garde|je conserve|je reste sur/.test(lower) ? [{ kind: "keep_current", value: null, confidence: 0.8 }] : []
  }
}
