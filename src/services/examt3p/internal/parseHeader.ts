import { ancestors, findAll, findFirst, type HtmlElement, matches, textOf } from "./html.ts"
import type { Exams } from "./model.ts"
import { FRENCH_DATE, frenchDateToDmy, normaliseText, type Page, WB_END } from "./textModel.ts"

/**
 * Dossier identity, status and exam fields of the dashboard (spec/EXAMT3P_PORTAL.md §2.1), with
 * the hardening listed in §5: the TE suffix survives every fallback, a date widget is never read
 * as a status, a payment/receipt/birth date is never taken for the exam date, `Admissible` is not
 * `Admis`, and captures stay on their line.
 */

const DOSSIER_NUMBER = "\\d{6,10}(?:TE\\d+)?"

/**
 * The "Mes Examens" table ([v4]: N° de dossier | Type d'examen | Date de l'épreuve | Statut):
 * the first data row's cell under the first header matching `header`.
 */
export const examTableCell = (page: Page, header: RegExp): string | undefined => {
  for (const table of findAll(page.root, matches("table"))) {
    const rows = findAll(table, matches("tr"))
    const headRow = rows.find((row) => findAll(row, matches("th")).length > 0)
    if (headRow === undefined) continue
    const column = findAll(headRow, matches("th")).findIndex((th) => header.test(normaliseText(textOf(th))))
    if (column < 0) continue
    for (const row of rows) {
      const cells: Array<HtmlElement> = findAll(row, matches("td"))
      const cell = cells[column]
      const text = cell === undefined ? "" : normaliseText(textOf(cell))
      if (text !== "") return text
    }
  }
  return undefined
}

const EXAM_DATE_HEADER = /date\s+(?:de\s+l'épreuve|d'examen|de\s+l'examen)/iu
const DOSSIER_HEADER = /N°\s*(?:de\s*)?dossier/iu


export const dossierNumber = (page: Page): string | undefined => {
  const strong = findFirst(page.root, matches("strong.row_applicationNumber"))
  const fromMarker = strong === undefined ? "" : textOf(strong)
  if (fromMarker !== "") return fromMarker
  const labelled = new RegExp(`N°\\s*Dossier[:\\s]*(${DOSSIER_NUMBER})(?![\\dA-Za-z])`).exec(page.text)
  if (labelled?.[1] !== undefined) return labelled[1]
  const withType = /(?<!\d)(\d{8}(?:TE\d+)?)[ \t\u00a0]*-[ \t\u00a0]*(?:VTC|Taxi|VMDTR)(?![\p{L}])/u.exec(page.text)
  if (withType?.[1] !== undefined) return withType[1]
  const fromTable = examTableCell(page, DOSSIER_HEADER)
  return fromTable !== undefined && /^\d{6,10}(?:TE\d+)?$/.test(fromTable) ? fromTable : undefined
}

/** A widget holding the exam date ("À partir du 24 février 2026") is not a status. */
const looksLikeDate = (text: string): boolean => /^\d/.test(text) || /partir du/i.test(text)

const STATUS_FALLBACKS: ReadonlyArray<readonly [string, RegExp]> = [
  ["Incomplet", /(?:statut|dossier)[:\s]*incomplet|(?<![\p{L}])incomplet(?![\p{L}])(?!\s*validé)/iu],
  // Hardened: a refused document alone no longer makes the dossier "Refusé".
  ["Refusé", /(?:statut|dossier)[:\s]*refusé/iu],
  ["En attente du paiement", /en attente d[ue] paiement|attente[:\s]*paiement/iu],
  ["En cours de composition", /en cours de composition/iu],
  ["En attente d'instruction des pièces", /en attente d'instruction|instruction des pièces/iu],
  ["En cours d'instruction", /en cours d'instruction/iu],
  ["En attente de convocation", /en attente de convocation|attente[:\s]*convocation/iu],
  ["Dossier validé", /dossier[:\s]*validé/iu],
  ["Valide", /statut[:\s]*valide(?![\p{L}])/iu]
]

export const dossierStatus = (page: Page): string | undefined => {
  const widget = findAll(page.root, matches("div.h4")).find((h4) => ancestors(h4).some(matches("div.dashboard-widget")))
  const widgetText = widget === undefined ? "" : normaliseText(textOf(widget))
  if (widgetText !== "" && !looksLikeDate(widgetText)) return widgetText
  const badge = findAll(page.root, matches("span.status-badge")).find((span) => ancestors(span).some(matches("td.row_statusBadge")))
  const badgeText = badge === undefined ? "" : normaliseText(textOf(badge))
  if (badgeText !== "") return badgeText
  return STATUS_FALLBACKS.find(([, pattern]) => pattern.test(page.text))?.[0]
}

export interface Identity {
  readonly nom_candidat?: string
  readonly type_examen?: string
  readonly type_epreuve?: string
  readonly departement?: string
  readonly region?: string
}

const SAME_LINE_WS = "[ \\t\\u00a0]"

const departementFromTimeline = (page: Page): { departement?: string; region?: string } => {
  for (const title of findAll(page.root, matches("h6.timeline-title"))) {
    if (!/partement/i.test(textOf(title))) continue
    const container = ancestors(title).find(matches("div.timeline-content")) ?? title.parent
    if (container === undefined) continue
    const description = findFirst(container, matches("p.timeline-description"))
    const text = description === undefined ? "" : normaliseText(textOf(description))
    const match = /^(\d[\dAB]{1,2})\s*[-–•]\s*([\p{L}' -]*)/iu.exec(text)
    if (match?.[1] !== undefined) {
      const region = (match[2] ?? "").trim()
      return { departement: match[1].toUpperCase(), ...(region !== "" ? { region } : {}) }
    }
  }
  return {}
}

export const identity = (page: Page): Identity => {
  const out: { -readonly [K in keyof Identity]: Identity[K] } = {}
  const name = new RegExp(`Bienvenue${SAME_LINE_WS}+([\\p{L}' \\u00a0-]+?)${SAME_LINE_WS}+-`, "u").exec(page.text)
  if (name?.[1] !== undefined) out.nom_candidat = name[1].trim()
  const kind = new RegExp(
    `-${SAME_LINE_WS}*(VTC|Taxi|VMDTR)(?![\\p{L}])${SAME_LINE_WS}*-${SAME_LINE_WS}*(?:(Complète|Réinscription|Mobilité)${SAME_LINE_WS}*)?(?:-${SAME_LINE_WS}*)?(\\d{2,3}|2[AB])?(?![\\p{L}\\p{N}])`,
    "u"
  ).exec(page.text)
  if (kind !== null) {
    if (kind[1] !== undefined) out.type_examen = kind[1]
    if (kind[2] !== undefined) out.type_epreuve = kind[2]
    if (kind[3] !== undefined) out.departement = kind[3]
  }
  const timeline = departementFromTimeline(page)
  if (out.departement === undefined && timeline.departement !== undefined) out.departement = timeline.departement
  if (timeline.region !== undefined) out.region = timeline.region
  if (out.departement === undefined || out.region === undefined) {
    const chosen = new RegExp(`Choix du département[\\s\\S]*?(\\d{2,3}|2[AB])${SAME_LINE_WS}*[-–]${SAME_LINE_WS}*([\\p{L}' -]+)`, "iu").exec(page.text)
    if (chosen !== null) {
      if (out.departement === undefined && chosen[1] !== undefined) out.departement = chosen[1].toUpperCase()
      const region = (chosen[2] ?? "").trim()
      if (out.region === undefined && region !== "") out.region = region
    }
  }
  return out
}

export const receptionDate = (page: Page): string | undefined =>
  /Dossier reçu le\s+(\d{2}\/\d{2}\/\d{4})/.exec(page.text)?.[1]

/** Context words that make a date a payment, receipt or birth date: never an exam date. */
const NOT_EXAM_CONTEXT = /paiement|payé|réglé|règlement|reçu|facture|naissance|né le|née le|€|envoy|message/iu
const EXAM_CONTEXT = /examen|épreuve|convocation|session/iu

const dateFromWidget = (page: Page): string | undefined => {
  for (const h4 of findAll(page.root, matches("div.h4"))) {
    const text = normaliseText(textOf(h4))
    if (!/partir du/i.test(text)) continue
    const french = new RegExp(FRENCH_DATE.replace("(\\d{1,2})", "(\\d{1,2})(?:er)?"), "iu").exec(text)
    const dmy = french === null ? undefined : frenchDateToDmy(french[1] ?? "", french[2] ?? "", french[3] ?? "")
    if (dmy !== undefined) return dmy
    const numeric = /(\d{2}\/\d{2}\/\d{4})/.exec(text)
    if (numeric?.[1] !== undefined) return numeric[1]
  }
  return undefined
}

/**
 * Exam date: the "À partir du" widget, else a date in the text whose own line (and the line
 * before) is about the exam and not about a payment, a receipt or a birth. The original's last
 * fallback (the first dd/mm/yyyy anywhere) is gone: it took payment dates for exam dates.
 */
export const examDate = (page: Page): string | undefined => {
  const widget = dateFromWidget(page)
  if (widget !== undefined) return widget
  const cell = examTableCell(page, EXAM_DATE_HEADER)
  if (cell !== undefined) {
    const numeric = /^(\d{2}\/\d{2}\/\d{4})/.exec(cell)?.[1]
    const french = new RegExp(FRENCH_DATE, "iu").exec(cell)
    const value = numeric ?? (french === null ? undefined : frenchDateToDmy(french[1] ?? "", french[2] ?? "", french[3] ?? ""))
    if (value !== undefined) return value
  }
  const lines = page.text.split("\n").map((l) => l.trim()).filter((l) => l !== "")
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ""
    const before = lines[i - 1] ?? ""
    if (NOT_EXAM_CONTEXT.test(line)) continue
    const french = new RegExp(FRENCH_DATE.replace("(\\d{1,2})", "(\\d{1,2})(?:er)?"), "iu").exec(line)
    if (french !== null && !NOT_EXAM_CONTEXT.test(before)) {
      const dmy = frenchDateToDmy(french[1] ?? "", french[2] ?? "", french[3] ?? "")
      if (dmy !== undefined) return dmy
    }
    const numeric = /(?<!\d)(\d{2}\/\d{2}\/\d{4})(?![\d:])(?!\s+\d{2}:\d{2})/.exec(line)
    if (numeric?.[1] !== undefined && (EXAM_CONTEXT.test(line) || (EXAM_CONTEXT.test(before) && !NOT_EXAM_CONTEXT.test(before)))) {
      return numeric[1]
    }
  }
  return undefined
}

export const sitting = (page: Page): "Écrite" | "Pratique" | undefined => {
  const match = /Examen\s+(?:vtc|taxi|vmdtr)\s*-\s*Épreuve\s+(écrite|pratique)(?![\p{L}])/iu.exec(page.text)
  if (match?.[1] === undefined) return undefined
  return match[1].toLowerCase() === "écrite" ? "Écrite" : "Pratique"
}

const venue = (page: Page): string | undefined => {
  const match = /Lieu[ \t\u00a0]*:[ \t\u00a0]*([^\n]*)(?:\n\s*([^\n]+))?/.exec(page.text)
  if (match === null) return undefined
  const sameLine = (match[1] ?? "").trim()
  const nextLine = (match[2] ?? "").trim()
  const value = sameLine !== "" ? sameLine : nextLine
  return value === "" ? undefined : value
}

export const convocationAvailable = (page: Page): boolean =>
  /Convocation disponible|Télécharger la convocation/.test(page.text) || page.text.toLowerCase().includes("convocation d'examen disponible")

const examResult = (page: Page): string | undefined => {
  const scored = findAll(page.root, (e) => "data-finalscore" in e.attrs).map((e) => (e.attrs["data-finalscore"] ?? "").trim())
  const first = scored.find((value) => value !== "")
  if (first !== undefined) return first
  return new RegExp(`Résultat\\s*:\\s*(Admissible|Admis|Ajourné|En attente)${WB_END}`, "iu").exec(page.text)?.[1]
}

export const exams = (page: Page, date: string | undefined): Exams => {
  const lieu = venue(page)
  const resultat = examResult(page)
  return {
    ...(date !== undefined ? { date } : {}),
    ...(lieu !== undefined ? { lieu } : {}),
    convocation_disponible: convocationAvailable(page),
    ...(resultat !== undefined ? { resultat } : {})
  }
}
