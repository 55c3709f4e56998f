/**
 * Uber 20 € cases (§7). The original has two implementations that disagree on edge cases; both
 * are reproduced: the helper's (drives the analysis) and the state engine's (drives the states).
 */
import { Amounts, Thresholds, UBER_TEST_MANDATORY_AFTER } from "./constants.ts"
import { addDays, parseDateFlexible, type IsoDate } from "./dates.ts"
import { getOr, pyFloat, pyStr, truthy, type CrmRecord } from "./pyValues.ts"

export type UberCase = "PROSPECT" | "NOT_UBER" | "A" | "B" | "D" | "E" | "ELIGIBLE"

/** The helper's amount test: 15 ≤ float(Amount) ≤ 25 (so "20" counts, "vingt" does not). */
const helperAmountIsTwenty = (amount: unknown): boolean => {
  const value = truthy(amount) ? pyFloat(amount) : 0
  return value !== undefined && value >= Amounts.uberOfferMin && value <= Amounts.uberOfferMax
}

/**
 * `is_uber_20_deal`: won stage and an amount of about 20 €. Like the original's `stage and …`,
 * an empty stage is returned as is (null or ""), which callers treat as false.
 */
export const isUber20DealValue = (deal: CrmRecord | null): boolean | null | "" => {
  if (!deal || !truthy(deal)) return false
  const stage = getOr(deal, "Stage", "")
  if (!truthy(stage)) return stage === "" ? "" : stage === null ? null : false
  return pyStr(stage).toUpperCase().includes("GAGN") && helperAmountIsTwenty(getOr(deal, "Amount", 0))
}

export const isUber20Deal = (deal: CrmRecord | null): boolean => isUber20DealValue(deal) === true

/** `is_uber_prospect`: pending stage and an amount of about 20 €. */
export const isUberProspect = (deal: CrmRecord | null): boolean => {
  if (!deal || !truthy(deal)) return false
  const stage = pyStr(getOr(deal, "Stage", "")).toUpperCase()
  return (stage.includes("ATTENTE") || stage.includes("PENDING")) && helperAmountIsTwenty(getOr(deal, "Amount", 0))
}

export interface UberEligibility {
  readonly uber_case: UberCase
  readonly is_uber_20_deal: boolean
  readonly is_uber_prospect: boolean
  readonly should_include_in_response: boolean
  readonly date_dossier_recu: unknown
  readonly date_test_selection: unknown
}

interface HelperFacts {
  readonly prospect: boolean
  readonly uber20: boolean
  readonly dossierReceived: boolean
  readonly verificationDone: boolean
  readonly compteUber: boolean
  readonly eligible: boolean
  readonly testPassed: boolean
  readonly testMandatory: boolean
}

/** The helper's decision table (`analyze_uber_eligibility`), first match wins. */
const HELPER_RULES: ReadonlyArray<{ readonly uberCase: UberCase; readonly when: (f: HelperFacts) => boolean }> = [
  { uberCase: "PROSPECT", when: (f) => f.prospect },
  { uberCase: "NOT_UBER", when: (f) => !f.uber20 },
  { uberCase: "A", when: (f) => !f.dossierReceived },
  { uberCase: "D", when: (f) => f.verificationDone && !f.compteUber },
  { uberCase: "E", when: (f) => f.verificationDone && !f.eligible },
  { uberCase: "B", when: (f) => !f.testPassed && f.testMandatory },
  { uberCase: "ELIGIBLE", when: () => true }
]

const verificationDone = (dossierDate: IsoDate | null, today: IsoDate): boolean =>
  dossierDate !== null && today >= addDays(dossierDate, Thresholds.uberVerificationDelayDays)

export const analyzeUberEligibility = (deal: CrmRecord, today: IsoDate): UberEligibility => {
  const dossier = deal.Date_Dossier_re_u
  const dossierDate = truthy(dossier) ? parseDateFlexible(dossier) : null
  const facts: HelperFacts = {
    prospect: isUberProspect(deal),
    uber20: isUber20Deal(deal),
    dossierReceived: truthy(dossier),
    verificationDone: verificationDone(dossierDate, today),
    compteUber: truthy(getOr(deal, "Compte_Uber", false)),
    eligible: truthy(getOr(deal, "ELIGIBLE", false)),
    testPassed: truthy(deal.Date_test_selection),
    testMandatory: dossierDate !== null && dossierDate > UBER_TEST_MANDATORY_AFTER
  }
  const uberCase = (HELPER_RULES.find((r) => r.when(facts)) as (typeof HELPER_RULES)[number]).uberCase
  const isUber = uberCase !== "PROSPECT" && uberCase !== "NOT_UBER"
  return {
    uber_case: uberCase,
    is_uber_20_deal: isUber,
    is_uber_prospect: uberCase === "PROSPECT",
    should_include_in_response: uberCase !== "NOT_UBER" && uberCase !== "ELIGIBLE",
    date_dossier_recu: isUber ? (deal.Date_Dossier_re_u ?? null) : null,
    date_test_selection: isUber ? (deal.Date_test_selection ?? null) : null
  }
}

// ---------------------------------------------------------------------------------------------
// State engine re-implementation (`StateDetector._build_context` / `_determine_uber_case`).

export interface StateEngineUber {
  readonly uber_case: UberCase
  readonly is_uber_20_deal: boolean
  readonly is_uber_prospect: boolean
}

/** The state engine wants the amount to be exactly 20 (20.0 too), never the text "20". */
const stateEngineAmountIsTwenty = (amount: unknown): boolean => typeof amount === "number" && amount === Amounts.uberOffer

/** Dossier date as the state engine reads it; an unreadable date disables the D/E/B checks. */
const stateEngineDate = (value: unknown): IsoDate | null => (truthy(value) ? parseDateFlexible(value) : null)

interface EngineFacts extends HelperFacts {
  readonly dossierParsed: boolean
}

const ENGINE_RULES: ReadonlyArray<{ readonly uberCase: UberCase; readonly when: (f: EngineFacts) => boolean }> = [
  { uberCase: "PROSPECT", when: (f) => f.prospect },
  { uberCase: "NOT_UBER", when: (f) => !f.uber20 },
  { uberCase: "A", when: (f) => !f.dossierReceived },
  { uberCase: "D", when: (f) => f.dossierParsed && f.verificationDone && !f.compteUber },
  { uberCase: "E", when: (f) => f.dossierParsed && f.verificationDone && !f.eligible },
  { uberCase: "B", when: (f) => !f.testPassed && f.dossierParsed && f.testMandatory },
  { uberCase: "ELIGIBLE", when: () => true }
]

export const stateEngineUber = (deal: CrmRecord, today: IsoDate): StateEngineUber => {
  const stage = pyStr(getOr(deal, "Stage", "")).toUpperCase()
  const amountOk = stateEngineAmountIsTwenty(deal.Amount)
  const dossierDate = stateEngineDate(deal.Date_Dossier_re_u)
  const facts: EngineFacts = {
    // unlike the helper, the state engine does not read "PENDING" as a pending stage
    prospect: amountOk && stage.includes("ATTENTE"),
    uber20: amountOk && stage.includes("GAGN"),
    dossierReceived: truthy(deal.Date_Dossier_re_u),
    dossierParsed: dossierDate !== null,
    verificationDone: verificationDone(dossierDate, today),
    compteUber: truthy(getOr(deal, "Compte_Uber", true)),
    eligible: truthy(getOr(deal, "ELIGIBLE", true)),
    testPassed: truthy(deal.Date_test_selection),
    testMandatory: dossierDate !== null && dossierDate > UBER_TEST_MANDATORY_AFTER
  }
  const uberCase = (ENGINE_RULES.find((r) => r.when(facts)) as (typeof ENGINE_RULES)[number]).uberCase
  return { uber_case: uberCase, is_uber_20_deal: facts.uber20, is_uber_prospect: facts.prospect }
}
