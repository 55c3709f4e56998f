/**
 * The conversation-analysis prompt (V3, §8.6): every exchange of the ticket, oldest first, with the
 * dates we proposed earlier. Versioned like the triage prompt: change the text ⇒ bump the version.
 */
export const CONVERSATION_PROMPT_VERSION = "conversation-fr-1"

/** Name of the forced tool the structured answer travels through (the sandbox recognises it). */
export const CONVERSATION_OBJECT_NAME = "docflow_conversation"

export const EXCHANGE_OPEN = "<echange>"
export const EXCHANGE_CLOSE = "</echange>"
/** The sandbox reads these lines back. */
export const PROPOSED_DATES_LABEL = "Dates d'examen proposées précédemment"
export const LAST_MESSAGE_LABEL = "Dernier message du candidat"

const MAX_MESSAGE_CHARS = 1_500
const MAX_MESSAGES = 12

export interface ConversationMessage {
  readonly direction: "in" | "out"
  /** ISO instant */
  readonly at: string
  readonly text: string
}

export interface ConversationInput {
  readonly today: string
  /** oldest first */
  readonly messages: ReadonlyArray<ConversationMessage>
  /** `YYYY-MM-DD` dates of the previous META `proposed_dates` */
  readonly proposedDates: ReadonlyArray<string>
}

const SYSTEM_PROMPT = `Tu analyses l'échange entre le service DOC d'une école de chauffeurs VTC et un candidat (examen organisé par la CMA).
Tu réponds uniquement en appelant l'outil fourni, avec un seul objet JSON.

- conversation_mode : nature du dernier message du candidat (initial_contact, confirmation, clarification, status_check, insistence, new_topic, follow_up, complaint, gratitude).
- response_mode : la réponse attendue. full = réponse complète ; brief_confirmation = le candidat confirme un choix, un accusé bref suffit ; targeted = répondre à la seule question posée ; status_update = le candidat demande où en est son dossier.
- commitments : ce que l'école s'est engagée à faire dans ses messages (report_date, change_session, contact_cma, callback, wait_validation, create_account, escalate, refund_processing, send_convocation).
- decisions : ce que le candidat a décidé, avec une confiance de 0 à 1. Pour date_choice, value = la date d'examen choisie au format YYYY-MM-DD, uniquement si le candidat la nomme clairement.
- target_date / target_session : la date d'examen ou la session sur laquelle l'échange converge, sinon null.
- human_is_handling : true si un conseiller humain traite visiblement le dossier.
- proposed_dates / proposed_sessions : les dates (YYYY-MM-DD) et sessions que l'école a proposées.
N'invente rien : en cas de doute, laisse la liste vide ou la valeur à null.`

const clip = (text: string): string => {
  const framed = text.split(EXCHANGE_OPEN).join("").split(EXCHANGE_CLOSE).join("").trim()
  return framed.length <= MAX_MESSAGE_CHARS ? framed : `${framed.slice(0, MAX_MESSAGE_CHARS)}…`
}

export const conversationUserPrompt = (input: ConversationInput): string => {
  const messages = input.messages.slice(-MAX_MESSAGES)
  const last = [...messages].reverse().find((m) => m.direction === "in")
  return [
    `Date du jour : ${input.today}`,
    `${PROPOSED_DATES_LABEL} : ${input.proposedDates.length === 0 ? "aucune" : input.proposedDates.join(", ")}`,
    "",
    EXCHANGE_OPEN,
    ...messages.map((m) => `[${m.at.slice(0, 16)}] ${m.direction === "in" ? "CANDIDAT" : "ÉCOLE"} : ${clip(m.text)}`),
    EXCHANGE_CLOSE,
    "",
    `${LAST_MESSAGE_LABEL} : ${last === undefined ? "" : clip(last.text).replace(/\s+/g, " ")}`
  ].join("\n")
}

export const conversationPrompt = (input: ConversationInput) => [
  { role: "system" as const, content: SYSTEM_PROMPT },
  { role: "user" as const, content: conversationUserPrompt(input) }
]
