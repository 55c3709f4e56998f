/**
 * One candidate's CRM records: contact, deal (with its exam-date and session lookups and its Uber
 * fields), portal account, notes and timeline. The deal is built from a plan — a date scenario
 * (which exam-date case it should land in) and an Uber plan — so that the world covers every case
 * of DOMAIN.md §5 and §7; docflow's rules, not these labels, are the judge (see `stats.ts`).
 */
import { portalAccountFromDeal } from "../examt3p/fromCrm.ts"
import type { PortalAccountInput } from "../examt3p/portalData.ts"
import { addDays, daysBetween } from "../../services/rules/dates.ts"
import type { JsonRecord } from "../world.ts"
import type { ExamDateRecord, SessionRecord } from "./calendar.ts"
import { fullName, type Person } from "./people.ts"
import { type Dice, zohoId } from "./random.ts"

export const DATE_SCENARIOS = [
  "no-date", "past-not-validated", "refused", "fake-refusal", "validated-ahead", "synchronized-ahead", "past-validated",
  "past-convoc", "past-synchronized", "convoc-ahead", "ready-to-pay", "ready-to-pay-late", "deadline-missed",
  "assigned-waiting", "dangling-exam-date"
] as const
export type DateScenario = (typeof DATE_SCENARIOS)[number]

const SCENARIO_WEIGHTS: ReadonlyArray<readonly [DateScenario, number]> = [
  ["no-date", 14], ["past-not-validated", 6], ["refused", 6], ["fake-refusal", 3], ["validated-ahead", 9],
  ["synchronized-ahead", 9], ["past-validated", 4], ["past-convoc", 4], ["past-synchronized", 3], ["convoc-ahead", 6],
  ["ready-to-pay", 8], ["ready-to-pay-late", 2], ["deadline-missed", 7], ["assigned-waiting", 12], ["dangling-exam-date", 1.2]
]

export const UBER_PLANS = ["not-uber", "prospect", "A", "B", "D", "E", "ELIGIBLE"] as const
export type UberPlan = (typeof UBER_PLANS)[number]

const UBER_WEIGHTS: ReadonlyArray<readonly [UberPlan, number]> = [
  ["not-uber", 12], ["prospect", 5], ["A", 10], ["B", 9], ["D", 7], ["E", 7], ["ELIGIBLE", 28]
]

const OTHER_STATUSES = ["Demande report", "Dossier complet", "Papier complet", "Erreur Import"]

const EVALBOX_BY_SCENARIO: Readonly<Record<DateScenario, ReadonlyArray<readonly [string | null, number]>>> = {
  "no-date": [[null, 4], ["Dossier crée", 3], ["Documents manquants", 2], ["Pret a payer", 1], ["Documents refusés", 1], ["Demande report", 0.5]],
  "past-not-validated": [["Dossier crée", 2], ["Documents manquants", 2], ["Documents refusés", 2], [null, 1]],
  refused: [["Refusé CMA", 1]],
  "fake-refusal": [["Refusé CMA", 1]],
  "validated-ahead": [["VALIDE CMA", 1]],
  "synchronized-ahead": [["Dossier Synchronisé", 1]],
  "past-validated": [["VALIDE CMA", 1]],
  "past-convoc": [["Convoc CMA reçue", 1]],
  "past-synchronized": [["Dossier Synchronisé", 1]],
  "convoc-ahead": [["Convoc CMA reçue", 1]],
  "ready-to-pay": [["Pret a payer", 3], ["Pret a payer par cheque", 1]],
  "ready-to-pay-late": [["Pret a payer", 1]],
  "deadline-missed": [["Dossier crée", 3], ["Documents manquants", 2], ["Documents refusés", 1], [null, 1]],
  "assigned-waiting": [["Dossier crée", 3], ["Documents manquants", 2], ["Documents refusés", 2], [null, 1], ...OTHER_STATUSES.map((s) => [s, 0.5] as const)],
  "dangling-exam-date": [["Dossier crée", 1], ["Pret a payer", 1], ["VALIDE CMA", 1]]
}

type Timing = "none" | "past" | "ahead" | "ahead-open" | "ahead-closed" | "any"

const TIMING: Readonly<Record<DateScenario, Timing>> = {
  "no-date": "none", "past-not-validated": "past", refused: "any", "fake-refusal": "ahead-open", "validated-ahead": "ahead",
  "synchronized-ahead": "ahead-open", "past-validated": "past", "past-convoc": "past", "past-synchronized": "past",
  "convoc-ahead": "ahead-closed", "ready-to-pay": "ahead-open", "ready-to-pay-late": "ahead-closed",
  "deadline-missed": "ahead-closed", "assigned-waiting": "ahead-open", "dangling-exam-date": "none"
}

export interface CandidatePlan {
  readonly dateScenario: DateScenario
  readonly uberPlan: UberPlan
  /** the Amount is sent as the text "20" (Zoho does that for some records) */
  readonly amountAsText: boolean
  readonly danglingSession: boolean
}

export const planCandidate = (dice: Dice): CandidatePlan => {
  const uberPlan = dice.weighted(UBER_WEIGHTS)
  return {
    dateScenario: dice.weighted(SCENARIO_WEIGHTS),
    uberPlan,
    amountAsText: uberPlan !== "not-uber" && dice.chance(0.22),
    danglingSession: dice.chance(0.008)
  }
}

export interface Candidate {
  readonly person: Person
  readonly plan: CandidatePlan
  readonly contact: JsonRecord
  readonly deal: JsonRecord
  readonly examDate: ExamDateRecord | undefined
  readonly portal: PortalAccountInput | undefined
  readonly notes: ReadonlyArray<JsonRecord>
  readonly timeline: ReadonlyArray<JsonRecord>
}

export interface Calendar {
  readonly today: string
  readonly examDates: ReadonlyArray<ExamDateRecord>
  readonly sessions: ReadonlyArray<SessionRecord>
}

const dayOf = (value: string) => value.slice(0, 10)

const fitsTiming = (record: ExamDateRecord, timing: Timing, today: string): boolean => {
  const exam = record.Date_Examen
  const cloture = dayOf(record.Date_Cloture_Inscription)
  if (timing === "past") return exam < today && daysBetween(exam, today) < 120
  if (timing === "ahead") return exam >= today
  if (timing === "ahead-open") return exam >= today && cloture >= today
  if (timing === "ahead-closed") return exam >= today && cloture < today
  return true
}

const chooseExamDate = (dice: Dice, calendar: Calendar, timing: Timing, departement: string): ExamDateRecord | undefined => {
  if (timing === "none") return undefined
  const fitting = calendar.examDates.filter((r) => fitsTiming(r, timing, calendar.today))
  const local = fitting.filter((r) => String(r["Departement"]) === departement)
  const pool = local.length > 0 ? local : fitting
  if (pool.length === 0) return undefined
  // the nearest dates are the likeliest
  const sorted = [...pool].sort((a, b) => (a.Date_Examen < b.Date_Examen ? -1 : 1))
  const ahead = timing !== "past"
  const ordered = ahead ? sorted : sorted.reverse()
  return ordered[Math.min(ordered.length - 1, Math.floor(dice.next() * dice.next() * ordered.length))]
}

/** A training session ending 3–60 days before the exam (§6), or any recent one without exam. */
const chooseSession = (dice: Dice, calendar: Calendar, exam: ExamDateRecord | undefined): SessionRecord | undefined => {
  const candidates = calendar.sessions.filter((s) => {
    if (exam === undefined) return s.Date_d_but >= addDays(calendar.today, -30) && s.Date_d_but <= addDays(calendar.today, 40)
    const gap = daysBetween(s.Date_fin, exam.Date_Examen)
    return gap >= 3 && gap <= 60
  })
  return candidates.length === 0 ? undefined : dice.pick(candidates)
}

const cmaText = (dice: Dice, dept: string): string =>
  dice.weighted([[dept, 6], [`CMA ${dept}`, 2], [`CMA de ${dept}`, 1], [dept === "75" ? "IDF" : `${dept} `, 0.5]])

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`

interface UberFields {
  readonly Amount: number | string
  readonly Stage: string
  readonly extra: Record<string, string | boolean | null>
}

const uberFields = (dice: Dice, plan: CandidatePlan, today: string): UberFields => {
  const twenty = plan.amountAsText ? "20" : 20
  const recent = (min: number, max: number) => addDays(today, -dice.int(min, max))
  switch (plan.uberPlan) {
    case "not-uber":
      return { Amount: dice.pick([1299, 720, 1590, 990]), Stage: dice.weighted([["GAGNÉ", 8], ["EN ATTENTE", 1]]), extra: {} }
    case "prospect":
      return { Amount: twenty, Stage: "EN ATTENTE", extra: { Date_Dossier_re_u: null } }
    case "A":
      return { Amount: twenty, Stage: "GAGNÉ", extra: { Date_Dossier_re_u: null, Compte_Uber: false, ELIGIBLE: false } }
    case "D":
      return { Amount: twenty, Stage: "GAGNÉ", extra: { Date_Dossier_re_u: recent(6, 90), Compte_Uber: false, ELIGIBLE: dice.chance(0.5) } }
    case "E":
      return { Amount: twenty, Stage: "GAGNÉ", extra: { Date_Dossier_re_u: recent(6, 90), Compte_Uber: true, ELIGIBLE: false } }
    case "B":
      return dice.chance(0.5)
        ? { Amount: twenty, Stage: "GAGNÉ", extra: { Date_Dossier_re_u: recent(0, 3), Date_test_selection: null } }
        : { Amount: twenty, Stage: "GAGNÉ", extra: { Date_Dossier_re_u: recent(6, 90), Compte_Uber: true, ELIGIBLE: true, Date_test_selection: null } }
    case "ELIGIBLE": {
      const received = recent(10, 200)
      return {
        Amount: twenty,
        Stage: "GAGNÉ",
        extra: { Date_Dossier_re_u: received, Compte_Uber: true, ELIGIBLE: true, Date_test_selection: addDays(received, dice.int(1, 6)) }
      }
    }
  }
}

const resultatFor = (dice: Dice, scenario: DateScenario): string | null => {
  if (scenario === "past-convoc" || scenario === "past-validated") {
    return dice.weighted([[null, 3], ["ADMIS", 2], ["NON ADMIS", 1], ["ADMISSIBLE", 1], ["ABSENT", 0.5]])
  }
  return null
}

export interface CandidateIds {
  readonly contactId: string
  readonly dealId: string
  readonly n: number
}

export const makeCandidate = (dice: Dice, calendar: Calendar, person: Person, plan: CandidatePlan, ids: CandidateIds): Candidate => {
  const { today } = calendar
  const departement = dice.pick(["75", "93", "94", "92", "77", "78", "91", "95", "13", "69", "33", "34", "31", "59"])
  const exam = chooseExamDate(dice, calendar, TIMING[plan.dateScenario], departement)
  const dept = exam === undefined ? departement : String(exam["Departement"])
  const evalbox = dice.weighted(EVALBOX_BY_SCENARIO[plan.dateScenario])
  const session = plan.dateScenario === "no-date" && dice.chance(0.6) ? undefined : dice.chance(0.55) ? chooseSession(dice, calendar, exam) : undefined
  const uber = uberFields(dice, plan, today)
  const name = fullName(person)
  const created = addDays(today, -dice.int(20, 240))
  const hasAccount = evalbox !== null && evalbox !== "Dossier crée" ? true : dice.chance(0.4)
  const dossierNumber = String(40_000 + ids.n * 7).padStart(8, "0") + (dice.chance(0.06) ? `TE${dice.int(1, 2)}` : "")
  const danglingExam = plan.dateScenario === "dangling-exam-date"
  const examLookup = danglingExam
    ? { name: `${dept}_${addDays(today, 30)}`, id: zohoId("14561770016", ids.n) }
    : exam === undefined ? null : { name: exam.Name, id: exam.id }
  const sessionLookup = plan.danglingSession
    ? { name: "cdj-visio-000 - session supprimée", id: zohoId("14561770015", ids.n) }
    : session === undefined ? null : { name: session.Name, id: session.id }
  const deal: JsonRecord = {
    id: ids.dealId,
    Deal_Name: `${uber.Amount === 20 || uber.Amount === "20" ? "BFS NP" : "VTC"} ${name}`,
    Amount: uber.Amount,
    Stage: uber.Stage,
    Closing_Date: addDays(created, dice.int(0, 10)),
    Created_Time: `${created}T${String(dice.int(8, 19)).padStart(2, "0")}:${String(dice.int(0, 59)).padStart(2, "0")}:00+01:00`,
    Modified_Time: `${addDays(today, -dice.int(0, 15))}T16:40:00+01:00`,
    Contact_Name: { name, id: ids.contactId },
    Email: person.email,
    Evalbox: evalbox,
    Date_examen_VTC: examLookup,
    Session: sessionLookup,
    Session_souhait_e: null,
    Preference_horaire: dice.weighted([[null, 3], ["jour", 1], ["soir", 1]]),
    CMA_de_depot: cmaText(dice, dept),
    Resultat: resultatFor(dice, plan.dateScenario),
    IDENTIFIANT_EVALBOX: hasAccount ? person.email : null,
    MDP_EVALBOX: hasAccount ? `${person.firstName.slice(0, 1).toUpperCase()}${dice.int(1000, 9999)}cab!` : null,
    NUM_DOSSIER_EVALBOX: hasAccount ? dossierNumber : null,
    Date_de_depot_CMA: hasAccount && evalbox !== "Dossier crée" ? addDays(created, dice.int(3, 15)) : null,
    EXAM_INCLUS: uber.Amount === 20 || uber.Amount === "20" ? "Oui" : dice.pick(["Oui", "Non"]),
    ...uber.extra
  }
  const contact: JsonRecord = {
    id: ids.contactId,
    First_Name: person.firstName,
    Last_Name: person.lastName,
    Full_Name: name,
    Email: person.email,
    Phone: dice.chance(0.3) ? person.mobile : null,
    Mobile: person.mobile,
    Secondary_Email: null,
    Mailing_Zip: `${dept.padEnd(2, "0")}${String(dice.int(0, 999)).padStart(3, "0")}`
  }
  return {
    person,
    plan,
    contact,
    deal,
    examDate: exam,
    portal: portalFor(deal, person, exam, plan),
    notes: notesFor(dice, deal, ids, today, exam),
    timeline: timelineFor(dice, deal, ids, today)
  }
}

/** The portal account mirrors the deal; a fake refusal is a "Refusé CMA" deal whose portal shows no refused piece. */
const portalFor = (deal: JsonRecord, person: Person, exam: ExamDateRecord | undefined, plan: CandidatePlan): PortalAccountInput | undefined => {
  const account = portalAccountFromDeal(
    {
      id: String(deal["id"]),
      Evalbox: typeof deal["Evalbox"] === "string" ? deal["Evalbox"] : null,
      NUM_DOSSIER_EVALBOX: typeof deal["NUM_DOSSIER_EVALBOX"] === "string" ? deal["NUM_DOSSIER_EVALBOX"] : null,
      CMA_de_depot: typeof deal["CMA_de_depot"] === "string" ? deal["CMA_de_depot"] : null,
      IDENTIFIANT_EVALBOX: typeof deal["IDENTIFIANT_EVALBOX"] === "string" ? deal["IDENTIFIANT_EVALBOX"] : null,
      MDP_EVALBOX: typeof deal["MDP_EVALBOX"] === "string" ? deal["MDP_EVALBOX"] : null
    },
    { firstName: person.firstName, lastName: person.lastName },
    exam?.Date_Examen
  )
  if (account === undefined) return undefined
  const cloture = exam === undefined ? undefined : dayOf(exam.Date_Cloture_Inscription)
  type Dossier = PortalAccountInput["dossiers"][number]
  const adjust = (d: Dossier): Dossier => ({
    ...d,
    // paid ten days before the clôture (a few days after the deal when there is no exam yet)
    ...(d.payment === undefined ? {} : { payment: { ...d.payment, date: dmy(addDays(cloture ?? String(deal["Closing_Date"]), cloture ? -10 : 5)) } }),
    ...(plan.dateScenario === "fake-refusal"
      ? { documents: { identity: { status: "VALIDÉ" }, photo: { status: "VALIDÉ" }, signature: { status: "VALIDÉ" }, address: { status: "VALIDÉ" }, license: { status: "VALIDÉ" } } }
      : {})
  })
  const [first, ...rest] = account.dossiers
  return { ...account, dossiers: [adjust(first), ...rest.map(adjust)] }
}

const notesFor = (dice: Dice, deal: JsonRecord, ids: CandidateIds, today: string, exam: ExamDateRecord | undefined): Array<JsonRecord> => {
  const parent = { module: { api_name: "Deals" }, id: ids.dealId, name: String(deal["Deal_Name"]) }
  const at = (daysAgo: number, hour: number) => `${addDays(today, -daysAgo)}T${String(hour).padStart(2, "0")}:12:00+01:00`
  const notes: Array<JsonRecord> = [{
    id: zohoId("14561770014", ids.n * 4),
    Note_Title: "Inscription",
    Note_Content: dice.pick(["Dossier ouvert suite à l'appel.", "Inscription web, pièces à relancer.", "Candidat inscrit via le formulaire Uber."]),
    Parent_Id: parent,
    Created_Time: at(dice.int(30, 60), 10),
    Modified_Time: at(dice.int(20, 29), 10)
  }]
  if (dice.chance(0.3)) {
    const daysAgo = dice.int(3, 25)
    const ticket = `1987090000${String(dice.int(1000, 9999))}${String(ids.n).padStart(5, "0")}`
    const state = dice.pick(["EXAM_DATE_ASSIGNED_WAITING", "READY_TO_PAY", "EXAM_DATE_EMPTY", "N/A"])
    const intent = dice.pick(["DEMANDE_DATE_EXAMEN", "STATUT_DOSSIER", "DEMANDE_IDENTIFIANTS", "DEMANDE_DATES_FUTURES"])
    const sections = dice.pick(["dates,statut", "identifiants", "statut,paiement", "dates,sessions"])
    const meta = [
      `[META] ticket=${ticket}`, `ts=${addDays(today, -daysAgo)}T10:${String(dice.int(10, 59))}`, `state=${state}`, `intent=${intent}`,
      `evalbox=${String(deal["Evalbox"] ?? "")}`, `date_exam=${exam?.Date_Examen ?? ""}`, `date_case=${dice.int(1, 10)}`, `sections=${sections}`
    ].join(" | ")
    notes.push({
      id: zohoId("14561770014", ids.n * 4 + 1),
      Note_Title: "Note automatique - Ticket DOC",
      Note_Content: `${meta}\n\nTicket #${ticket}\nhttps://desk.zoho.com/agent/cabformations/cab-formations/tickets/${ticket}\nMises à jour CRM: aucune\n✓ Aucune alerte`,
      Parent_Id: parent,
      Created_Time: at(daysAgo, 10),
      Modified_Time: at(daysAgo, 10)
    })
  }
  return notes
}

const timelineFor = (dice: Dice, deal: JsonRecord, ids: CandidateIds, today: string): Array<JsonRecord> => {
  const evalbox = deal["Evalbox"]
  if (evalbox === null || !dice.chance(0.5)) return []
  const previous = evalbox === "Dossier crée" ? null : dice.pick(["Dossier crée", "Pret a payer", "Documents manquants"])
  return [{
    id: zohoId("14561770013", ids.n),
    action: "updated",
    audited_time: `${addDays(today, -dice.int(1, 30))}T14:03:00+01:00`,
    source: dice.pick(["crm_ui", "crm_ui", "api", "workflow"]),
    done_by: { name: dice.pick(["Agent DOC", "Fatima (DOC)", "Automatisation CRM"]), id: "1456177000000999" },
    field_history: [{ api_name: "Evalbox", field_label: "Evalbox", _value: { old: previous, new: evalbox as string } }]
  }]
}

/** An earlier deal of the same contact (a second registration): lost, or a consumed Uber offer. */
export const makeOlderDeal = (dice: Dice, candidate: Candidate, dealId: string, today: string): JsonRecord => {
  const created = addDays(today, -dice.int(300, 800))
  const name = fullName(candidate.person)
  return {
    id: dealId,
    Deal_Name: `BFS NP ${name}`,
    Amount: 20,
    Stage: dice.weighted([["PERDU", 1], ["GAGNÉ", 2]]),
    Closing_Date: addDays(created, dice.int(0, 20)),
    Created_Time: `${created}T11:05:00+01:00`,
    Modified_Time: `${addDays(created, dice.int(30, 200))}T09:30:00+01:00`,
    Contact_Name: candidate.deal["Contact_Name"] ?? null,
    Email: candidate.person.email,
    ...dice.weighted<{ Evalbox: string | null; Resultat: string | null }>([
      [{ Evalbox: null, Resultat: null }, 2],
      [{ Evalbox: "Dossier crée", Resultat: null }, 2],
      [{ Evalbox: "Convoc CMA reçue", Resultat: "NON ADMIS" }, 1],
      [{ Evalbox: "Dossier Synchronisé", Resultat: null }, 1],
      [{ Evalbox: "Refusé CMA", Resultat: null }, 0.5]
    ]),
    Date_examen_VTC: null,
    Session: null,
    CMA_de_depot: candidate.deal["CMA_de_depot"] ?? null,
    IDENTIFIANT_EVALBOX: null,
    MDP_EVALBOX: null,
    NUM_DOSSIER_EVALBOX: null,
    EXAM_INCLUS: "Oui",
    Date_Dossier_re_u: null
  }
}
