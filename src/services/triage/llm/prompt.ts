import type { LlmTriageInput } from "./input.ts"
import { INTENT_GUIDE } from "./intentGuide.ts"

/**
 * The triage prompt. Its wording is versioned: every result records `PROMPT_VERSION`, so an audit
 * can tell which instructions produced an answer. Change the text ⇒ bump the version.
 */
export const PROMPT_VERSION = "triage-fr-1"

/** The customer message travels between these markers (the sandbox reads them too). */
export const MESSAGE_OPEN = "<message_candidat>"
export const MESSAGE_CLOSE = "</message_candidat>"

export const MAX_MESSAGE_CHARS = 2_000

const SYSTEM_PROMPT = `Tu tries les e-mails reçus par le service DOC d'une école qui prépare des candidats à l'examen de chauffeur VTC (partenariat avec Uber, examen organisé par la CMA, inscription sur le portail ExamT3P).
Tu réponds uniquement en appelant l'outil fourni, avec un seul objet JSON.

SERVICES
- DOC : suivi des dossiers d'examen (cas par défaut ; les prospects Uber restent toujours en DOC).
- Refus CMA : le candidat ENVOIE des documents alors que son dossier est déjà entre les mains de la CMA.
- Contact : demandes commerciales, formations hors offre Uber (CPF, financement personnel, taxi…), demandes RGPD.
- Comptabilité : demande explicite de facture, attestation pour France Travail.

ACTION
- GO : le ticket reste dans son service actuel (target_department = service actuel).
- ROUTE : le ticket doit changer de service (target_department obligatoire).
- SPAM : publicité ou message sans rapport avec la formation.

INTENTIONS (primary_intent = la demande principale, secondary_intents = les autres demandes réelles)
${INTENT_GUIDE.map(([intent, meaning]) => `- ${intent} : ${meaning}`).join("\n")}

CONVENTIONS
- REPORT_DATE ou DEMANDE_DATE_PLUS_TOT : compare le mois demandé à la date d'examen attribuée.
- DEMANDE_DATE_EXAMEN si une date est attribuée, DEMANDE_DATES_FUTURES sinon.
- Un candidat qui s'étonne d'un changement de date ou qui le signale ne demande pas un report : communication_mode = "clarification", mentions_discrepancy = true.
- Des dates de formation recopiées d'un e-mail de confirmation de notre part vont dans current_session_dates, pas dans requested_training_dates.
- « 9h-18h », « en journée » ⇒ préférence "jour" ; « le soir », « après le travail » ⇒ "soir".
- Année d'une date sans année : l'année en cours, ou la suivante si la date est déjà passée.
- La force majeure ne compte que si elle touche le candidat ou un proche parent ; un souci de garde d'enfant est "childcare".
- requested_dept_code : numéro du département de la ville citée (Paris 75, Lyon 69, Marseille 13, Toulouse 31, Montpellier 34, Nantes 44, Bordeaux 33, Lille 59, Nice 06, Strasbourg 67, Rennes 35, Rouen 76, Nîmes 30, Perpignan 66).
- Dates au format AAAA-MM-JJ ; confirmed_session_dates au format JJ/MM/AAAA-JJ/MM/AAAA.
- direct_answer : 2 ou 3 phrases fondées uniquement sur les données du dossier ci-dessous, sinon null. N'invente aucune date.
- confidence : entre 0 et 1.`

const line = (label: string, value: string | number | null): string => `${label} : ${value === null || value === "" ? "non renseigné" : value}`

const dealLines = (input: LlmTriageInput): ReadonlyArray<string> => {
  const deal = input.deal
  if (deal === null) return ["Aucun dossier (opportunité) relié à ce ticket."]
  return [
    line("Dossier", deal.name),
    line("Montant", deal.amount === null ? null : `${deal.amount} €`),
    line("Étape", deal.stage),
    line("Statut Evalbox", deal.evalbox),
    `Date d'examen : ${deal.examDate ?? "Aucune date assignée"}${deal.examDepartement === null ? "" : ` (département ${deal.examDepartement})`}`,
    line("Session de formation", deal.sessionName === null ? null : `${deal.sessionName}${deal.sessionType === null ? "" : ` (cours du ${deal.sessionType})`}`)
  ]
}

/**
 * Keeps the newest part of an over-long message (the candidate's latest words come first), and
 * removes our own markers so a message cannot close its frame and speak as the prompt.
 */
export const clipMessage = (message: string): string => {
  const framed = message.split(MESSAGE_OPEN).join("").split(MESSAGE_CLOSE).join("")
  return framed.length <= MAX_MESSAGE_CHARS ? framed : `${framed.slice(0, MAX_MESSAGE_CHARS)}…`
}

export const userPrompt = (input: LlmTriageInput): string =>
  [
    line("Date du jour", input.today),
    line("Service actuel du ticket", input.currentDepartment),
    line("Objet du ticket", input.subject),
    ...dealLines(input),
    ...(input.dealJourney === "" ? [] : [`Parcours du dossier : ${input.dealJourney}`]),
    ...(input.conversationSummary === "" ? [] : [`Résumé des échanges précédents : ${input.conversationSummary}`]),
    ...(input.agentHint === "" ? [] : [`Indication d'un conseiller : ${input.agentHint}`]),
    "",
    "Dernier message du candidat :",
    MESSAGE_OPEN,
    clipMessage(input.customerMessage),
    MESSAGE_CLOSE
  ].join("\n")

/** The prompt in @effect/ai's message form. */
export const triagePrompt = (input: LlmTriageInput) =>
  [
    { role: "system" as const, content: SYSTEM_PROMPT },
    { role: "user" as const, content: userPrompt(input) }
  ]
