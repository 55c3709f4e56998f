/** Department recommendation from the deals and the ticket text (§3.4, R23, R24). */
import { isDocumentSubmission } from "../../triage/filters/documents.ts"
import { otherServiceKeywords } from "../../triage/filters/keywords.ts"
import { containsAny } from "../../triage/text/normalize.ts"
import {
  cmaInvolvedStatuses, evalboxIs, examDateOf, isPendingProspect, isUber20, isWon, mostRecentFirst, type LinkingDeal
} from "./records.ts"

export type RecommendedDepartment = "DOC" | "Contact" | "Refus CMA" | "DOCS CAB"

export interface DepartmentRecommendation {
  readonly department: RecommendedDepartment | undefined
  readonly explanation: string
}

export const recommendDepartment = (
  deals: ReadonlyArray<LinkingDeal>,
  subject: string,
  lastInboundMessage: string,
  today: string,
  examDates?: ReadonlyMap<string, string>
): DepartmentRecommendation => {
  const uberDeals = deals.filter(isUber20)
  const uberDeal = mostRecentFirst(uberDeals.filter(isWon))[0] ?? uberDeals.find(isPendingProspect)
  const text = `${subject}\n${lastInboundMessage}`
  const submits = isDocumentSubmission(subject) || isDocumentSubmission(lastInboundMessage)
  if (uberDeal !== undefined) {
    if (containsAny(text, otherServiceKeywords)) {
      const exam = examDateOf(uberDeal, examDates)
      if (exam !== undefined && exam >= today) {
        return { department: "DOC", explanation: "autre service évoqué mais examen à venir : le dossier reste en DOC" }
      }
      return { department: "Contact", explanation: "demande d'un autre service que l'offre Uber" }
    }
    const received = (uberDeal.Date_Dossier_re_u ?? "").trim() !== ""
    if (submits && received && evalboxIs(uberDeal, cmaInvolvedStatuses)) {
      return { department: "Refus CMA", explanation: "envoi de pièces pour un dossier déjà à la CMA" }
    }
    return { department: "DOC", explanation: "candidat de l'offre Uber" }
  }
  const other = deals.find((deal) => isWon(deal) || isPendingProspect(deal))
  if (other !== undefined) {
    if (submits || containsAny(subject, ["document"])) {
      return { department: "DOCS CAB", explanation: "envoi de pièces pour une formation hors offre Uber" }
    }
    return { department: "Contact", explanation: "formation hors offre Uber" }
  }
  return { department: undefined, explanation: "aucune opportunité pertinente" }
}
