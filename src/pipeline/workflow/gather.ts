/**
 * Gather: every input `decide` reads, fetched from Zoho (and ExamT3P, and the LLM when enabled)
 * into one case file. Nothing is decided here; the CRM searches are the ones the linker needs
 * (src/services/rules/linking/searchPlan.ts). Deal notes and the deal timeline are read only where
 * the decision can use them (notesToRead.ts, timelineToRead.ts). The exam-date and session
 * catalogues are read once per batch (`loadCatalogues`) and shared by every ticket of that batch.
 */
import { Clock, Effect, Option } from "effect"
import type { CaseFile } from "../../schemas/caseFile.ts"
import { redactDeal, type CrmContact, type CrmDeal, type CrmExamDate, type CrmTrainingSession } from "../../schemas/crm.ts"
import type { DeskThread } from "../../schemas/desk.ts"
import { todayInParis } from "../../schemas/time.ts"
import { crmCredentials, ExamT3P } from "../../services/examt3p/ExamT3P.ts"
import { dealIdFromOpportunite, followUpSearchPlan, initialSearchPlan } from "../../services/rules/linking/index.ts"
import { conversationForCaseFile } from "../../services/conversation/LlmConversation.ts"
import { LlmTriage, llmTriageInputFromCaseFile, recordedTriage } from "../../services/triage/llm/LlmTriage.ts"
import { CrmClient, DeskClient, type ZohoError } from "../../services/zoho/index.ts"
import { dealsInPlay } from "./notesToRead.ts"
import { timelineMatters } from "./timelineToRead.ts"

export interface Catalogues {
  readonly examDates: ReadonlyArray<CrmExamDate>
  readonly sessions: ReadonlyArray<CrmTrainingSession>
  /**
   * The records outside the catalogues (past exam dates and sessions named by deals) already read
   * while these catalogues are held, by id: reference data shared by many candidates, read once
   * instead of once per ticket, and dropped with the catalogues when they are refreshed. Only
   * records found are kept (a failed read is tried again by the next ticket).
   */
  readonly seen?: SeenRecords
}

export interface SeenRecords {
  readonly examDates: Map<string, CrmExamDate>
  readonly sessions: Map<string, CrmTrainingSession>
}

export const emptySeenRecords = (): SeenRecords => ({ examDates: new Map(), sessions: new Map() })

/** A record by id: from `seen` when already read, else read and kept there when found. */
const readOnce = <A>(
  seen: Map<string, A> | undefined,
  id: string,
  read: (id: string) => Effect.Effect<A, ZohoError>
): Effect.Effect<Option.Option<A>> => {
  const known = seen?.get(id)
  if (known !== undefined) return Effect.succeed(Option.some(known))
  return Effect.tap(Effect.option(read(id)), (found) => Effect.sync(() => {
    if (seen !== undefined && Option.isSome(found)) seen.set(id, found.value)
  }))
}

/** Exam dates and training sessions from today on (Europe/Paris), read once per batch. */
export const loadCatalogues = (now: Date): Effect.Effect<Catalogues, ZohoError, CrmClient> =>
  Effect.gen(function* () {
    const crm = yield* CrmClient
    const today = todayInParis(now)
    const [examDates, sessions] = yield* Effect.all(
      [crm.searchExamDates(`(Date_Examen:greater_equal:${today})`), crm.searchSessions(`(Date_fin:greater_equal:${today})`)],
      { concurrency: 2 }
    )
    return { examDates, sessions, seen: emptySeenRecords() }
  })

const uniqueById = <A extends { readonly id: string }>(items: Iterable<A>): Array<A> => [...new Map([...items].map((i) => [i.id, i])).values()]

const lookupId = (value: unknown): string | undefined =>
  value !== null && typeof value === "object" && "id" in value && typeof value.id === "string" ? value.id : undefined

const isDraft = (status: string | null | undefined): boolean => (status ?? "").toUpperCase() === "DRAFT"

/** The deal the follow-up searches are planned from: the one the ticket names, else the candidate's newest won one. */
const preferredDeal = (deals: ReadonlyArray<CrmDeal>, opportuniteId: string | undefined): CrmDeal | undefined =>
  deals.find((d) => d.id === opportuniteId) ??
  [...deals].filter((d) => (d.Stage ?? "") === "GAGNÉ").sort((a, b) => String(b.Created_Time ?? "").localeCompare(String(a.Created_Time ?? "")))[0] ??
  deals[0]

const newestInboundText = (threads: ReadonlyArray<DeskThread>): string => {
  const inbound = threads.filter((t) => t.direction === "in").sort((a, b) => String(b.createdTime).localeCompare(String(a.createdTime)))
  const newest = inbound[0]
  return newest === undefined ? "" : (newest.plainText ?? newest.content ?? newest.summary ?? "")
}

export interface Gathered {
  /** Passwords already redacted (deals); the event recorder redacts the whole file once more. */
  readonly caseFile: CaseFile
}

/** Everything about one ticket. Fails only when Zoho fails (ExamT3P and the LLM never fail). */
export const gatherCaseFile = (
  ticketId: string,
  catalogues: Catalogues
): Effect.Effect<Gathered, ZohoError, DeskClient | CrmClient | ExamT3P> =>
  Effect.gen(function* () {
    const desk = yield* DeskClient
    const crm = yield* CrmClient
    const nowMs = yield* Clock.currentTimeMillis
    const now = new Date(nowMs).toISOString()

    const [ticket, summaries, comments] = yield* Effect.all(
      [desk.getTicket(ticketId), desk.listThreads(ticketId), desk.listComments(ticketId)],
      { concurrency: 3 }
    )
    const full = yield* Effect.forEach(summaries, (s) => desk.getThread(ticketId, s.id), { concurrency: 4 })
    const threads = full.filter((t) => !isDraft(t.status))
    const drafts = full.filter((t) => isDraft(t.status))

    // Linking inputs: contacts by e-mail (the candidate's, then the ones he wrote), their deals,
    // the deal the ticket names, then phone and last-name searches when the plan asks for them.
    const cf = ticket.cf ?? {}
    const linkingTicket = {
      email: ticket.email ?? null,
      phone: ticket.phone ?? null,
      cf: Object.fromEntries(Object.entries(cf).map(([k, v]) => [k, typeof v === "string" ? v : null]))
    }
    const plan = initialSearchPlan(threads, linkingTicket)
    const byEmail = yield* Effect.forEach(plan.contactEmails, (email) => crm.searchContacts({ email }), { concurrency: 2 })
    let contacts: Array<CrmContact> = uniqueById(byEmail.flat())
    const opportuniteId = dealIdFromOpportunite(typeof cf["cf_opportunite"] === "string" ? cf["cf_opportunite"] : null)
    const named = opportuniteId === undefined ? [] : Option.toArray(yield* Effect.option(crm.getDeal(opportuniteId)))
    const contactDeals = yield* Effect.forEach(contacts, (c) => crm.contactDeals(c.id), { concurrency: 2 })
    let deals: Array<CrmDeal> = uniqueById([...named, ...contactDeals.flat()])

    const firstChoice = preferredDeal(deals, opportuniteId)
    const followUp = followUpSearchPlan(threads, linkingTicket, contacts, firstChoice === undefined ? undefined : redactDeal(firstChoice))
    const wonTwenty = deals.some((d) => (d.Stage ?? "") === "GAGNÉ" && Number(d.Amount) === 20)
    if (!wonTwenty && followUp.phoneVariants.length > 0) {
      const byPhone = yield* Effect.forEach(followUp.phoneVariants, (phone) => crm.searchContacts({ phone }), { concurrency: 2 })
      const found = uniqueById(byPhone.flat()).filter((c) => !contacts.some((k) => k.id === c.id))
      const more = yield* Effect.forEach(found, (c) => crm.contactDeals(c.id), { concurrency: 2 })
      contacts = [...contacts, ...found]
      deals = uniqueById([...deals, ...more.flat()])
    }
    if (followUp.dealWord !== undefined) {
      deals = uniqueById([...deals, ...(yield* crm.searchDeals({ word: followUp.dealWord }))])
    }

    // The deals' own exam dates and sessions may be past: read them when the catalogue lacks them.
    const examIds = new Set(catalogues.examDates.map((e) => e.id))
    const missingExams = uniqueById(deals.flatMap((d) => {
      const id = lookupId(d.Date_examen_VTC)
      return id === undefined || examIds.has(id) ? [] : [{ id }]
    }))
    const ownExams = yield* Effect.forEach(missingExams, ({ id }) => readOnce(catalogues.seen?.examDates, id, crm.getExamDate), { concurrency: 2 })
    const sessionIds = new Set(catalogues.sessions.map((s) => s.id))
    const missingSessions = uniqueById(deals.flatMap((d) => {
      const id = lookupId(d.Session)
      return id === undefined || sessionIds.has(id) ? [] : [{ id }]
    }))
    const ownSessions = yield* Effect.forEach(missingSessions, ({ id }) => readOnce(catalogues.seen?.sessions, id, crm.getSession), { concurrency: 2 })
    const examDates = [...catalogues.examDates, ...ownExams.flatMap(Option.toArray)]
    const trainingSessions = [...catalogues.sessions, ...ownSessions.flatMap(Option.toArray)]

    const linked: CaseFile = {
      now, ticket, threads, comments, drafts, contacts, deals: deals.map(redactDeal),
      dealTimeline: null, dealNotes: [], examDates, trainingSessions, examt3p: null
    }
    // The deal decide will analyse (ExamT3P, timeline, LLM context) and the deals whose notes it
    // may read: the linker's choice and the duplicate path's (notesToRead.ts).
    const inPlay = dealsInPlay(linked)
    const selected = deals.find((d) => d.id === inPlay.working)
    const readNotes = Effect.map(Effect.forEach(inPlay.withNotes, (id) => crm.dealNotes(id), { concurrency: 2 }), (lists) => lists.flat())
    const readExamt3p = selected === undefined
      ? Effect.succeed(null)
      : Effect.flatMap(ExamT3P, (port) => {
          const examDateId = lookupId(selected.Date_examen_VTC)
          return port.fetchDossier(crmCredentials(selected), {
            expectedDossier: selected.NUM_DOSSIER_EVALBOX ?? null,
            deal: selected,
            examDate: examDates.find((e) => e.id === examDateId)?.Date_Examen ?? null
          })
        })
    const [notes, examt3p] = yield* Effect.all([readNotes, readExamt3p], { concurrency: 2 })
    // The timeline only when a rule can read it (timelineToRead.ts).
    const timeline = selected === undefined || !timelineMatters({ dealIds: inPlay.withNotes, notes, deals: linked.deals, examt3p })
      ? null
      : { __timeline: yield* crm.dealTimeline(selected.id) }

    const caseFile: CaseFile = { ...linked, dealTimeline: timeline, dealNotes: notes, examt3p }
    const llm = yield* Effect.serviceOption(LlmTriage)
    const llmTriage = Option.isNone(llm) || !llm.value.enabled ? undefined : recordedTriage(yield* llm.value.classify(
      llmTriageInputFromCaseFile(caseFile, { customerMessage: newestInboundText(threads), dealId: selected?.id ?? null })
    ))
    // V3 conversation analysis (§8.6): only when provided and the candidate wrote more than once
    const conversation = yield* conversationForCaseFile(caseFile, selected?.id ?? null)
    return {
      caseFile: { ...caseFile, ...(llmTriage === undefined ? {} : { llmTriage }), ...(conversation === undefined ? {} : { conversation }) }
    }
  })
