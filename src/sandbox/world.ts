/**
 * The sandbox's world as plain JSON data, shaped like Zoho's own responses (Desk ticket, thread,
 * comment and department objects; CRM records with their API field names). A realistic generator
 * can replace `fixedWorld` by producing the same `SandboxWorld` value.
 */

export type JsonValue = string | number | boolean | null | ReadonlyArray<JsonValue> | { readonly [key: string]: JsonValue }
export type JsonRecord = { readonly [key: string]: JsonValue }

export interface SandboxCredentials {
  readonly clientId: string
  readonly clientSecret: string
  readonly refreshToken: string
}

/** A Desk thread plus its full body; the server derives summaries and truncation from it. */
export interface WorldThread {
  readonly record: JsonRecord
  readonly content: string
}

export interface SandboxWorld {
  readonly orgId: string
  readonly credentials: SandboxCredentials
  /** Sender addresses configured in the portal; a draft from any other address is refused. */
  readonly fromAddresses: ReadonlyArray<string>
  readonly departments: ReadonlyArray<JsonRecord>
  readonly tickets: ReadonlyArray<JsonRecord>
  readonly threads: Readonly<Record<string, ReadonlyArray<WorldThread>>>
  readonly comments: Readonly<Record<string, ReadonlyArray<JsonRecord>>>
  /** CRM records per module API name (`Deals`, `Contacts`, `Dates_Examens_VTC_TAXI`, `Sessions1`, `Notes`). */
  readonly crm: Readonly<Record<string, ReadonlyArray<JsonRecord>>>
  /** Field api names each CRM module accepts on update; anything else is INVALID_DATA. */
  readonly crmFields: Readonly<Record<string, ReadonlyArray<string>>>
  readonly timelines: Readonly<Record<string, ReadonlyArray<JsonRecord>>>
}

export const DOC_DEPARTMENT = "198709000025523146"
export const CONTACT_DEPARTMENT = "198709000000006907"
export const COMPTA_DEPARTMENT = "198709000000415157"
export const DOCS_CAB_DEPARTMENT = "198709000000512233"
export const REFUS_CMA_DEPARTMENT = "198709000000512271"

export const sandboxCredentials: SandboxCredentials = {
  clientId: "1000.SANDBOXCLIENT",
  clientSecret: "sandbox-client-secret",
  refreshToken: "1000.sandbox-refresh-token"
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same world. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FIRST_NAMES = ["Karim", "Sophie", "Mamadou", "Julie", "Yacine", "Nadia", "Thomas", "Inès", "Moussa", "Claire"]
const LAST_NAMES = ["BENALI", "MARTIN", "DIALLO", "PETIT", "HADDAD", "ROUX", "TRAORE", "GARNIER", "FOFANA", "LEROY"]
const SUBJECTS = [
  "Date d'examen VTC",
  "Documents pour mon inscription",
  "Convocation examen",
  "Question sur la formation",
  "Changement de session",
  "Identifiants ExamT3P"
]
const EVALBOX = ["Dossier crée", "Pret a payer", "Dossier Synchronisé", "VALIDE CMA", "Documents manquants", null]

const pad = (n: number, width: number) => String(n).padStart(width, "0")
const isoDay = (base: Date, days: number) => new Date(base.getTime() + days * 86_400_000).toISOString().slice(0, 10)
const isoTime = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, ".000Z")

export interface FixedWorldOptions {
  readonly tickets?: number
  readonly seed?: number
  /** The day the world is built around (tickets a few days before, exams after). */
  readonly today?: string
}

/**
 * A small world: the five departments docflow routes to, `tickets` DOC tickets (one contact and one deal each), one
 * long thread that Desk truncates, exam dates in three départements and a few training sessions.
 */
export const fixedWorld = (options: FixedWorldOptions = {}): SandboxWorld => {
  const count = options.tickets ?? 8
  const random = seededRandom(options.seed ?? 1)
  const today = new Date(`${options.today ?? "2026-03-10"}T09:00:00.000Z`)
  const pick = <A>(list: ReadonlyArray<A>): A => list[Math.floor(random() * list.length)] as A
  const deskId = (n: number) => `1987090000${pad(Math.floor(random() * 1e4), 4)}${pad(n, 5)}`
  const crmId = (n: number) => `1456177001${pad(Math.floor(random() * 1e4), 4)}${pad(n, 5)}`

  const departments: Array<JsonRecord> = [
    { id: DOC_DEPARTMENT, name: "DOC", isEnabled: true, description: "Dossiers candidats" },
    { id: CONTACT_DEPARTMENT, name: "Contact", isEnabled: true, description: "Demandes générales" },
    { id: COMPTA_DEPARTMENT, name: "Comptabilité", isEnabled: true, description: "Facturation" },
    { id: DOCS_CAB_DEPARTMENT, name: "DOCS CAB", isEnabled: true, description: "Documents des formations hors offre Uber" },
    { id: REFUS_CMA_DEPARTMENT, name: "Refus CMA", isEnabled: true, description: "Dossiers refusés par la CMA" }
  ]

  const examDates: Array<JsonRecord> = []
  for (const [i, dept] of ["75", "93", "34"].entries()) {
    for (const [j, offset] of [21, 49, 77].entries()) {
      const day = isoDay(today, offset + i * 2)
      examDates.push({
        id: crmId(900 + i * 10 + j),
        Name: `${dept}_${day}`,
        Date_Examen: day,
        Departement: Number(dept),
        Date_Cloture_Inscription: `${isoDay(today, offset + i * 2 - 14)}T23:59:00+01:00`,
        Statut: j === 2 && i === 2 ? "Complet" : "Actif",
        Libelle_Affichage: `Examen VTC ${dept} du ${day}`
      })
    }
  }

  const sessions: Array<JsonRecord> = [
    ["cdj", 7, 18], ["cds", 7, 18], ["cdj", 35, 46], ["cds", 35, 46]
  ].map(([kind, start, end], i) => ({
    id: crmId(800 + i),
    Name: `${String(kind)}-visio-vtc-${pad(i + 1, 2)} - ${isoDay(today, Number(start))} - ${isoDay(today, Number(end))}`,
    Date_d_but: isoDay(today, Number(start)),
    Date_fin: isoDay(today, Number(end)),
    Lieu_de_formation: { name: "VISIO Zoom VTC", id: crmId(850) },
    Statut: "PLANIFIÉ"
  }))

  const tickets: Array<JsonRecord> = []
  const threads: Record<string, Array<WorldThread>> = {}
  const comments: Record<string, Array<JsonRecord>> = {}
  const contacts: Array<JsonRecord> = []
  const deals: Array<JsonRecord> = []
  const notes: Array<JsonRecord> = []
  const timelines: Record<string, Array<JsonRecord>> = {}

  for (let n = 1; n <= count; n++) {
    const first = FIRST_NAMES[(n - 1) % FIRST_NAMES.length] as string
    const last = LAST_NAMES[(n * 3) % LAST_NAMES.length] as string
    const email = `${first.toLowerCase().replace("è", "e")}.${last.toLowerCase()}${n}@example.org`
    const phone = `06${pad(10_000_000 + n * 7919, 8)}`
    const ticketId = deskId(n)
    const contactId = crmId(n)
    const dealId = crmId(100 + n)
    const created = isoTime(today, -n * 95)
    const exam = pick(examDates)
    contacts.push({ id: contactId, First_Name: first, Last_Name: last, Full_Name: `${first} ${last}`, Email: email, Phone: phone, Mobile: null })
    deals.push({
      id: dealId,
      Deal_Name: `BFS NP ${first} ${last}`,
      Amount: n % 3 === 0 ? 1299 : 20,
      Stage: n % 4 === 0 ? "EN ATTENTE" : "GAGNÉ",
      Closing_Date: isoDay(today, -30 - n),
      Created_Time: `${isoDay(today, -40 - n)}T10:12:00+01:00`,
      Modified_Time: `${isoDay(today, -2)}T16:40:00+01:00`,
      Contact_Name: { name: `${first} ${last}`, id: contactId },
      Email: email,
      Evalbox: pick(EVALBOX),
      Date_examen_VTC: n % 2 === 0 ? { name: String(exam["Name"]), id: String(exam["id"]) } : null,
      Session: null,
      CMA_de_depot: String(exam["Departement"]),
      Resultat: null,
      IDENTIFIANT_EVALBOX: email,
      MDP_EVALBOX: `Pw-${n}-sandbox`
    })
    notes.push({
      id: crmId(300 + n),
      Note_Title: "Inscription",
      Note_Content: `Dossier ouvert pour ${first} ${last}.`,
      Parent_Id: { module: { api_name: "Deals" }, id: dealId, name: `BFS NP ${first} ${last}` },
      Created_Time: `${isoDay(today, -20 - n)}T11:00:00+01:00`,
      Modified_Time: `${isoDay(today, -20 - n)}T11:00:00+01:00`
    })
    timelines[dealId] = [
      {
        id: crmId(400 + n),
        action: "updated",
        audited_time: `${isoDay(today, -5)}T14:03:00+01:00`,
        source: "crm_ui",
        done_by: { name: "Agent DOC", id: crmId(999) },
        field_history: [{ api_name: "Evalbox", field_label: "Evalbox", _value: { old: "Pret a payer", new: "Dossier Synchronisé" } }]
      }
    ]
    const subject = pick(SUBJECTS)
    tickets.push({
      id: ticketId,
      ticketNumber: String(10_400 + n),
      subject,
      status: n % 5 === 0 ? "Closed" : "Open",
      statusType: n % 5 === 0 ? "Closed" : "Open",
      departmentId: DOC_DEPARTMENT,
      contactId: deskId(500 + n),
      email,
      phone,
      channel: "Email",
      priority: "Medium",
      assigneeId: null,
      createdTime: created,
      modifiedTime: created,
      threadCount: "2",
      commentCount: n % 2 === 0 ? "1" : "0",
      webUrl: `https://desk.zoho.com/support/cab/ShowHomePage.do#Cases/dv/${ticketId}`,
      isSpam: false,
      cf: { cf_opportunite: null, cf_brouillon_auto: false },
      lastThread: { channel: "EMAIL", isDraft: false, isForward: false, direction: "in" }
    })
    const body =
      n === 1
        ? `<div>Bonjour,</div><div>${"Voici le détail de ma situation. ".repeat(120)}</div><div>Cordialement, ${first}</div>`
        : `<div>Bonjour,</div><div>${subject} : pouvez-vous me répondre ? Merci.</div><div>${first} ${last}</div>`
    threads[ticketId] = [
      {
        content: body,
        record: {
          id: deskId(1000 + n * 2),
          channel: "EMAIL",
          direction: "in",
          status: "SUCCESS",
          visibility: "public",
          contentType: "html",
          fromEmailAddress: email,
          to: "doc@cab-formations.example",
          createdTime: created,
          author: { name: `${first} ${last}`, email, type: "END_USER" },
          isDescriptionThread: true,
          isForward: false,
          hasAttach: false,
          attachmentCount: "0"
        }
      },
      {
        content: "<div>Bonjour, nous avons bien reçu votre demande.</div>",
        record: {
          id: deskId(1001 + n * 2),
          channel: "EMAIL",
          direction: "out",
          status: "SUCCESS",
          visibility: "public",
          contentType: "html",
          fromEmailAddress: "doc@cab-formations.example",
          to: email,
          createdTime: isoTime(today, -n * 95 + 30),
          author: { name: "Agent DOC", email: "doc@cab-formations.example", type: "AGENT" },
          isDescriptionThread: false,
          isForward: false,
          hasAttach: false,
          attachmentCount: "0"
        }
      }
    ]
    comments[ticketId] =
      n % 2 === 0
        ? [
            {
              id: deskId(2000 + n),
              content: "Candidat relancé par téléphone.",
              contentType: "plainText",
              isPublic: false,
              commentedTime: isoTime(today, -n * 95 + 60),
              commenter: { name: "Agent DOC", type: "AGENT" }
            }
          ]
        : []
  }

  return {
    orgId: "20080000001",
    credentials: sandboxCredentials,
    fromAddresses: ["doc@cab-formations.example", "contact@cab-formations.example"],
    departments,
    tickets,
    threads,
    comments,
    crm: { Deals: deals, Contacts: contacts, Dates_Examens_VTC_TAXI: examDates, Sessions1: sessions, Notes: notes },
    crmFields: {
      Deals: [
        "Deal_Name", "Amount", "Stage", "Closing_Date", "Email", "Evalbox", "Date_examen_VTC", "Session", "Session_souhait_e",
        "Preference_horaire", "CMA_de_depot", "EXAM_INCLUS", "Resultat", "IDENTIFIANT_EVALBOX", "MDP_EVALBOX",
        "NUM_DOSSIER_EVALBOX", "Date_de_depot_CMA"
      ],
      Contacts: ["First_Name", "Last_Name", "Email", "Phone", "Mobile", "Secondary_Email"]
    },
    timelines
  }
}
