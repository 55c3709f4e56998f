/**
 * `generateWorld({ tickets, seed, today })`: a realistic sandbox world (DOMAIN.md §2.6, §4–§8):
 * `tickets` open DOC tickets (859 on day one of the batch) from candidates, staff and machines,
 * the candidates' contacts, deals, notes and timelines, the exam-date calendar per département,
 * training sessions and the ExamT3P accounts behind the deals. Pure and reproducible from the seed.
 */
import type { PortalAccountInput } from "../examt3p/portalData.ts"
import { COMPTA_DEPARTMENT, CONTACT_DEPARTMENT, DOC_DEPARTMENT, fixedWorld, type JsonRecord, type SandboxWorld, type WorldThread } from "../world.ts"
import { makeExamDates, makeSessions } from "./calendar.ts"
import { type Candidate, type DateScenario, makeCandidate, makeOlderDeal, planCandidate, type UberPlan } from "./deals.ts"
import { GENERATED_INTENTS, INTENT_WEIGHTS } from "./intentTexts.ts"
import { fullName, makePerson } from "./people.ts"
import { makeDice, pad } from "./random.ts"
import { buildTicket, type TicketKind, type TicketLabel } from "./tickets.ts"

export const DEFAULT_TICKETS = 859
export const DEFAULT_TODAY = "2026-03-10"

export interface GenerateOptions {
  readonly tickets?: number
  readonly seed?: number
  /** `YYYY-MM-DD`: tickets arrive in the month before, exams lie around it. */
  readonly today?: string
}

export interface CandidateLabel {
  readonly dealId: string
  readonly contactId: string
  readonly email: string
  readonly dateScenario: DateScenario
  readonly uberPlan: UberPlan
  readonly amountAsText: boolean
  readonly danglingExamDate: boolean
  readonly danglingSession: boolean
}

/** What the generator meant, for tests and `--stats`; docflow never reads it. */
export interface GenerationLabels {
  readonly seed: number
  readonly today: string
  readonly tickets: ReadonlyArray<TicketLabel>
  readonly candidates: ReadonlyArray<CandidateLabel>
  /** Earlier deals of some candidates (second registrations): ids of the older deal → the current one. */
  readonly olderDeals: Readonly<Record<string, string>>
  readonly portalAccounts: ReadonlyArray<PortalAccountInput>
}

export interface GeneratedWorld extends SandboxWorld {
  readonly generated: GenerationLabels
}

const KIND_WEIGHTS: ReadonlyArray<readonly [TicketKind, number]> = [
  ["candidate", 82], ["not-found", 5], ["bounce", 2], ["spam", 1.5], ["cma", 3], ["noreply", 2.5], ["out-of-scope", 1.5], ["non-uber", 2.5]
]

/** What a candidate in each situation tends to write about (multiplies the base intent weights). */
const SCENARIO_BOOSTS: Readonly<Partial<Record<DateScenario, Readonly<Record<string, number>>>>> = {
  "no-date": { DEMANDE_DATES_FUTURES: 3, STATUT_DOSSIER: 1.5, TRANSMET_DOCUMENTS: 1.5 },
  "past-validated": { RESULTAT_EXAMEN: 4, ANNONCE_RESULTAT_POSITIF: 3, ANNONCE_RESULTAT_NEGATIF: 3, DEMANDE_REINSCRIPTION: 2 },
  "past-convoc": { RESULTAT_EXAMEN: 4, ANNONCE_RESULTAT_POSITIF: 3, ANNONCE_RESULTAT_NEGATIF: 3, QUESTION_CARTE_VTC: 2 },
  "past-not-validated": { REPORT_DATE: 2, RECLAMATION: 2, STATUT_DOSSIER: 2 },
  "validated-ahead": { DEMANDE_CONVOCATION: 3, DEMANDE_LIEN_VISIO: 1.5 },
  "convoc-ahead": { DEMANDE_CONVOCATION: 2, REPORT_DATE: 2, FORCE_MAJEURE_REPORT: 2 },
  "ready-to-pay": { CONFIRMATION_PAIEMENT: 3, ERREUR_PAIEMENT_CMA: 2 },
  "deadline-missed": { DEMANDE_EXCEPTION: 3, REPORT_DATE: 2 },
  refused: { SIGNALE_PROBLEME_DOCS: 2, TRANSMET_DOCUMENTS: 2, RECLAMATION: 1.5 },
  "fake-refusal": { STATUT_DOSSIER: 3 }
}

const STRANGER_DOMAINS = ["gmail.com", "hotmail.com", "laposte.net"]

export const generateWorld = (options: GenerateOptions = {}): GeneratedWorld => {
  const count = options.tickets ?? DEFAULT_TICKETS
  const seed = options.seed ?? 1
  const today = options.today ?? DEFAULT_TODAY
  const dice = makeDice(seed)
  const examDates = makeExamDates(dice, today)
  const sessions = makeSessions(dice, today)
  const calendar = { today, examDates, sessions }
  const baseTime = new Date(`${today}T08:00:00.000Z`).getTime()
  const intentWeights = GENERATED_INTENTS.map((intent) => [intent, INTENT_WEIGHTS[intent] ?? 1] as const)

  const tickets: Array<JsonRecord> = []
  const threads: Record<string, ReadonlyArray<WorldThread>> = {}
  const comments: Record<string, ReadonlyArray<JsonRecord>> = {}
  const candidates: Array<Candidate> = []
  const labels: Array<TicketLabel> = []
  const candidateLabels: Array<CandidateLabel> = []
  const timelines: Record<string, ReadonlyArray<JsonRecord>> = {}
  const olderDeals: Array<JsonRecord> = []
  const olderOf: Record<string, string> = {}
  // a few closed tickets and tickets of other departments around the open DOC ones
  const extra = Math.floor(count / 25)

  for (let n = 1; n <= count + extra; n++) {
    const isExtra = n > count
    const kind = dice.weighted(KIND_WEIGHTS)
    const person = makePerson(dice, n)
    let candidate: Candidate | undefined
    if (kind === "candidate") {
      const plan = planCandidate(dice)
      candidate = makeCandidate(dice, calendar, person, plan, { contactId: `1456177001${pad(n, 9)}`, dealId: `1456177002${pad(n, 9)}`, n })
      candidates.push(candidate)
      candidateLabels.push({
        dealId: String(candidate.deal["id"]), contactId: String(candidate.contact["id"]), email: person.email,
        dateScenario: plan.dateScenario, uberPlan: plan.uberPlan, amountAsText: plan.amountAsText,
        danglingExamDate: plan.dateScenario === "dangling-exam-date", danglingSession: plan.danglingSession
      })
      timelines[String(candidate.deal["id"])] = candidate.timeline
      if (plan.uberPlan !== "not-uber" && dice.chance(0.07)) {
        const older = makeOlderDeal(dice, candidate, `1456177003${pad(n, 9)}`, today)
        olderDeals.push(older)
        olderOf[String(older["id"])] = String(candidate.deal["id"])
      }
    }
    const boosts = candidate === undefined ? undefined : SCENARIO_BOOSTS[candidate.plan.dateScenario]
    const weights = boosts === undefined ? intentWeights : intentWeights.map(([i, w]) => [i, w * (boosts[i] ?? 1)] as const)
    let intent: string | null = kind === "candidate" || kind === "not-found" ? dice.weighted(weights) : null
    // asking for "my" exam date only makes sense with one assigned, and the other way round
    const assigned = candidate?.examDate !== undefined
    if (intent === "DEMANDE_DATE_EXAMEN" && !assigned) intent = "DEMANDE_DATES_FUTURES"
    else if (intent === "DEMANDE_DATES_FUTURES" && assigned) intent = "DEMANDE_DATE_EXAMEN"
    const ticketId = `1987090000${pad(n, 8)}`
    const email = kind === "not-found" ? `${person.email.split("@")[0] ?? "inconnu"}.perso@${dice.pick(STRANGER_DOMAINS)}` : person.email
    const examDay = candidate?.examDate?.Date_Examen
    const built = buildTicket(dice, {
      n,
      ticketId,
      threadId: (k) => `1987090001${pad(n, 8)}${k}`,
      departmentId: isExtra ? dice.pick([DOC_DEPARTMENT, CONTACT_DEPARTMENT, COMPTA_DEPARTMENT]) : DOC_DEPARTMENT,
      // the extra DOC tickets are closed ones: exactly `count` DOC tickets are open
      status: isExtra ? "Closed" : "Open",
      createdTime: new Date(baseTime - dice.int(10, 30 * 24 * 60) * 60_000).toISOString().replace(/\.\d{3}Z$/, ".000Z"),
      kind,
      intent,
      sender: { name: fullName(person), email, mobile: person.mobile },
      dealId: candidate === undefined ? null : String(candidate.deal["id"]),
      facts: {
        firstName: person.firstName,
        examDay: examDay === undefined ? undefined : `${Number(examDay.slice(8, 10))}/${examDay.slice(5, 7)}`,
        departement: String(candidate?.examDate?.["Departement"] ?? dice.pick(["75", "93", "13", "69"])),
        month: dice.pick(["avril", "mai", "juin"]),
        email
      }
    })
    tickets.push(built.ticket)
    threads[ticketId] = built.threads
    comments[ticketId] = built.comments
    labels.push(built.label)
  }

  const base = fixedWorld({ tickets: 0 })
  return {
    orgId: base.orgId,
    credentials: base.credentials,
    fromAddresses: base.fromAddresses,
    departments: base.departments,
    tickets,
    threads,
    comments,
    crm: {
      Deals: [...candidates.map((c) => c.deal), ...olderDeals],
      Contacts: candidates.map((c) => c.contact),
      Dates_Examens_VTC_TAXI: examDates,
      Sessions1: sessions,
      Notes: candidates.flatMap((c) => c.notes)
    },
    crmFields: base.crmFields,
    timelines,
    generated: {
      seed,
      today,
      tickets: labels,
      candidates: candidateLabels,
      olderDeals: olderOf,
      portalAccounts: candidates.flatMap((c) => (c.portal === undefined ? [] : [c.portal]))
    }
  }
}
