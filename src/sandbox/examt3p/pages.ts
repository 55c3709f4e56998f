import type { PortalAccount, PortalDocType, PortalDossier, PortalStepStatus } from "./portalData.ts"

/**
 * HTML of the sandbox portal, laid out after spec/EXAMT3P_PORTAL.md §4.3 and its ordering rules
 * (§4.2): the status widget first, no progression label before the progression block, which
 * comes last with its items ordered worst status first. Pure string building.
 */

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]

/** `2026-02-24` → `24 février 2026`. */
export const frenchLongDate = (iso: string): string => {
  const [year, month, day] = iso.split("-").map(Number)
  return `${day ?? ""} ${MONTHS[(month ?? 1) - 1] ?? ""} ${year ?? ""}`
}

const PIECE_NAMES: Readonly<Record<PortalDocType, string>> = {
  identity: "Pièce d'identité",
  photo: "Photo d'identité",
  signature: "Signature",
  address: "Justificatif de domicile",
  license: "Permis de conduire"
}
const DOC_TYPES: ReadonlyArray<PortalDocType> = ["identity", "photo", "signature", "address", "license"]

const layout = (title: string, body: string): string =>
  `<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n` +
  `<style>.status-badge{font-weight:bold}</style>\n<script>window.portal = { page: "${escapeHtml(title)}" };</script>\n</head>\n<body>\n${body}\n</body>\n</html>\n`

export const loginPage = (): string =>
  layout(
    "ExamT3P - Espace candidat",
    `<header><h1>Examens T3P</h1><button data-toggle="modal" data-target="#loginModal">Me connecter</button></header>
<div class="modal" id="loginModal">
  <form><input id="loginEmail" name="email" type="email"><input id="loginPassword" name="password" type="password">
  <button type="submit">Se connecter</button></form>
</div>`
  )

export const maintenancePage = (): string =>
  layout("Maintenance", `<main><h1>Site en maintenance</h1><p>Le service est momentanément indisponible.</p></main>`)

const picker = (account: PortalAccount, shown: PortalDossier): string => {
  if (account.dossiers.length < 2) return ""
  const options = account.dossiers
    .map((d) => `    <option value="/mon-espace?dossier=${d.internalId}"${d.internalId === shown.internalId ? " selected" : ""}>${escapeHtml(d.number)}</option>`)
    .join("\n")
  return `  <select onchange="window.location = this.value">\n    <option value="">Choisir un dossier</option>\n${options}\n  </select>\n`
}

const documentItems = (dossier: PortalDossier): string =>
  DOC_TYPES.map((type) => {
    const doc = dossier.documents[type]
    return `<div class="document-item" data-doctype="${type}"><b>${escapeHtml(PIECE_NAMES[type])}</b> <span class="status-badge">${escapeHtml(doc.status)}</span></div>`
  }).join("\n")

const isRefused = (status: string): boolean => status === "REFUSÉ" || status === "À CORRIGER"

const refusalModals = (dossier: PortalDossier): string =>
  DOC_TYPES.filter((type) => isRefused(dossier.documents[type].status))
    .map((type) => {
      const doc = dossier.documents[type]
      return `<div class="modal" id="modal-${type}"><div class="uploaded-file-item-full">
  <span>${escapeHtml(doc.fileName ?? `${type}.pdf`)}</span> <span class="status-badge">REFUSÉ</span>
  <span class="uploaded-file-reason">${escapeHtml(doc.reason ?? "Document illisible, merci de le renvoyer.")}</span></div></div>`
    })
    .join("\n")

const notices = (dossier: PortalDossier): string =>
  DOC_TYPES.filter((type) => dossier.documents[type].notice === true && isRefused(dossier.documents[type].status))
    .map((type) => {
      const doc = dossier.documents[type]
      return `<p>${escapeHtml(PIECE_NAMES[type])} non conforme</p>\n<p>Raison : ${escapeHtml(doc.reason ?? "Document illisible, merci de le renvoyer.")}</p>`
    })
    .join("\n")

const amount = (value: number): string => value.toFixed(2).replace(".", ",")

const STEP_ORDER: ReadonlyArray<PortalStepStatus> = ["À VALIDER", "EN ATTENTE", "REFUSÉ", "VALIDÉ"]

const progression = (dossier: PortalDossier): string => {
  const s = dossier.steps
  const payment = dossier.payment
  const items: ReadonlyArray<readonly [PortalStepStatus, string]> = [
    [s.convocation, `<div class="timeline-content"><h6 class="timeline-title">Convocation d'examen</h6> <span>${s.convocation}</span></div>`],
    [s.documents, `<div class="timeline-content"><h6 class="timeline-title">Documents justificatifs</h6> <span>${s.documents}</span></div>`],
    [
      s.choixDepartement,
      `<div class="timeline-content"><h6 class="timeline-title">Choix du département</h6>
  <p class="timeline-description">${escapeHtml(dossier.departement)} - ${escapeHtml(dossier.departementName)}${dossier.regionCode === undefined ? "" : ` (${escapeHtml(dossier.regionCode)})`}</p> <span>${s.choixDepartement}</span></div>`
    ],
    [s.typeExamen, `<div class="timeline-content"><h6 class="timeline-title">Type d'examen sélectionné</h6> <p>${dossier.examType}</p> <span>${s.typeExamen}</span></div>`],
    [s.infosPerso, `<div class="timeline-content"><h6 class="timeline-title">Informations personnelles</h6> <span>${s.infosPerso}</span></div>`],
    [
      s.paiement,
      `<div class="timeline-content"><h6 class="timeline-title">Paiement</h6>` +
        (payment === undefined ? "" : `\n  <p>${payment.date}</p>\n  <p>${amount(payment.amount)} € - Paiement par ${escapeHtml(payment.mode)}</p>`) +
        `\n  <span>${s.paiement}</span></div>`
    ]
  ]
  const ordered = [...items].sort((a, b) => STEP_ORDER.indexOf(a[0]) - STEP_ORDER.indexOf(b[0]))
  return `<section class="timeline">\n${ordered.map(([, html]) => html).join("\n")}\n</section>`
}

export const dashboardPage = (account: PortalAccount, dossier: PortalDossier): string => {
  const d = dossier
  const lastMessage = account.messages[account.messages.length - 1]
  const body = [
    `<header>\n  <p>Bienvenue ${escapeHtml(d.firstName)} ${escapeHtml(d.lastName.toUpperCase())} - ${d.examType} - ${d.dossierType} - ${escapeHtml(d.departement)}</p>\n${picker(account, d)}</header>`,
    `<div class="dashboard-widget"><div class="h4">${escapeHtml(d.status)}</div></div>`,
    d.examDate === undefined ? "" : `<div class="dashboard-widget"><div class="h4 fw-bold">À partir du ${frenchLongDate(d.examDate)}</div></div>`,
    `<table><tr><td><strong class="row_applicationNumber">${escapeHtml(d.number)}</strong></td>\n  <td class="row_statusBadge"><span class="status-badge">${escapeHtml(d.status)}</span></td></tr></table>`,
    d.receivedOn === undefined ? "" : `<p>Dossier reçu le ${d.receivedOn}</p>`,
    `<p>Examen ${d.examType} - Épreuve ${d.sitting}</p>`,
    d.venue === undefined ? "" : `<p>Lieu : ${escapeHtml(d.venue)}</p>`,
    d.convocationAvailable ? `<p>Convocation disponible</p>` : "",
    d.result === undefined ? "" : `<button class="btn" data-finalscore="${escapeHtml(d.result)}">Voir le résultat</button>`,
    notices(d),
    documentItems(d),
    refusalModals(d),
    d.payment === undefined
      ? ""
      : `<table class="payments"><tr><td>${d.number}</td><td>${d.payment.date}</td><td>${escapeHtml(d.payment.description)}</td>\n  <td>${amount(d.payment.amount)} €</td><td>${d.payment.status}</td></tr></table>`,
    `<dl>` +
      (d.civility === undefined ? "" : `<dt>Civilité</dt><dd>${d.civility}</dd>`) +
      (d.birthDate === undefined ? "" : `<dt>Date de naissance</dt><dd>${d.birthDate}</dd>`) +
      (d.postalCode === undefined ? "" : `<dt>Code postal</dt><dd>${escapeHtml(d.postalCode)}</dd>`) +
      `<dt>Email</dt><dd>${escapeHtml(account.email)}</dd></dl>`,
    `<span>${d.unreadMessages} ${d.unreadMessages > 1 ? "nouveaux" : "nouveau"}</span>` +
      (lastMessage === undefined
        ? ""
        : `<div><div>${escapeHtml(lastMessage.date)}</div><div>${escapeHtml(lastMessage.sender)}</div><div>${escapeHtml(lastMessage.message)}</div></div>`),
    progression(d),
    d.receiptAvailable ? `<p>Reçu de paiement disponible</p>` : ""
  ]
  return layout("Mon espace", body.filter((part) => part !== "").join("\n"))
}
