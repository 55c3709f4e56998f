/** Fills `intent_context` (§2.7) from the folded customer text. */
import type { CommunicationMode, IntentContext, SessionPreference } from "../contract.ts"
import { findDates, readMonths } from "../text/frenchDates.ts"
import { fold } from "../text/normalize.ts"
import { findLocation } from "./locations.ts"

export type ForceMajeureKind = "medical" | "death" | "accident" | "childcare" | "other"

const forceMajeureCues: ReadonlyArray<readonly [ForceMajeureKind, RegExp]> = [
  ["death", /(deces|decede|deuil|enterrement|obseques|funerailles|est mort|est morte|perdu (mon|ma) (pere|mere|frere|soeur|fils|fille|grand))/],
  ["accident", /(accident)/],
  ["medical", /(hospitalis|hopital|malade|maladie|certificat medical|arret (de travail|maladie)|operation|opere|chirurgi|urgences|enceinte|accouch|covid|blesse)/],
  ["childcare", /(garde (de mes|d'enfant|des enfants)|pas de mode de garde|nounou|creche|mon enfant est malade)/],
  ["other", /(force majeure|convocation (judiciaire|au tribunal)|catastrophe|incendie|inondation)/]
]

const sentenceAround = (text: string, index: number): string => {
  const start = Math.max(text.lastIndexOf(".", index), text.lastIndexOf("\n", index), text.lastIndexOf("!", index)) + 1
  const ends = [".", "\n", "!", "?"].map((c) => text.indexOf(c, index)).filter((i) => i !== -1)
  const end = ends.length > 0 ? Math.min(...ends) : text.length
  return text.slice(start, end).trim().slice(0, 200)
}

export interface ForceMajeure {
  readonly kind: ForceMajeureKind
  readonly details: string
}

export const detectForceMajeure = (text: string): ForceMajeure | undefined => {
  const folded = fold(text)
  for (const [kind, pattern] of forceMajeureCues) {
    const match = pattern.exec(folded)
    if (match !== null) return { kind, details: sentenceAround(text, match.index) }
  }
  return undefined
}

/** "9h-18h", "la journée" → jour; "le soir", "après le travail", "18h-22h" → soir; both → none. */
export const sessionPreference = (text: string): SessionPreference | null => {
  const folded = fold(text)
  let jour = /(cours du jour|en journee|la journee|de jour|du jour|le matin|option 1|premiere option|\bcdj\b|formation du jour)/.test(folded)
  let soir = /(cours du soir|le soir|en soiree|du soir|apres (le|mon) travail|apres le boulot|option 2|deuxieme option|seconde option|\bcds\b)/.test(folded)
  for (const m of folded.matchAll(/\b(\d{1,2})\s*h\s*(\d{2})?\s*(-|a|jusqu'a)\s*(\d{1,2})\s*h/g)) {
    const start = Number(m[1])
    const end = Number(m[4])
    if (start >= 17) soir = true
    else if (start < 13 && end <= 19) jour = true
  }
  if (jour === soir) return null
  return jour ? "jour" : "soir"
}

const confirmationCue = /(je (confirme|valide|choisis|choisi|prends|retiens|opte)|ok pour|d'accord pour|ca me va|c'est bon pour|va pour|je suis d'accord|parfait pour|je souhaite (le|la date))/

/** A written date presented as the candidate's choice. */
export const confirmedExamDate = (text: string, today: string): string | null => {
  const folded = fold(text)
  for (const date of findDates(text, today)) {
    const before = folded.slice(Math.max(0, date.index - 70), date.index)
    const after = folded.slice(date.index, date.index + date.raw.length + 40)
    if (/(du\s*$)/.test(before) && /\bau\b/.test(after)) continue // a range is about sessions
    if (confirmationCue.test(before) && date.iso >= today) return date.iso
  }
  return null
}

const pad = (n: string): string => n.padStart(2, "0")

/** "du 13 avril au 24 avril" → "13/04/YYYY-24/04/YYYY" (session dates). */
export const sessionRange = (text: string, today: string): string | null => {
  const dates = findDates(text, today)
  const folded = fold(text)
  for (let i = 0; i + 1 < dates.length; i++) {
    const first = dates[i]
    const second = dates[i + 1]
    if (first === undefined || second === undefined) continue
    const between = folded.slice(first.index + first.raw.length, second.index)
    if (/^\s*(au|-|jusqu'au)\s*$/.test(between) && /du\s*$/.test(folded.slice(Math.max(0, first.index - 5), first.index))) {
      const fmt = (iso: string) => `${pad(iso.slice(8, 10))}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`
      return `${fmt(first.iso)}-${fmt(second.iso)}`
    }
  }
  // "du 13 au 24 avril": the first day borrows the month of the second
  const short = /du (\d{1,2})(?:er)? au (\d{1,2})(?:er)? ([a-z]+)(?: (\d{4}))?/.exec(folded)
  if (short !== null) {
    const end = findDates(short[0].slice(short[0].indexOf("au ") + 3), today)[0]
    if (end !== undefined) return `${pad(short[1] ?? "")}/${end.iso.slice(5, 7)}/${end.iso.slice(0, 4)}-${pad(end.iso.slice(8, 10))}/${end.iso.slice(5, 7)}/${end.iso.slice(0, 4)}`
  }
  return null
}

const isoOf = (ddmmyyyy: string): string => `${ddmmyyyy.slice(6, 10)}-${ddmmyyyy.slice(3, 5)}-${ddmmyyyy.slice(0, 2)}`

/** A range the candidate asks for (not confirms): §6.6 specific-dates request, dates as YYYY-MM-DD. */
const trainingRequest = (range: string, text: string): NonNullable<IntentContext["requested_training_dates"]> => {
  const [start = "", end = ""] = range.split("-")
  return {
    start_date: isoOf(start),
    end_date: isoOf(end),
    month: Number(start.slice(3, 5)),
    raw_text: text.replace(/\s+/g, " ").trim().slice(0, 200),
    is_range: true,
    inferred_preference: sessionPreference(text)
  }
}

export const communicationMode = (folded: string): CommunicationMode => {
  if (/(relance|toujours (pas|aucune|sans)|je reviens vers vous|sans nouvelles|pas eu de reponse|suite a mon (mail|message)|je me permets de vous relancer|deja ecrit)/.test(folded)) return "follow_up"
  if (/(je ne comprends pas|vous m'avez (dit|ecrit|indique)|pourtant|contradiction|ce n'est pas ce que|je croyais|on m'a dit)/.test(folded)) return "clarification"
  if (/(je voulais (verifier|m'assurer|etre sur)|pouvez-vous (me )?confirmer|pouvez vous (me )?confirmer|est-ce bien|c'est bien (le|la|ca))/.test(folded)) return "verification"
  return "request"
}

const emailPattern = /[A-Z0-9._%+'-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i
const mobilePattern = /(?:\+33\s?|\b0)[67](?:[\s.-]?\d{2}){4}\b/

export const buildIntentContext = (text: string, today: string): IntentContext => {
  const folded = fold(text)
  const forceMajeure = detectForceMajeure(text)
  const location = findLocation(text)
  const monthsRead = readMonths(text, today)
  const discrepancy = /(pourtant|alors que|contradiction|pas la meme date|ce n'est pas (la|ce)|erreur (de|sur) (la )?(date|session))/.exec(folded)
  const range = sessionRange(text, today)
  const email = emailPattern.exec(text)?.[0] ?? null
  const phone = mobilePattern.exec(text)?.[0] ?? null
  return {
    is_urgent: /(urgent|urgence|au plus vite|rapidement|asap|des que possible|au plus tot)/.test(folded),
    mentions_force_majeure: forceMajeure !== undefined,
    force_majeure_type: forceMajeure?.kind ?? null,
    force_majeure_details: forceMajeure?.details ?? null,
    wants_earlier_date: /(plus tot|avancer|date plus proche|au plus vite|le plus tot)/.test(folded),
    session_preference: sessionPreference(text),
    mentioned_month: monthsRead.mentionedMonth,
    requested_month: monthsRead.requestedMonth,
    requested_location: location?.name ?? null,
    requested_dept_code: location?.deptCode ?? null,
    confirmed_new_exam_date: confirmedExamDate(text, today),
    confirmed_session_dates: range !== null && confirmationCue.test(folded) ? range : null,
    remboursement_cma_choice: /(garder|conserver)[^.?!]{0,40}(paiement|inscription|dossier)/.test(folded)
      ? "conserver"
      : /(etre )?rembourse[^.?!]{0,40}(241|237|cma|frais)/.test(folded) ? "remboursement" : null,
    cancellation_reason: /(arnaque|escroquerie|mensonge|publicite mensongere|pas ce qui (etait|a ete) (prevu|promis))/.test(folded)
      ? "contestation"
      : /(retract|change d'avis|ne (veux|souhaite) plus)/.test(folded)
        ? "retractation"
        : /(pas le temps|trop (tard|long)|pas disponible|delai)/.test(folded) ? "timing" : null,
    eligibility_concern: /(eligib)/.test(folded),
    communication_mode: communicationMode(folded),
    references_previous_communication: /(suite a (votre|mon|notre)|comme (indique|convenu|dit)|vous m'avez (dit|ecrit|envoye|indique)|votre (precedent|dernier) (mail|message)|dans votre (mail|message))/.test(folded),
    mentions_discrepancy: discrepancy !== null,
    discrepancy_details: discrepancy === null ? null : sentenceAround(text, discrepancy.index),
    is_complaint: /(inadmissible|scandal|honteux|inacceptable|plainte|reclamation|mecontent|pas normal|honte|lamentable|pas serieux)/.test(folded),
    probation_status: /(probatoire|jeune permis)/.test(folded) ? "question" : null,
    current_session_dates: null,
    requested_training_dates: range === null || confirmationCue.test(folded) ? null : trainingRequest(range, text),
    claimed_session: null,
    assigned_session_wrong: null,
    implicit_date_repositioning: false,
    mentions_previous_registration: /(deja (ete )?inscrit|ancien dossier|premiere inscription|inscrit (l'annee derniere|il y a)|autre (adresse|e-?mail)|deja fait (une|mon) inscription)/.test(folded),
    provided_contact_info: email === null && phone === null ? null : { email, phone }
  }
}
