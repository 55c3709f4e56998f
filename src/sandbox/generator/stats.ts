/**
 * The distribution of a generated world as docflow's own rules see it: triage (action and offline
 * intent) through `runTriage`, Uber cases through both implementations, the helper's and the state
 * engine's exam-date cases — plus the generator's intended intents, to measure agreement.
 */
import { Either, Schema } from "effect"
import { CrmContact, CrmDeal, CrmExamDate, redactDeal } from "../../schemas/crm.ts"
import { DeskThread } from "../../schemas/desk.ts"
import { inMemoryReader } from "../../services/rules/crmQuery.ts"
import { analyzeExamDateSituation } from "../../services/rules/examDateCase.ts"
import { enrichDealLookups } from "../../services/rules/lookups.ts"
import { stateDateContext } from "../../services/rules/stateContext.ts"
import { analyzeUberEligibility, stateEngineUber } from "../../services/rules/uber.ts"
import { runTriage } from "../../services/triage/Triage.ts"
import type { PortalAccountInput } from "../examt3p/portalData.ts"
import type { JsonRecord } from "../world.ts"
import type { GeneratedWorld } from "./generateWorld.ts"

export type Counts = Readonly<Record<string, number>>

export interface WorldStats {
  readonly tickets: number
  readonly intentsLabelled: Counts
  readonly intentsClassified: Counts
  /** share of candidate tickets whose classified intent equals the labelled one */
  readonly intentAgreement: number
  readonly triageActions: Counts
  readonly evalbox: Counts
  readonly uberHelper: Counts
  readonly uberStateEngine: Counts
  readonly helperDateCase: Counts
  readonly stateEngineDateCase: Counts
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1
}

const decodeOr = <A, I>(schema: Schema.Schema<A, I>, value: unknown): A | undefined => {
  const result = Schema.decodeUnknownEither(schema)(value)
  return Either.isRight(result) ? result.right : undefined
}

/** The ExamT3P facts the rules read, from the dossier the portal shows for the deal. */
const examt3pFacts = (account: PortalAccountInput | undefined): Record<string, unknown> | null => {
  const dossier = account?.dossiers[0]
  if (dossier === undefined) return null
  const refused = Object.entries(dossier.documents).filter(([, d]) => d.status === "REFUSÉ" || d.status === "À CORRIGER")
  const exam = dossier.examDate
  return {
    compte_existe: true,
    statut_dossier: dossier.status,
    date_examen: exam === undefined ? null : `${exam.slice(8, 10)}/${exam.slice(5, 7)}/${exam.slice(0, 4)}`,
    paiement_cma: dossier.payment === undefined ? {} : { date: dossier.payment.date },
    documents_refuses: refused.map(([name]) => name),
    pieces_refusees_details: refused.map(([name, d]) => ({ nom: name, motif: d.reason ?? "" }))
  }
}

const ticketForTriage = (ticket: JsonRecord) => ({
  subject: typeof ticket["subject"] === "string" ? ticket["subject"] : null,
  email: typeof ticket["email"] === "string" ? ticket["email"] : null,
  phone: typeof ticket["phone"] === "string" ? ticket["phone"] : null,
  contactName: null,
  cf: {}
})

export const computeStats = (world: GeneratedWorld): WorldStats => {
  const today = world.generated.today
  const crmModules = world.crm
  const reader = inMemoryReader(crmModules)
  const deals = (crmModules["Deals"] ?? []).flatMap((d) => {
    const decoded = decodeOr(CrmDeal, d)
    return decoded === undefined ? [] : [{ raw: d, decoded }]
  })
  const contacts = (crmModules["Contacts"] ?? []).flatMap((c) => decodeOr(CrmContact, c) ?? [])
  const examDates = (crmModules["Dates_Examens_VTC_TAXI"] ?? []).flatMap((r) => decodeOr(CrmExamDate, r) ?? [])
  const accountsByLogin = new Map(world.generated.portalAccounts.map((a) => [a.email, a]))
  const labelsById = new Map(world.generated.tickets.map((l) => [l.ticketId, l]))

  const intentsLabelled: Record<string, number> = {}
  const intentsClassified: Record<string, number> = {}
  const triageActions: Record<string, number> = {}
  let agreeing = 0
  let labelled = 0
  for (const ticket of world.tickets) {
    const id = String(ticket["id"])
    const label = labelsById.get(id)
    const threads = (world.threads[id] ?? []).flatMap((t) => decodeOr(DeskThread, { ...t.record, content: t.content }) ?? [])
    const email = String(ticket["email"] ?? "").toLowerCase()
    const result = runTriage({
      today,
      ticket: ticketForTriage(ticket),
      threads,
      contacts: contacts.filter((c) => (c.Email ?? "").toLowerCase() === email),
      deals: deals.filter((d) => String(d.raw["Email"] ?? "").toLowerCase() === email).map((d) => redactDeal(d.decoded)),
      examDates
    })
    bump(triageActions, result.decision.action)
    const classified = result.decision.primaryIntent
    if (label?.intent != null) {
      bump(intentsLabelled, label.intent)
      if (classified !== null) bump(intentsClassified, classified)
      labelled += 1
      if (classified === label.intent) agreeing += 1
    }
  }

  const evalbox: Record<string, number> = {}
  const uberHelper: Record<string, number> = {}
  const uberStateEngine: Record<string, number> = {}
  const helperDateCase: Record<string, number> = {}
  const stateEngineDateCase: Record<string, number> = {}
  for (const { raw } of deals) {
    const deal = raw as Record<string, unknown>
    bump(evalbox, deal["Evalbox"] === null || deal["Evalbox"] === undefined ? "(vide)" : String(deal["Evalbox"]))
    bump(uberHelper, analyzeUberEligibility(deal, today).uber_case)
    bump(uberStateEngine, stateEngineUber(deal, today).uber_case)
    const enriched = enrichDealLookups(reader, deal)
    const login = typeof deal["IDENTIFIANT_EVALBOX"] === "string" ? deal["IDENTIFIANT_EVALBOX"] : ""
    const analysis = analyzeExamDateSituation(reader, {
      deal, threads: [], examt3p: examt3pFacts(accountsByLogin.get(login)), sessionPreference: null,
      enriched, timeline: world.timelines[String(deal["id"])] ?? null, today
    })
    bump(helperDateCase, `CAS ${analysis.case}`)
    bump(stateEngineDateCase, `CAS ${stateDateContext(deal, enriched, today).date_case}`)
  }
  return {
    tickets: world.tickets.length,
    intentsLabelled,
    intentsClassified,
    intentAgreement: labelled === 0 ? 1 : agreeing / labelled,
    triageActions,
    evalbox,
    uberHelper,
    uberStateEngine,
    helperDateCase,
    stateEngineDateCase
  }
}
