import type { Intent } from "../../schemas/intents.ts"
import type { LlmTriageAnswer } from "../../services/triage/llm/answer.ts"
import { MESSAGE_CLOSE, MESSAGE_OPEN } from "../../services/triage/llm/prompt.ts"

/**
 * The sandbox's stand-in for the model's judgement: a few keyword rules over the candidate's
 * message, enough to give tests and the demo a plausible, schema-valid answer that depends on
 * the input. Not a classifier anyone should rely on.
 */

type Answer = typeof LlmTriageAnswer.Encoded
type Context = NonNullable<Answer["intent_context"]>

const fold = (text: string): string => text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")

/** The candidate's words between the prompt's markers; the whole text when they are missing. */
export const candidateMessage = (userText: string): string => {
  const start = userText.indexOf(MESSAGE_OPEN)
  const end = userText.lastIndexOf(MESSAGE_CLOSE)
  return start >= 0 && end > start ? userText.slice(start + MESSAGE_OPEN.length, end).trim() : userText
}

const currentDepartment = (userText: string): string | undefined =>
  /Service actuel du ticket : ([^\n]+)/.exec(userText)?.[1]?.trim()

interface Rule {
  readonly intent: Intent
  readonly words: ReadonlyArray<string>
}

/** First match wins for the primary intent; later matches become secondary intents. */
const RULES: ReadonlyArray<Rule> = [
  { intent: "DEMANDE_SUPPRESSION_DONNEES", words: ["supprimer mes donnees", "droit a l'oubli", "rgpd"] },
  { intent: "ERREUR_PAIEMENT_CMA", words: ["paye 241", "paye 237", "debite", "preleve"] },
  { intent: "DEMANDE_ANNULATION", words: ["annuler", "rembourse", "retractation", "desistement"] },
  { intent: "FORCE_MAJEURE_REPORT", words: ["hospitalis", "deces", "accident", "certificat medical"] },
  { intent: "ANNONCE_RESULTAT_NEGATIF", words: ["j'ai echoue", "pas reussi", "recale"] },
  { intent: "ANNONCE_RESULTAT_POSITIF", words: ["j'ai reussi", "je suis admis"] },
  { intent: "DEMANDE_REINSCRIPTION", words: ["reinscri"] },
  { intent: "CONFIRMATION_DATE_EXAMEN", words: ["je confirme la date", "je valide la date", "ok pour la date"] },
  { intent: "DEMANDE_DATE_PLUS_TOT", words: ["plus tot", "avancer"] },
  { intent: "REPORT_DATE", words: ["reporter", "decaler", "repousser", "pas disponible", "indisponible"] },
  { intent: "DEMANDE_CONVOCATION", words: ["convocation"] },
  { intent: "RESULTAT_EXAMEN", words: ["resultat"] },
  { intent: "TRANSMET_DOCUMENTS", words: ["ci-joint", "piece jointe", "je vous transmets", "voici mes documents"] },
  { intent: "PERMIS_PROBATOIRE", words: ["probatoire", "jeune permis"] },
  { intent: "CONFIRMATION_SESSION", words: ["cours du soir", "cours du jour", "je choisis", "je prefere"] },
  { intent: "DEMANDE_LIEN_VISIO", words: ["lien zoom", "lien teams", "lien de la visio"] },
  { intent: "DEMANDE_DATE_VISIO", words: ["40h", "40 heures", "visio"] },
  { intent: "DEMANDE_ELEARNING_ACCESS", words: ["e-learning", "elearning"] },
  { intent: "DEMANDE_IDENTIFIANTS", words: ["identifiant", "mot de passe"] },
  { intent: "DEMANDE_DATE_EXAMEN", words: ["date d'examen", "date de l'examen", "date examen", "quand est mon examen"] },
  { intent: "QUESTION_CARTE_VTC", words: ["carte vtc"] },
  { intent: "DEMANDE_APPEL_TEL", words: ["rappeler", "m'appeler", "appel telephonique"] },
  { intent: "RECLAMATION", words: ["inadmissible", "scandale", "reclamation", "pas normal"] },
  { intent: "STATUT_DOSSIER", words: ["ou en est", "avancement", "mon dossier"] },
  { intent: "CONFIRMATION_PAIEMENT", words: ["facture", "paiement"] },
  { intent: "DOCUMENT_QUESTION", words: ["quels documents", "justificatif"] },
  { intent: "REMERCIEMENT", words: ["merci"] }
]

const MONTHS = ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"]
const CITIES: ReadonlyArray<readonly [string, string]> = [
  ["paris", "75"], ["lyon", "69"], ["marseille", "13"], ["toulouse", "31"], ["montpellier", "34"], ["nantes", "44"],
  ["bordeaux", "33"], ["lille", "59"], ["nice", "06"], ["strasbourg", "67"], ["rennes", "35"], ["rouen", "76"]
]
const COMMERCIAL = ["cpf", "compte formation", "taxi", "devis", "financement personnel"]

/** The first DD/MM/YYYY date after "je confirme"/"je valide", as YYYY-MM-DD. */
const confirmedDate = (text: string): string | null => {
  const m = /(?:je confirme|je valide|ok pour)[^0-9]{0,40}(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text)
  return m === null ? null : `${m[3]}-${(m[2] ?? "").padStart(2, "0")}-${(m[1] ?? "").padStart(2, "0")}`
}

const intentContext = (text: string): Context => {
  const monthIndex = MONTHS.findIndex((month) => new RegExp(`\\b${month}\\b`).test(text))
  const city = CITIES.find(([name]) => new RegExp(`\\b${name}\\b`).test(text))
  const forceMajeure = ["hospitalis", "deces", "accident"].find((word) => text.includes(word))
  return {
    is_urgent: text.includes("urgent"),
    mentions_force_majeure: forceMajeure !== undefined,
    force_majeure_type: forceMajeure === undefined ? null : forceMajeure === "deces" ? "death" : forceMajeure === "accident" ? "accident" : "medical",
    wants_earlier_date: text.includes("plus tot"),
    session_preference: text.includes("soir") ? "soir" : text.includes("cours du jour") || text.includes("journee") ? "jour" : null,
    mentioned_month: monthIndex >= 0 ? monthIndex + 1 : null,
    requested_location: city === undefined ? null : city[0],
    requested_dept_code: city === undefined ? null : city[1],
    is_complaint: text.includes("inadmissible") || text.includes("scandale"),
    confirmed_new_exam_date: confirmedDate(text)
  }
}

export const triageFromKeywords = (userText: string): Answer => {
  const text = fold(candidateMessage(userText))
  const matched = RULES.filter((rule) => rule.words.some((word) => text.includes(word))).map((rule) => rule.intent)
  const primary = matched[0] ?? "QUESTION_GENERALE"
  const route = primary === "DEMANDE_SUPPRESSION_DONNEES" || COMMERCIAL.some((word) => text.includes(word))
  return {
    action: route ? "ROUTE" : "GO",
    target_department: route ? "Contact" : (currentDepartment(userText) === "Contact" ? "Contact" : "DOC"),
    reason: matched.length === 0 ? "aucun mot-clé reconnu" : `mots-clés : ${matched.join(", ")}`,
    confidence: matched.length === 0 ? 0.5 : 0.9,
    primary_intent: primary,
    secondary_intents: matched.slice(1, 3),
    intent_context: intentContext(text),
    direct_answer: null
  }
}
