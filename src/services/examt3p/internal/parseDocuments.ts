import { ancestors, findAll, findFirst, type HtmlElement, matches, textOf } from "./html.ts"
import type { DocumentsPart, DocumentStatus, DossierDocument, OptionalDocument, RefusedPiece, RequiredAction } from "./model.ts"
import { normaliseText, type Page } from "./textModel.ts"

/**
 * The five pieces of the dossier, their status and refusal reasons, and the required actions
 * (spec/EXAMT3P_PORTAL.md §2.1 "Documents", "Required actions"). Hardened against §5 items 8–10:
 * a status badge wins over a nested span, status words must be whole words (a "Valider" button is
 * not a status), a piece's reason comes from its own modal, its own "non conforme" notice or its
 * own text — never from the first "Raison :" of the page — and "Le document…" motifs are kept whole.
 */

export interface Piece {
  readonly nom: string
  readonly docType: string
  readonly defaultMotif: string
  readonly solution: string
}

export const PIECES: ReadonlyArray<Piece> = [
  {
    nom: "Pièce d'identité",
    docType: "identity",
    defaultMotif: "La pièce d'identité est illisible ou non conforme : il faut une copie nette du recto et du verso.",
    solution: "Photographiez ou scannez votre carte d'identité ou votre passeport, recto et verso, à plat sur un fond uni et bien éclairé, sans couper les bords."
  },
  {
    nom: "Photo d'identité",
    docType: "photo",
    defaultMotif: "La photo ne respecte pas les normes (fond, cadrage ou qualité).",
    solution: "Envoyez une photo récente aux normes officielles : fond clair et uni, visage de face et centré, expression neutre, sans lunettes de préférence, format 35 x 45 mm au minimum."
  },
  {
    nom: "Signature",
    docType: "signature",
    defaultMotif: "La signature doit être manuscrite et scannée.",
    solution: "Signez au stylo noir sur une feuille blanche puis scannez-la : une signature électronique n'est pas acceptée."
  },
  {
    nom: "Justificatif de domicile",
    docType: "address",
    defaultMotif: "Le justificatif de domicile a plus de trois mois ou n'est pas conforme.",
    solution: "Fournissez un justificatif de moins de trois mois à votre nom (facture d'énergie, d'eau ou de téléphone, ou avis d'imposition), complet et lisible."
  },
  {
    nom: "Permis de conduire",
    docType: "license",
    defaultMotif: "Le permis de conduire est invalide ou illisible (recto et verso attendus).",
    solution: "Scannez ou photographiez votre permis recto et verso sur un fond uni : il doit être en cours de validité et lisible."
  }
]

const GENERIC_SOLUTION = "Merci de transmettre un document conforme."

const STATUS_WORDS: Readonly<Record<string, DocumentStatus>> = {
  "VALIDÉ": "VALIDÉ",
  VALIDE: "VALIDÉ",
  "À VALIDER": "À VALIDER",
  "A VALIDER": "À VALIDER",
  "REFUSÉ": "REFUSÉ",
  REFUSE: "REFUSÉ",
  "À CORRIGER": "REFUSÉ",
  "A CORRIGER": "REFUSÉ"
}

export const documentStatus = (raw: string): DocumentStatus => STATUS_WORDS[raw.trim().toUpperCase().replace(/\s+/g, " ")] ?? "INCONNU"

/** A status word as a whole word (so "Valider" or "validée" do not count). */
const STATUS_WORD = /(?<![\p{L}])(À VALIDER|A VALIDER|À CORRIGER|A CORRIGER|VALIDÉ|VALIDE|REFUSÉ|REFUSE)(?![\p{L}])/iu

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

const isLastElementChild = (element: HtmlElement): boolean => {
  const siblings = element.parent?.children.filter((c): c is HtmlElement => c.kind === "element") ?? []
  return siblings[siblings.length - 1] === element
}

const statusFromItem = (item: HtmlElement): DocumentStatus => {
  const badge = findFirst(item, matches(".status-badge")) ?? findAll(item, matches("span")).find(isLastElementChild)
  return badge === undefined ? "INCONNU" : documentStatus(normaliseText(textOf(badge)))
}

/** The text between the first mention of `piece` and the first mention of any other piece after it. */
const pieceSegment = (text: string, piece: Piece): string | undefined => {
  const lower = text.toLowerCase()
  const start = lower.indexOf(piece.nom.toLowerCase())
  if (start < 0) return undefined
  const from = start + piece.nom.length
  const ends = PIECES.filter((p) => p !== piece)
    .map((p) => lower.indexOf(p.nom.toLowerCase(), from))
    .filter((i) => i >= 0)
  return text.slice(from, ends.length > 0 ? Math.min(...ends) : text.length)
}

const modalReasons = (page: Page): Map<string, string> => {
  const reasons = new Map<string, string>()
  for (const item of findAll(page.root, matches("div.uploaded-file-item-full"))) {
    const badge = findFirst(item, matches("span.status-badge"))
    if (badge === undefined || documentStatus(textOf(badge)) !== "REFUSÉ") continue
    const reasonElement = findFirst(item, matches("span.uploaded-file-reason"))
    const reason = reasonElement === undefined ? "" : normaliseText(textOf(reasonElement))
    if (reason === "") continue
    const owner = ancestors(item).find((a) => {
      const key = (a.attrs["id"] ?? a.attrs["data-doctype"] ?? "").toLowerCase()
      return PIECES.some((p) => key.includes(p.docType))
    })
    const key = (owner?.attrs["id"] ?? owner?.attrs["data-doctype"] ?? "").toLowerCase()
    const piece = PIECES.find((p) => key.includes(p.docType))
    if (piece !== undefined && !reasons.has(piece.nom)) reasons.set(piece.nom, reason)
  }
  return reasons
}

/** "<piece> non conforme" notices and their motif (the text after "Raison :" or "Le document…"). */
export const nonCompliantNotices = (page: Page): Map<string, string> => {
  const notices = new Map<string, string>()
  for (const piece of PIECES) {
    const notice = new RegExp(`${escape(piece.nom)}[^.\\n]*?non conforme`, "iu").exec(page.text)
    if (notice === null) continue
    const after = page.text.slice(notice.index + notice[0].length)
    const following = after.split("\n").map((l) => l.trim()).filter((l) => l !== "").slice(0, 3).join("\n")
    const explained = /(?:Raison\s*:\s*|(?=Le document))([^\n]{10,300})/u.exec(following)?.[1]?.trim()
    const nextLine = following.split("\n")[0] ?? ""
    const motif = explained ?? (/^\p{L}/u.test(nextLine) && nextLine.length >= 10 && !STATUS_WORD.test(nextLine) ? nextLine : undefined)
    notices.set(piece.nom, motif ?? "Document non conforme")
  }
  return notices
}

const reasonFromText = (page: Page, piece: Piece): string | undefined => {
  const segment = pieceSegment(page.text, piece)
  if (segment === undefined) return undefined
  const afterRefusal = /(?:refusé|refuse|à corriger|a corriger)[ \t:–-]*([^\n]{10,200})/iu.exec(segment)?.[1]?.trim()
  const labelled = /(?:Commentaire|Motif|Raison)\s*:\s*([^\n]{6,300})/iu.exec(segment)?.[1]?.trim()
  const candidates = [labelled, afterRefusal].filter((c): c is string => c !== undefined && c.length > 5 && !/^VALID/i.test(c))
  return candidates[0]
}


export const parseDocuments = (page: Page, statutDossier: string | undefined): DocumentsPart => {
  const itemStatus = new Map<string, DocumentStatus>()
  for (const item of findAll(page.root, (e) => e.tag === "div" && "data-doctype" in e.attrs && matches("div.document-item")(e))) {
    const piece = PIECES.find((p) => p.docType === (item.attrs["data-doctype"] ?? "").trim().toLowerCase())
    if (piece !== undefined) itemStatus.set(piece.nom, statusFromItem(item))
  }
  const modal = modalReasons(page)
  const notices = nonCompliantNotices(page)
  const rescueUnknown = (statutDossier ?? "").trim().toLowerCase() === "valide"

  const documents: Array<DossierDocument> = PIECES.map((piece) => {
    let statut = itemStatus.get(piece.nom)
    if (statut === undefined) {
      const segment = pieceSegment(page.text, piece)
      const word = segment === undefined ? undefined : STATUS_WORD.exec(segment)?.[1]
      statut = word === undefined ? "INCONNU" : documentStatus(word)
    }
    if (statut === "INCONNU" && rescueUnknown) statut = "VALIDÉ"
    if (statut !== "REFUSÉ") return { nom: piece.nom, statut, motif_refus: null }
    const motif = modal.get(piece.nom) ?? notices.get(piece.nom) ?? reasonFromText(page, piece) ?? piece.defaultMotif
    return { nom: piece.nom, statut, motif_refus: motif }
  })

  const optional: Array<OptionalDocument> = ["Pièce d'identité", "Permis de conduire"]
    .map((nom) => `${nom} - Justificatif FACULTATIF`)
    .filter((label) => page.text.includes(label))
    .map((nom) => ({ nom, statut: "OPTIONNEL" as const }))

  const names = (status: DocumentStatus) => documents.filter((d) => d.statut === status).map((d) => d.nom)
  const refused = documents.filter((d) => d.statut === "REFUSÉ")
  const validated = names("VALIDÉ").length
  const details: Array<RefusedPiece> = refused.map((d) => ({
    nom: d.nom,
    motif: d.motif_refus ?? "",
    solution: PIECES.find((p) => p.nom === d.nom)?.solution ?? GENERIC_SOLUTION
  }))
  const first = refused[0]
  return {
    documents,
    documents_facultatifs: optional,
    statut_documents:
      validated === PIECES.length ? "VALIDÉ" : refused.length > 0 ? "REFUSÉ" : names("À VALIDER").length > 0 ? "À VALIDER" : "INCONNU",
    documents_valides: `${validated}/${PIECES.length}`,
    documents_en_attente: names("À VALIDER"),
    documents_refuses: refused.map((d) => d.nom),
    pieces_refusees_details: details,
    ...(first !== undefined
      ? { document_problematique: first.nom, document_problematique_statut: "REFUSÉ" as const, document_problematique_motif: first.motif_refus ?? "" }
      : {}),
    action_candidat_requise: refused.length > 0
  }
}

export const requiredActions = (page: Page, documents: ReadonlyArray<DossierDocument>): Array<RequiredAction> => {
  const actions: Array<RequiredAction> = []
  if (page.text.includes("Reçu de paiement disponible")) {
    actions.push({ type: "recu_disponible", description: "Le reçu de paiement est disponible sur le portail." })
  }
  const photo = documents.find((d) => d.nom === "Photo d'identité")
  // Hardened (§5 item 10): only the photo's own state, not any "à valider" on the page.
  if (page.text.includes("Photo non conforme") || photo?.statut === "À VALIDER" || photo?.statut === "REFUSÉ") {
    actions.push({ type: "photo_requise", description: "Une photo d'identité conforme est attendue." })
  }
  for (const [document, motif] of nonCompliantNotices(page)) {
    actions.push({ type: "document_non_conforme", document, description: `${document} non conforme`, motif })
  }
  return actions
}
