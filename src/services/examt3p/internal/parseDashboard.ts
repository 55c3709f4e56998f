import { findFirst, matches } from "./html.ts"
import type { DashboardData } from "./model.ts"
import { dossierNumber, dossierStatus, examDate, exams, identity, receptionDate, sitting } from "./parseHeader.ts"
import { parseDocuments, requiredActions } from "./parseDocuments.ts"
import { account, dashboardMessages, paymentDetail, paymentHistory, progression, stepHistory } from "./parseProgress.ts"
import { loadPage, type Page } from "./textModel.ts"

/** What kind of page `/mon-espace` answered with. */
export type PageKind = "dashboard" | "login" | "unknown"

/**
 * The original counted any 200 page as a successful scrape, so a login that did not stick gave an
 * "empty dossier" (spec §5 item 2). A dashboard must carry at least one of its markers; the public
 * login page is recognised by its password field or its login modal.
 */
export const classifyPage = (page: Page): PageKind => {
  const dashboardMarker =
    findFirst(page.root, matches("strong.row_applicationNumber")) !== undefined ||
    findFirst(page.root, matches("div.dashboard-widget")) !== undefined ||
    findFirst(page.root, matches("div.document-item")) !== undefined ||
    // The welcome line of a candidate's space, not any "Bienvenue" a public page may show.
    /Bienvenue[ \t\u00a0]+[^\n]+?-[ \t\u00a0]*(?:VTC|Taxi|VMDTR)(?![\p{L}])/u.test(page.text)
  if (dashboardMarker) return "dashboard"
  const loginMarker =
    findFirst(page.root, (e) => e.tag === "input" && ((e.attrs["type"] ?? "") === "password" || (e.attrs["name"] ?? "") === "password")) !== undefined ||
    findFirst(page.root, (e) => e.attrs["id"] === "loginModal" || e.attrs["id"] === "loginEmail") !== undefined ||
    /Me connecter|Se connecter/.test(page.text)
  return loginMarker ? "login" : "unknown"
}

/** Every field of one dashboard page; pure. */
export const parseDashboardPage = (page: Page): DashboardData => {
  const statut = dossierStatus(page)
  const num = dossierNumber(page)
  const date = examDate(page)
  const reception = receptionDate(page)
  const session = sitting(page)
  const steps = progression(page)
  const payment = paymentDetail(page)
  const docs = parseDocuments(page, statut)
  const exam = exams(page, date)
  return {
    ...(num !== undefined ? { num_dossier: num } : {}),
    ...(statut !== undefined ? { statut_dossier: statut } : {}),
    ...identity(page),
    ...(reception !== undefined ? { date_reception_dossier: reception } : {}),
    ...(date !== undefined ? { date_examen: date } : {}),
    ...(session !== undefined ? { epreuve_session: session } : {}),
    examens: exam,
    convocation: exam.convocation_disponible ? "DISPONIBLE" : (steps.convocation ?? "EN ATTENTE"),
    progression: steps,
    ...(payment !== undefined ? { paiement_cma: payment } : {}),
    ...docs,
    actions_requises: requiredActions(page, docs.documents),
    historique_etapes: stepHistory(page),
    historique_paiements: paymentHistory(page),
    compte: account(page),
    messages: dashboardMessages(page)
  }
}

export const parseDashboard = (html: string): DashboardData => parseDashboardPage(loadPage(html))
