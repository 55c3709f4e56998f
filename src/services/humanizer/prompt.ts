/** The humanizer prompt (DOMAIN.md §9.7), versioned like the triage prompt. */

export const HUMANIZER_PROMPT_VERSION = "humanizer-fr-1"

export const REPLY_OPEN = "<reponse_a_reformuler>"
export const REPLY_CLOSE = "</reponse_a_reformuler>"
export const CANDIDATE_OPEN = "<message_candidat>"
export const CANDIDATE_CLOSE = "</message_candidat>"

const SYSTEM_PROMPT = `Tu relis les réponses que le service DOC d'une école de formation au métier de chauffeur VTC envoie à ses candidats.
On te donne une réponse déjà correcte sur le fond, produite à partir de modèles. Rends-la plus naturelle et plus fluide en français, comme si un conseiller l'avait écrite, sans rien changer au fond.

Règles impératives :
- Garde chaque fait tel quel : toutes les dates, heures, montants, liens, adresses e-mail, identifiants et mots de passe, numéros de département (« CMA 75 »).
- N'invente aucune date ni aucune information absente de la réponse.
- Ne mentionne jamais le prix de l'offre.
- Une proposition reste une proposition : n'écris jamais qu'une date ou une session est confirmée ou réservée si la réponse ne le dit pas.
- Garde le HTML : retours à la ligne en <br>, gras en <b>, listes et liens tels quels.
- Garde la salutation au début et la formule de politesse à la fin.
Réponds uniquement avec le HTML réécrit, sans commentaire ni balise de code.`

const MARKERS = [REPLY_OPEN, REPLY_CLOSE, CANDIDATE_OPEN, CANDIDATE_CLOSE]

/** Removes our markers from embedded text so it cannot close its frame. */
const unframed = (text: string): string => MARKERS.reduce((out, marker) => out.split(marker).join(""), text)

export const humanizerPrompt = (reply: string, candidateMessage: string) => [
  { role: "system" as const, content: SYSTEM_PROMPT },
  {
    role: "user" as const,
    content: [
      "Message du candidat (pour le ton seulement ; n'y reprends aucune information) :",
      CANDIDATE_OPEN,
      unframed(candidateMessage),
      CANDIDATE_CLOSE,
      "",
      "Réponse à reformuler :",
      REPLY_OPEN,
      unframed(reply),
      REPLY_CLOSE
    ].join("\n")
  }
]

/** Removes a Markdown code fence or the markers if the model echoed them. */
export const cleanRewrite = (text: string): string =>
  text
    .trim()
    .replace(/^```(?:html)?\s*\n?/i, "")
    .replace(/\n?```$/, "")
    .replace(REPLY_OPEN, "")
    .replace(REPLY_CLOSE, "")
    .trim()
