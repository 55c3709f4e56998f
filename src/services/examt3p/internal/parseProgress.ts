import { ancestors, descendants, findAll, type HtmlElement, matches, textOf } from "./html.ts"
import type { Account, PaymentDetail, PaymentRow, PortalMessage, PortalMessages, ProgressionKey, StepStatus } from "./model.ts"
import { nonBlankLines, normaliseText, type Page, parseAmount, valueAfterLabel, WB_END, WB_START } from "./textModel.ts"

/**
 * Progression timeline, payments, step history, account block and the dashboard's message
 * fallback (spec/EXAMT3P_PORTAL.md §2.1). Hardened against §5 items 7, 11, 13: a step's status is
 * read inside its own timeline item (no more "worst status anywhere after the label"), payment
 * rows keep TE numbers and nothing is invented from stray digits, account values stay on their line.
 */

const STEP_LABELS: ReadonlyArray<readonly [ProgressionKey, string]> = [
  ["convocation", "Convocation d'examen"],
  ["documents", "Documents justificatifs"],
  ["paiement", "Paiement"],
  ["infos_perso", "Informations personnelles"],
  ["type_examen", "Type d'examen sélectionné"],
  ["choix_session", "Choix du département"]
]

const STEP_WORD = new RegExp(`${WB_START}(À VALIDER|A VALIDER|EN ATTENTE|REFUSÉ|REFUSE|VALIDÉ|VALIDE)${WB_END}`, "iu")

const stepStatus = (raw: string): StepStatus | undefined => {
  const upper = raw.trim().toUpperCase()
  if (upper === "À VALIDER" || upper === "A VALIDER") return "À VALIDER"
  if (upper === "EN ATTENTE") return "EN ATTENTE"
  if (upper === "REFUSÉ" || upper === "REFUSE") return "REFUSÉ"
  if (upper === "VALIDÉ" || upper === "VALIDE") return "VALIDÉ"
  return undefined
}

const sameLabel = (text: string, label: string): boolean => normaliseText(text).toLowerCase() === label.toLowerCase()

/** The status of the timeline item whose heading is `label`, read inside that item only. */
const statusInItem = (page: Page, label: string): StepStatus | undefined => {
  const headings = findAll(page.root, (e) => /^h[1-6]$/.test(e.tag) && sameLabel(textOf(e), label))
  for (const heading of headings) {
    const item = ancestors(heading).find(matches("div.timeline-content")) ?? heading.parent
    if (item === undefined) continue
    const exact = descendants(item)
      .filter((e) => e !== heading)
      .map((e: HtmlElement) => stepStatus(normaliseText(textOf(e))))
      .find((s) => s !== undefined)
    if (exact !== undefined) return exact
    const loose = STEP_WORD.exec(normaliseText(textOf(item)).slice(label.length))?.[1]
    if (loose !== undefined) return stepStatus(loose)
  }
  return undefined
}

/** Text fallback: the label as a whole line, then the first status word before the next label line. */
const statusInText = (page: Page, label: string): StepStatus | undefined => {
  const lines = nonBlankLines(page.text)
  const start = lines.findIndex((l) => sameLabel(l, label))
  if (start < 0) return undefined
  for (const line of lines.slice(start + 1)) {
    if (STEP_LABELS.some(([, other]) => sameLabel(line, other))) return undefined
    const word = STEP_WORD.exec(line)?.[1]
    if (word !== undefined) return stepStatus(word)
  }
  return undefined
}

export const progression = (page: Page): Partial<Record<ProgressionKey, StepStatus>> => {
  const out: Partial<Record<ProgressionKey, StepStatus>> = {}
  for (const [key, label] of STEP_LABELS) {
    const status = statusInItem(page, label) ?? statusInText(page, label)
    if (status !== undefined) out[key] = status
  }
  return out
}

export const paymentDetail = (page: Page): PaymentDetail | undefined => {
  const match =
    /Paiement\s*\n\s*(\d{2}\/\d{2}\/\d{4})\s*\n\s*(\d[\d \u00a0]*[.,]\d{2})\s*€\s*-\s*Paiement par\s+([\p{L}-]+)[^\n]*\n\s*(VALIDÉ|EN ATTENTE|REFUSÉ)(?![\p{L}])/iu.exec(
      page.text
    )
  if (match === null) return undefined
  const montant = parseAmount(match[2] ?? "")
  const statut = stepStatus(match[4] ?? "")
  if (montant === undefined || statut === undefined || statut === "À VALIDER") return undefined
  return { date: match[1] ?? "", montant, mode: match[3] ?? "", statut }
}

/** Rows `<n° dossier> <date> <description> <amount> € <status>` of the payment history table. */
export const paymentHistory = (page: Page): Array<PaymentRow> => {
  const row =
    /(?<![\dA-Za-z])(\d{8}(?:TE\d+)?)\s+(\d{2}\/\d{2}\/\d{4})\s+([^\n]+?)\s+(\d[\d \u00a0]*[.,]\d{2})\s*€\s+(VALIDÉ|REFUSÉ|EN ATTENTE)(?![\p{L}])/giu
  const rows: Array<PaymentRow> = []
  for (const match of page.text.matchAll(row)) {
    const montant = parseAmount(match[4] ?? "")
    if (montant === undefined) continue
    const statut = (match[5] ?? "").toUpperCase().replace(" ", "_") as PaymentRow["statut"]
    rows.push({ num_dossier: match[1] ?? "", date: match[2] ?? "", description: (match[3] ?? "").trim(), montant, statut })
  }
  return rows
}

const STEP_PHRASES: ReadonlyArray<string> = [
  "En cours de composition",
  "En attente du paiement",
  "En attente d'instruction des pièces",
  "Incomplet",
  "Valide"
]

/** Hardened (§5 item 10): whole phrases only, so "à valider" and "invalide" are not "Valide". */
export const stepHistory = (page: Page): Array<string> =>
  STEP_PHRASES.filter((phrase) => new RegExp(`${WB_START}${phrase}${WB_END}`, "iu").test(page.text))

const NAME_VALUE = /^[\p{L}' .-]+$/u

export const account = (page: Page): Account => {
  const lines = nonBlankLines(page.text)
  const value = (labels: ReadonlyArray<string>, valid: RegExp): string | undefined => {
    const found = valueAfterLabel(lines, labels)
    return found !== undefined && valid.test(found) ? found : undefined
  }
  const civilite = value(["Civilité", "Genre"], /^(Homme|Femme)$/)
  const genre = civilite ?? (page.text.includes("Homme") ? "Homme" : page.text.includes("Femme") ? "Femme" : undefined)
  const fields: Array<readonly [keyof Account, string | undefined]> = [
    ["prenom", value(["Prénom", "Prénom(s)"], NAME_VALUE)],
    ["nom", value(["Nom"], NAME_VALUE)],
    ["date_naissance", value(["Date de naissance"], /^\d{2}\/\d{2}\/\d{4}$/)],
    ["lieu_naissance", value(["Lieu de naissance"], NAME_VALUE)],
    ["adresse", value(["Adresse de domicile", "Adresse"], /\S/)],
    ["code_postal", value(["Code postal"], /^\d{5}$/)],
    ["ville", value(["Ville"], NAME_VALUE)],
    ["email", value(["Email", "E-mail"], /^[^@\s]+@[^@\s]+\.[^@\s]+$/)],
    ["telephone", value(["Téléphone"], /^\+?[\d .]{6,}$/)]
  ]
  const out: Record<string, string> = {}
  if (genre === "Homme" || genre === "Femme") out["genre"] = genre
  for (const [key, found] of fields) if (found !== undefined) out[key] = found
  return out as Account
}

/** Dashboard fallback for the messages: "<n> nouveau(x)" and `date / sender / content` triplets. */
export const dashboardMessages = (page: Page): PortalMessages => {
  const count = /(\d+)\s+nouve(?:au|aux|aus|lle|lles)(?![\p{L}])/iu.exec(page.text)?.[1]
  const lines = nonBlankLines(page.text)
  const liste: Array<PortalMessage> = []
  for (let i = 0; i + 2 < lines.length; i++) {
    const date = lines[i] ?? ""
    const sender = lines[i + 1] ?? ""
    if (/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/.test(date) && /^(CMA|Candidat)$/i.test(sender)) {
      liste.push({ date, expediteur: sender, contenu: lines[i + 2] ?? "" })
      i += 2
    }
  }
  return { nombre: count === undefined ? 0 : Number(count), liste }
}
