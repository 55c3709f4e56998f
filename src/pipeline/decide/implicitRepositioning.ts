/**
 * Implicit repositioning (§5.6 "Used by", §1.3 step 14, §11.3): a candidate who asks to postpone
 * (`REPORT_DATE`) and wants his training in a month after his current exam is moved to the first
 * exam date of that month in his département — as far as the CMA engagement level allows:
 * level 0 (no ExamT3P commitment) the date is changed automatically, levels 1–2 a person sends the
 * CMA a date-change message, levels 3–4 the date cannot move (treated as a blocked report). Pure.
 */
import { classifyEngagementLevel, type Engagement } from "../../services/rules/engagement.ts"
import type { CrmReader } from "../../services/rules/crmQuery.ts"
import type { IsoDate } from "../../services/rules/dates.ts"
import { nextExamDates, sameDepartement } from "../../services/rules/examDates.ts"
import { pyStr, type CrmRecord } from "../../services/rules/pyValues.ts"
import { examIso, MONTH_NAMES, requestedYearMonth } from "./dateSearches.ts"

const CANDIDATE_DATES = 20

export interface RepositioningInput {
  readonly crm: CrmReader
  readonly today: IsoDate
  /** primary first, after the REPORT_DATE correction */
  readonly intents: ReadonlyArray<string>
  /** month of the training the candidate asks for; see `trainingMonthOf` */
  readonly trainingMonth: number | null
  readonly departement: string | null
  /** the current exam date (`YYYY-MM-DD`, "" when none) and its clôture */
  readonly currentExam: IsoDate
  readonly currentCloture: unknown
  readonly evalbox: unknown
  readonly examt3p: unknown
  /** helper CAS: CAS 8 already moves the date */
  readonly helperCase: number | null
  readonly dossierTermine: boolean
}

interface Target {
  readonly record: CrmRecord
  readonly date: IsoDate
  readonly cloture: IsoDate
  readonly monthName: string
}

export type ImplicitRepositioning =
  /** level 0: the date is changed in the CRM; levels 1–2: a person asks the CMA first */
  | ({ readonly _tag: "Repositioned"; readonly engagement: Engagement; readonly automatic: boolean } & Target)
  /** levels 3–4: registered with the CMA, the date cannot move */
  | ({ readonly _tag: "Blocked"; readonly engagement: Engagement } & Target)

const targetOf = (input: RepositioningInput, month: number): Target | null => {
  if (input.departement === null) return null
  const wanted = requestedYearMonth(month, input.today)
  const record = nextExamDates(input.crm, input.departement, input.today, CANDIDATE_DATES)
    .find((r) => sameDepartement(r.Departement ?? "", input.departement) && examIso(r).slice(0, 7) === wanted)
  if (record === undefined) return null
  return {
    record,
    date: examIso(record),
    cloture: pyStr(record.Date_Cloture_Inscription ?? "").slice(0, 10),
    monthName: MONTH_NAMES[month - 1] ?? ""
  }
}

/**
 * The training month of the request: the triage's `requested_training_dates.month`, or the
 * requested month when the triage flagged `implicit_date_repositioning` (§2.7).
 */
export const trainingMonthOf = (context: {
  readonly requested_training_dates: { readonly month: number | null } | null
  readonly requested_month: number | null
  readonly implicit_date_repositioning: boolean
}): number | null =>
  context.requested_training_dates?.month ?? (context.implicit_date_repositioning ? context.requested_month : null)

export const implicitRepositioning = (input: RepositioningInput): ImplicitRepositioning | null => {
  if (!input.intents.includes("REPORT_DATE") || input.helperCase === 8 || input.dossierTermine) return null
  if (input.currentExam === "" || input.trainingMonth === null) return null
  if (requestedYearMonth(input.trainingMonth, input.today) <= input.currentExam.slice(0, 7)) return null
  const target = targetOf(input, input.trainingMonth)
  if (target === null || target.date === input.currentExam) return null
  const engagement = classifyEngagementLevel(input.evalbox, input.currentCloture, input.examt3p, input.today)
  if (!engagement.can_reposition) return { _tag: "Blocked", engagement, ...target }
  return { _tag: "Repositioned", engagement, automatic: engagement.level === 0, ...target }
}

const fr = (iso: IsoDate): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

/** §11.3 "Exam-date repositioning" private note (posted after the reply is drafted); none when blocked. */
export const repositioningNote = (r: ImplicitRepositioning, currentExam: IsoDate): string | null => {
  if (r._tag === "Blocked") return null
  if (r.automatic) {
    return `REPOSITIONNEMENT DATE D'EXAMEN — pas de compte ExamT3P : date repositionnée automatiquement au ${fr(r.date)} ` +
      `(formation souhaitée en ${r.monthName} ; ancienne date ${fr(currentExam)}).`
  }
  return [
    `REPOSITIONNEMENT DATE D'EXAMEN — le candidat souhaite sa formation en ${r.monthName}, examen actuellement le ${fr(currentExam)}, ` +
      `niveau d'engagement ${r.engagement.level}.`,
    `Action : envoyer à la CMA un message de changement de date vers ${r.monthName} (${fr(r.date)}), puis mettre à jour le CRM.`
  ].join("\n")
}
