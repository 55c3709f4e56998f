import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { gatherCaseFile, loadCatalogues } from "../../src/pipeline/workflow/gather.ts"
import { fixedWorld, Sandbox, type SandboxWorld } from "../../src/sandbox/index.ts"
import type { JsonRecord } from "../../src/sandbox/world.ts"
import { ZohoOnSandbox } from "../../src/sandbox/zohoOnSandbox.ts"
import type { CrmDealNote } from "../../src/schemas/crm.ts"
import { crmMirrorLayer } from "../../src/services/examt3p/ExamT3P.ts"
import { lastMetaOf } from "../../src/services/rules/states/memory.ts"

/** The parts of a sandbox world these tests change, writable. */
interface World {
  readonly tickets: ReadonlyArray<JsonRecord>
  crm: Record<string, Array<Record<string, unknown>>>
  threads: Record<string, Array<{ record: JsonRecord; content: string }>>
  comments: Record<string, Array<Record<string, unknown>>>
}

const editable = (world: SandboxWorld): World => structuredClone(world) as unknown as World

const metaNote = (id: string, dealId: string, daysAgo: number, sections: string): Record<string, unknown> => {
  const at = new Date(Date.parse("2026-03-10T10:00:00Z") - daysAgo * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "+00:00")
  return {
    id,
    Note_Title: "Note automatique - Ticket DOC",
    Note_Content: `[META] ticket=1987090000000${id.slice(-5)} | ts=${at.slice(0, 16)} | state=N/A | intent=STATUT_DOSSIER | sections=${sections}`,
    Parent_Id: { module: { api_name: "Deals" }, id: dealId, name: "BFS NP" },
    Created_Time: at,
    Modified_Time: at
  }
}

/** One open DOC ticket (Karim, deal 1) and Sophie's ticket and deal (2). */
const base = () => {
  const world = editable(fixedWorld({ tickets: 2 }))
  const [first, second] = world.tickets
  const deals = world.crm["Deals"] ?? []
  const [karimDeal, sophieDeal] = deals
  return {
    world,
    ticketId: String(first?.["id"]),
    otherTicket: String(second?.["id"]),
    karimDeal: karimDeal as Record<string, unknown>,
    sophieDeal: sophieDeal as Record<string, unknown>
  }
}

/** Five older lost deals of the same contact, listed before the current one: it comes sixth. */
const withFiveOlderDeals = (world: World, current: Record<string, unknown>): ReadonlyArray<string> => {
  const older = [1, 2, 3, 4, 5].map((i) => ({
    ...current,
    id: `14561770099000${i}0`,
    Deal_Name: `${String(current["Deal_Name"])} (${2020 + i})`,
    Amount: 1299,
    Stage: "PERDU",
    Evalbox: null,
    Date_examen_VTC: null,
    Closing_Date: `202${i}-01-15`,
    Created_Time: `202${i}-01-10T10:00:00+01:00`,
    IDENTIFIANT_EVALBOX: null,
    MDP_EVALBOX: null
  }))
  world.crm["Deals"] = [...older, ...(world.crm["Deals"] ?? [])]
  // each older deal carries a newer META note than the current deal's: it must not be read
  world.crm["Notes"] = [
    ...(world.crm["Notes"] ?? []),
    ...older.map((d, i) => metaNote(`14561770098000${i}1`, d.id, 1, "dates,statut"))
  ]
  return older.map((d) => d.id)
}

/** A private comment docflow wrote on the ticket earlier. */
const docflowNote = (id: string, content: string) => ({
  id,
  content,
  contentType: "plainText",
  isPublic: false,
  commentedTime: "2026-03-01T10:00:00.000Z",
  commenter: { name: "docflow", type: "AGENT" }
})

const parentOf = (note: CrmDealNote): string | undefined => (typeof note.Parent_Id === "object" ? note.Parent_Id?.id : note.Parent_Id ?? undefined)

/** The deals whose related list `list` (Notes, __timeline) was read. */
const dealsRead = (list: string) => Effect.map(Effect.flatMap(Sandbox, (s) => s.requests), (requests) =>
  requests.flatMap((r) => {
    const m = new RegExp(`/Deals/(\\d+)/${list}$`).exec(r.path)
    return m?.[1] === undefined ? [] : [m[1]]
  }))

const gather = (world: World, ticketId: string) =>
  Effect.gen(function* () {
    const catalogues = yield* loadCatalogues(new Date("2026-03-10T09:00:00Z"))
    const { caseFile } = yield* gatherCaseFile(ticketId, catalogues)
    return { caseFile, notesRead: yield* dealsRead("Notes"), timelinesRead: yield* dealsRead("__timeline") }
  }).pipe(Effect.provide(Layer.mergeAll(ZohoOnSandbox({ world: world as unknown as SandboxWorld }), crmMirrorLayer)))

describe("gather reads the notes the decision can use, and only those", () => {
  it.live("the selected deal is the sixth of the candidate's deals: its META note is read, the others' notes are not", () => {
    const { world, ticketId, karimDeal } = base()
    const dealId = String(karimDeal["id"])
    const older = withFiveOlderDeals(world, karimDeal)
    world.crm["Notes"]?.push(metaNote("145617700970001", dealId, 3, "identifiants"))
    return Effect.gen(function* () {
      const { caseFile, notesRead } = yield* gather(world, ticketId)
      expect(caseFile.deals.map((d) => d.id)).toEqual([...older, dealId])
      expect(notesRead).toEqual([dealId])
      expect(caseFile.dealNotes.map(parentOf).every((id) => id === dealId)).toBe(true)
      expect(lastMetaOf(caseFile.dealNotes, dealId)?.record.sections).toBe("identifiants")
    })
  })

  it.live("a pending duplicate clarification: the duplicate deal's notes are read too (the answer switches to it)", () => {
    const { world, ticketId, karimDeal } = base()
    const dealId = String(karimDeal["id"])
    const older = withFiveOlderDeals(world, karimDeal)
    const duplicate = older[2] as string
    world.crm["Notes"]?.push({
      ...metaNote("145617700970002", duplicate, 2, "statut"),
      Note_Content: "Doublon vérifié avec le candidat (coordonnées identiques). [DUPLICATE_RESOLVED:VERIFIED]"
    })
    world.comments[ticketId] = [docflowNote("198709000000099001", [
        "Doublon possible : vérification d'identité demandée au candidat.",
        `Type : RECOVERABLE_NOT_PAID`,
        `E-mail du dossier : ${String(karimDeal["Email"])}`,
        `[DUPLICATE_PENDING:${duplicate}]`
    ].join("\n"))]
    return Effect.gen(function* () {
      const { caseFile, notesRead } = yield* gather(world, ticketId)
      expect([...notesRead].sort()).toEqual([dealId, duplicate].sort())
      const verified = caseFile.dealNotes.filter((n) => (n.Note_Content ?? "").includes("[DUPLICATE_RESOLVED:VERIFIED]"))
      expect(verified.map(parentOf)).toEqual([duplicate])
    })
  })

  it.live("a pending identity question answered with another address: that contact's won deal's notes are read too", () => {
    const { world, ticketId, karimDeal, sophieDeal } = base()
    const sophieEmail = String(sophieDeal["Email"])
    const thread = world.threads[ticketId]?.[0]
    if (thread === undefined) throw new Error("the fixed world's ticket has a thread")
    thread.content = `<div>Bonjour,</div><div>Mon dossier est à l'adresse ${sophieEmail}, merci de vérifier.</div>`
    // the answer is what the candidate wrote last
    world.threads[ticketId] = [thread]
    world.comments[ticketId] = [docflowNote("198709000000099002", "Candidat introuvable : coordonnées demandées. [IDENTITY_PENDING]")]
    return Effect.gen(function* () {
      const { caseFile, notesRead } = yield* gather(world, ticketId)
      expect(caseFile.deals.map((d) => d.id).sort()).toEqual([String(karimDeal["id"]), String(sophieDeal["id"])].sort())
      expect([...notesRead].sort()).toEqual([String(karimDeal["id"]), String(sophieDeal["id"])].sort())
    })
  })

  it.live("a namesake's newer won deal found by the last-name search: ExamT3P, timeline and notes stay on the candidate's own deal", () => {
    const { world, ticketId, karimDeal } = base()
    const dealId = String(karimDeal["id"])
    const lastName = String((world.crm["Contacts"]?.[0] ?? {})["Last_Name"])
    const namesake = {
      ...karimDeal,
      id: "145617700990009",
      Deal_Name: `BFS NP Bilal ${lastName}`,
      Contact_Name: { name: `Bilal ${lastName}`, id: "145617700990008" },
      Email: "bilal.namesake@example.org",
      Created_Time: "2026-03-01T10:00:00+01:00",
      Closing_Date: "2026-03-02",
      IDENTIFIANT_EVALBOX: "bilal.namesake@example.org",
      NUM_DOSSIER_EVALBOX: "00099999"
    }
    world.crm["Deals"]?.push(namesake)
    world.crm["Notes"]?.push(metaNote("145617700970003", dealId, 3, "statut"), metaNote("145617700970004", namesake.id, 1, "dates"))
    return Effect.gen(function* () {
      const { caseFile, notesRead, timelinesRead } = yield* gather(world, ticketId)
      expect(caseFile.deals.map((d) => d.id)).toContain(namesake.id)
      expect(notesRead).toEqual([dealId])
      expect(timelinesRead).toEqual([dealId])
      expect(caseFile.examt3p?._tag === "Ok" ? caseFile.examt3p.data.identifiant : undefined).toBe(karimDeal["IDENTIFIANT_EVALBOX"])
    })
  })

  it.live("no notes are read when the candidate has no deal", () => {
    const { world, ticketId } = base()
    world.crm["Deals"] = []
    return Effect.gen(function* () {
      const { caseFile, notesRead } = yield* gather(world, ticketId)
      expect(caseFile.deals).toEqual([])
      expect(notesRead).toEqual([])
      expect(caseFile.dealNotes).toEqual([])
      expect(caseFile.dealTimeline).toBeNull()
    })
  })
})
