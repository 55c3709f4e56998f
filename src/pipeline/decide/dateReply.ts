/**
 * How the date features reach the reply (§1.4 steps 7–10, §5.6, §5.7, §8.5): the corrected
 * intent, the dates offered (./dateSearches.ts), the implicit repositioning
 * (./implicitRepositioning.ts) and the conversation analysis (./conversation.ts), turned into
 * template variables before the visibility rules (`withDateOffer`) and into deliberate overrides
 * after them (`dateOverrides`). Pure.
 */
import type { IsoDate } from "../../services/rules/dates.ts"
import { parseDateFlexible } from "../../services/rules/dates.ts"
import { extractDepartementFromCma } from "../../services/rules/departement.ts"
import { resultatInfo } from "../../services/rules/evalbox.ts"
import { pyStr, truthy } from "../../services/rules/pyValues.ts"
import type { IntentContext } from "../../schemas/triage.ts"
import type { AnalysisResult } from "./analysis.ts"
import { correctedPrimaryIntent, offeredDates, searchDates, type DateOffer } from "./dateSearches.ts"
import { implicitRepositioning, trainingMonthOf, type ImplicitRepositioning } from "./implicitRepositioning.ts"
import type { Vars } from "./templateVars.ts"

const iso = (v: unknown): IsoDate => (truthy(v) ? parseDateFlexible(v) ?? "" : "")

/** The candidate's département: the CMA of deposit, else the exam record's. */
export const departementOf = (analysis: AnalysisResult): string | null =>
  extractDepartementFromCma(analysis.deal.CMA_de_depot ?? null) ??
    (truthy(analysis.enriched.departement) ? pyStr(analysis.enriched.departement) : null)

/** The exam date the reply talks about: the CAS 8 new date when the deal is rescheduled, else the deal's. */
export const shownExamOf = (analysis: AnalysisResult): IsoDate => {
  const extra = analysis.dateAnalysis?.extra ?? {}
  const reschedule = extra.deadline_passed_reschedule === true && analysis.step5.Date_examen_VTC !== undefined
  const fresh = reschedule ? iso(extra.new_exam_date) : ""
  return fresh !== "" ? fresh : iso(analysis.enriched.date_examen)
}

/** §5.7 REPORT_DATE sanity, applied before the states and the matrix read the intent. */
export const primaryIntentOf = (analysis: AnalysisResult, primary: string | null, context: IntentContext, today: IsoDate): string | null =>
  correctedPrimaryIntent(primary, context.requested_month, iso(analysis.enriched.date_examen), today)

/** Implicit repositioning of this ticket (null when it does not apply); the analysis context carries it. */
export const repositioningOf = (
  analysis: AnalysisResult, intents: ReadonlyArray<string>, context: IntentContext, today: IsoDate
): ImplicitRepositioning | null =>
  analysis.dateAnalysis === null ? null : implicitRepositioning({
    crm: analysis.crm,
    today,
    intents,
    trainingMonth: trainingMonthOf(context),
    departement: departementOf(analysis),
    currentExam: iso(analysis.enriched.date_examen),
    currentCloture: analysis.enriched.date_cloture,
    evalbox: analysis.deal.Evalbox ?? null,
    examt3p: analysis.examt3p,
    helperCase: analysis.dateAnalysis.case,
    dossierTermine: resultatInfo(analysis.deal.Resultat).dossierTermine
  })

/** The analysis with its implicit repositioning (§5.6), for the session choice and the reply. */
export const withRepositioning = (
  analysis: AnalysisResult, decision: { readonly primaryIntent: string | null; readonly secondaryIntents: ReadonlyArray<string>; readonly context: IntentContext }, today: IsoDate
): AnalysisResult => {
  const primary = primaryIntentOf(analysis, decision.primaryIntent, decision.context, today)
  const intents = [primary, ...decision.secondaryIntents].filter((i): i is string => i !== null)
  return { ...analysis, repositioning: repositioningOf(analysis, intents, decision.context, today) }
}

export const dateOfferOf = (analysis: AnalysisResult, intents: ReadonlyArray<string>, context: IntentContext, today: IsoDate): DateOffer =>
  searchDates({
    crm: analysis.crm,
    today,
    intents,
    context: {
      requested_month: context.requested_month,
      requested_location: context.requested_location,
      requested_dept_code: context.requested_dept_code,
      mentioned_month: context.mentioned_month,
      wants_earlier_date: context.wants_earlier_date,
      communication_mode: context.communication_mode,
      mentions_discrepancy: context.mentions_discrepancy
    },
    departement: departementOf(analysis),
    currentExam: shownExamOf(analysis),
    accountExists: truthy(analysis.examt3p.compte_existe),
    // a skipped date analysis (Uber A/B, dossier not received…) offers no date at all
    baseDates: analysis.dateAnalysis?.next_dates ?? []
  })

/** Before visibility: the offered dates and their flags replace the helper CAS's list. */
export const withDateOffer = (vars: Vars, offer: DateOffer, analysis: AnalysisResult, repositioning: ImplicitRepositioning | null, today: IsoDate): Vars => {
  const v: Vars = { ...vars }
  if (analysis.dateAnalysis !== null) {
    const next = offeredDates(offer.records, v.date_examen ?? "", offer.limit, today)
    v.next_dates = [...next]
    v.has_next_dates = next.length > 0
  }
  v.no_date_for_requested_month = offer.noDateForRequestedMonth
  v.requested_month_name = offer.requestedMonthName
  v.requested_location = offer.requestedLocation
  v.no_earlier_dates_available = offer.noEarlierDatesAvailable
  v.has_earlier_options = offer.hasEarlierOptions
  v.requires_department_change_process = offer.requiresDepartmentChangeProcess
  v.no_dates_in_own_dept = offer.noDatesInOwnDept
  v.has_month_in_other_depts = offer.hasMonthInOtherDepts
  if (repositioning !== null) {
    v.implicit_date_repositioning = repositioning._tag === "Repositioned"
    v.repositioning_automatic = repositioning._tag === "Repositioned" && repositioning.automatic
    v.repositioning_target_date = repositioning.date
    v.repositioning_target_cloture = repositioning.cloture >= today ? repositioning.cloture : ""
    v.repositioning_month_name = repositioning.monthName
  }
  return v
}

/** Explicit requests for more dates: CAS 8 still lists them, after saying the date moved. */
const ASKS_OTHER_DATES = new Set(["DEMANDE_AUTRES_DATES", "DEMANDE_DATES_FUTURES", "DEMANDE_AUTRES_DEPARTEMENTS", "REPORT_DATE"])

export interface OverrideInput {
  readonly vars: Vars
  readonly offer: DateOffer
  readonly repositioning: ImplicitRepositioning | null
  readonly intents: ReadonlyArray<string>
  /** the matrix row: its own `show_dates_section` is authoritative (rule 11) unless it is a wildcard row */
  readonly row: { readonly key: string; readonly flags: { readonly show_dates_section?: boolean } }
  readonly mentionsForceMajeure: boolean
  /** §1.4 step 9: the candidate already chose a date (conversation analysis) → no dates at all */
  readonly dateAlreadyChosen: boolean
}

/** After visibility: deliberate overrides of the date features (§8.5 report flags, §5.3 CAS 8, §5.7). */
export const dateOverrides = (input: OverrideInput): Vars => {
  const { offer, repositioning, intents } = input
  const v: Vars = { ...input.vars }
  const hideDates = () => {
    v.show_dates_section = false
    v.next_dates = []
    v.has_next_dates = false
  }
  const rowDates = input.row.flags.show_dates_section
  if (v.has_next_dates === true && v.show_dates_section !== true && !v.report_bloque && !v.report_force_majeure) {
    // the earlier options or the requested month elsewhere are the answer (deliberate override of
    // a wildcard row); a possible report lists its dates where the row says nothing
    const searched = (offer.earlierRequested && offer.hasEarlierOptions) || offer.noDateForRequestedMonth || offer.hasMonthInOtherDepts
    if ((searched && (rowDates === undefined || input.row.key.startsWith("*:"))) ||
      (rowDates === undefined && intents.includes("REPORT_DATE") && v.report_possible === true)) {
      v.show_dates_section = true
    }
  }
  if (offer.earlierRequested && !offer.hasEarlierOptions && intents.includes("DEMANDE_DATE_PLUS_TOT")) hideDates()

  if (repositioning !== null) {
    if (repositioning._tag === "Repositioned") {
      v.report_possible = true
      v.report_bloque = false
      v.report_force_majeure = false
      hideDates()
    } else {
      v.report_possible = false
      v.report_bloque = !input.mentionsForceMajeure
      v.report_force_majeure = input.mentionsForceMajeure
      hideDates()
    }
    v.intention_report_date = false
  }

  if (v.deadline_passed_reschedule === true) {
    // §5.3 CAS 8: the candidate was just moved to a new date; the reply says so (and proposes
    // sessions for it) and does not go on offering dates as if nothing had happened, unless he
    // asked for other dates. The repositioning block answers the date question.
    if (!intents.some((i) => ASKS_OTHER_DATES.has(i))) hideDates()
    v.intention_demande_date = false
  }
  if (input.dateAlreadyChosen) hideDates()
  return v
}
