/**
 * Business constants of the exam rules. Picklist values are spelled exactly as the CRM stores
 * them, accents and typos included (`Dossier crée`, `Pret a payer`).
 */

export const Evalbox = {
  DocumentsManquants: "Documents manquants",
  DocumentsRefuses: "Documents refusés",
  DossierCree: "Dossier crée",
  PretAPayer: "Pret a payer",
  PretAPayerParCheque: "Pret a payer par cheque",
  DossierSynchronise: "Dossier Synchronisé",
  RefuseCma: "Refusé CMA",
  ValideCma: "VALIDE CMA",
  ConvocCmaRecue: "Convoc CMA reçue"
} as const

export type EvalboxValue = (typeof Evalbox)[keyof typeof Evalbox]

/** Other picklist values found in the CRM; the rules treat them as "other status". */
export const OTHER_EVALBOX_VALUES: ReadonlyArray<string> = [
  "Demande report", "Erreur Import", "Dossier complet", "Dossier validée", "Papier complet", "PAYE PROD", "Refusé CAB"
]

/** Deal stages (`Stage` picklist). */
export const Stage = { Won: "GAGNÉ", Pending: "EN ATTENTE", Lost: "PERDU" } as const

export const Amounts = {
  /** the Uber offer's price */
  uberOffer: 20,
  /** the helper's tolerance around the Uber price (inclusive) */
  uberOfferMin: 15,
  uberOfferMax: 25,
  /** CMA exam fee paid by CAB for Uber candidates */
  cmaExamFee: 241
} as const

/** CAB has paid the CMA fee. */
export const PAID_STATUSES: ReadonlySet<string> = new Set([
  Evalbox.DossierSynchronise, Evalbox.ValideCma, Evalbox.ConvocCmaRecue, Evalbox.RefuseCma
])
/** Rule B1: the exam date may not move once the clôture is past. */
export const BLOCKING_MODIFICATION: ReadonlySet<string> = new Set([Evalbox.ValideCma, Evalbox.ConvocCmaRecue])
/** No CAS 8 automatic rescheduling for these. */
export const BLOCKING_RESCHEDULE: ReadonlySet<string> = new Set([
  Evalbox.ValideCma, Evalbox.ConvocCmaRecue, Evalbox.RefuseCma
])
export const VALIDATED: ReadonlySet<string> = new Set([Evalbox.ValideCma, Evalbox.ConvocCmaRecue])
export const READY_TO_PAY: ReadonlySet<string> = new Set([Evalbox.PretAPayer, Evalbox.PretAPayerParCheque])
/** Engagement level 1 statuses (the original also accepts the accented spelling). */
export const PRE_PAYMENT_WITH_ACCOUNT: ReadonlySet<string> = new Set([
  Evalbox.DossierCree, "Dossier créé", Evalbox.PretAPayer, Evalbox.PretAPayerParCheque
])

export const Thresholds = {
  convocationDaysBeforeExam: 10,
  examImminentDays: 7,
  examWithinDays: 30,
  forceMajeureDeadlineDays: 14,
  cmaContactUrgentDays: 5,
  maxDatesDisplayed: 5,
  /** Uber account checks are judged J+4 after the documents were received. */
  uberVerificationDelayDays: 4,
  /** Own-département proposals need a clôture at least tomorrow. */
  minDaysBeforeClotureOwnDepartment: 1,
  /** Cross-département proposals made by the workflow need a clôture a week away. */
  minDaysBeforeClotureOtherDepartment: 7,
  sessionMinDaysBeforeExam: 3,
  sessionMaxDaysBeforeExam: 60,
  sessionLateJoinDays: 3
} as const

/** The Uber selection test is mandatory for dossiers received after this date. */
export const UBER_TEST_MANDATORY_AFTER = "2025-05-19"

export const CRM_PAGE_SIZE = 200
export const EXAM_DATES_MAX_PAGES = 10
export const SESSIONS_MAX_PAGES = 20

export const SessionPrefix = { jour: "cdj", soir: "cds" } as const
export const SessionLabel = { jour: "Cours du jour", soir: "Cours du soir" } as const
export type SessionType = keyof typeof SessionPrefix

export const Modules = {
  examDates: "Dates_Examens_VTC_TAXI",
  sessions: "Sessions1",
  deals: "Deals"
} as const
