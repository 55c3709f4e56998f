/**
 * Conversation memory (§8.6): the META line the previous decisions wrote at the top of their CRM
 * note (V1) and the deal's CRM timeline (V2). V3 (LLM conversation analysis) is not part of the
 * core and is not reproduced. Pure: instants are compared as parsed ISO timestamps.
 */
import type { CrmDealNote, CrmDealTimeline } from "../../../schemas/crm.ts"

/** Keys of the META line, in the order they are written (§11.1). */
export const META_KEYS = [
  "ticket", "ts", "state", "intent", "intents_sec", "evalbox", "date_exam", "date_case", "session", "sections",
  "target_date", "proposed_dates", "response_mode"
] as const
export type MetaKey = (typeof META_KEYS)[number]
export type MetaRecord = Partial<Record<MetaKey, string>>

/** Section names the META `sections` key lists. */
export type MemorySection = "identifiants" | "statut" | "convocation" | "dates" | "sessions" | "elearning" | "paiement" | "annulation"

const META_PREFIX = "[META]"

/** `[META] key=value | key=value …` → record; null when the text has no META line. */
export const parseMetaLine = (text: string): MetaRecord | null => {
  const line = text.split(/\r?\n/).find((l) => l.trim().startsWith(META_PREFIX))
  if (line === undefined) return null
  const record: Record<string, string> = {}
  for (const part of line.trim().slice(META_PREFIX.length).split("|")) {
    const eq = part.indexOf("=")
    if (eq <= 0) continue
    const key = part.slice(0, eq).trim()
    if ((META_KEYS as ReadonlyArray<string>).includes(key)) record[key] = part.slice(eq + 1).trim()
  }
  return record
}

/** Writes the META line; empty values are left out, `|` and line breaks in values are neutralised. */
export const buildMetaLine = (record: MetaRecord): string =>
  `${META_PREFIX} ${META_KEYS.flatMap((k) => {
    const v = record[k]
    return v === undefined || v === "" ? [] : [`${k}=${v.replace(/[|\r\n]+/g, " ").trim()}`]
  }).join(" | ")}`

export const metaSections = (record: MetaRecord | null): ReadonlySet<MemorySection> =>
  new Set((record?.sections ?? "").split(",").map((s) => s.trim()).filter((s): s is MemorySection => s !== ""))

const parentIdOf = (note: CrmDealNote): string | null => {
  const parent = note.Parent_Id
  if (parent === undefined || parent === null) return null
  return typeof parent === "string" ? parent : parent.id
}

const instant = (value: unknown): number | null => {
  if (typeof value !== "string") return null
  const t = Date.parse(value)
  return Number.isNaN(t) ? null : t
}

export interface LastMeta {
  readonly record: MetaRecord
  readonly createdAt: number | null
}

/** The newest META record among the deal's notes (notes of other deals are ignored). */
export const lastMetaOf = (notes: ReadonlyArray<CrmDealNote>, dealId: string): LastMeta | null => {
  let best: LastMeta | null = null
  for (const note of notes) {
    const parent = parentIdOf(note)
    if (parent !== null && parent !== dealId) continue
    const record = parseMetaLine(note.Note_Content ?? "")
    if (record === null) continue
    const createdAt = instant(note.Created_Time)
    if (best === null || (createdAt ?? -Infinity) > (best.createdAt ?? -Infinity)) best = { record, createdAt }
  }
  return best
}

/** Fields whose human change resets the memory (§8.6 V2). */
export const TRACKED_FIELDS: ReadonlySet<string> = new Set([
  "Evalbox", "Session", "Session_souhait_e", "Date_examen_VTC", "IDENTIFIANT_EVALBOX", "Stage", "Date_de_depot_CMA",
  "Frais_Examen", "PAYE_EN_PROD"
])
const HUMAN_SOURCES: ReadonlySet<string> = new Set(["crm_ui", "webform", "manual"])

/** A person changed a tracked field after the last META: every suppression is lifted. */
export const humanChangeSince = (timeline: CrmDealTimeline | null, since: number | null): boolean =>
  (timeline?.__timeline ?? []).some((entry) => {
    const at = instant(entry.audited_time ?? entry.done_time)
    return HUMAN_SOURCES.has(entry.source ?? "") && at !== null && (since === null || at > since) &&
      (entry.field_history ?? []).some((h) => TRACKED_FIELDS.has(h.api_name))
  })

/** Intents that always get the full picture (no suppression, §14 R33). */
export const FULL_RECAP_INTENTS: ReadonlySet<string> = new Set(["ENVOIE_IDENTIFIANTS", "QUESTION_GENERALE"])

/** A section an intent asks for is shown even if it was sent last time. */
const PROTECTED_BY_INTENT: Readonly<Record<string, ReadonlyArray<MemorySection>>> = {
  ENVOIE_IDENTIFIANTS: ["identifiants"],
  DEMANDE_IDENTIFIANTS: ["identifiants"],
  DEMANDE_DATE_EXAMEN: ["dates"],
  DEMANDE_AUTRES_DATES: ["dates"],
  DEMANDE_DATES_FUTURES: ["dates"],
  DEMANDE_DATE_PLUS_TOT: ["dates"],
  REPORT_DATE: ["dates"],
  DEMANDE_CHANGEMENT_SESSION: ["sessions"],
  CONFIRMATION_SESSION: ["sessions"],
  QUESTION_SESSION: ["sessions"],
  CONFIRMATION_PAIEMENT: ["paiement"],
  DEMANDE_ANNULATION: ["annulation"],
  STATUT_DOSSIER: ["statut"],
  DEMANDE_CONVOCATION: ["convocation"]
}

export interface MemoryInput {
  readonly last: LastMeta | null
  readonly timeline: CrmDealTimeline | null
  readonly intents: ReadonlyArray<string>
  /** Current values, compared with what the last META recorded. */
  readonly evalbox: string
  readonly examDate: string
}

export interface MemoryVerdict {
  /** Sections to hide because the candidate already received them unchanged. */
  readonly suppressed: ReadonlySet<MemorySection>
  readonly humanReset: boolean
  readonly examDateChanged: boolean
  readonly evalboxChanged: boolean
}

export const memoryVerdict = (input: MemoryInput): MemoryVerdict => {
  const none: MemoryVerdict = { suppressed: new Set(), humanReset: false, examDateChanged: false, evalboxChanged: false }
  const last = input.last
  if (last === null) return none
  const examDateChanged = (last.record.date_exam ?? "") !== input.examDate
  const evalboxChanged = (last.record.evalbox ?? "") !== input.evalbox
  const humanReset = humanChangeSince(input.timeline, last.createdAt)
  if (humanReset || input.intents.some((i) => FULL_RECAP_INTENTS.has(i))) {
    return { ...none, humanReset, examDateChanged, evalboxChanged }
  }
  const protectedSections = new Set(input.intents.flatMap((i) => PROTECTED_BY_INTENT[i] ?? []))
  const suppressed = new Set<MemorySection>()
  for (const section of metaSections(last.record)) {
    if (protectedSections.has(section)) continue
    if (section === "dates" && examDateChanged) continue
    if ((section === "statut" || section === "paiement") && evalboxChanged) continue
    suppressed.add(section)
  }
  return { suppressed, humanReset, examDateChanged, evalboxChanged }
}

/** Which memory sections a rendered reply contains, from its section markers. */
export const sectionsOfReply = (rendered: ReadonlyArray<string>): ReadonlyArray<MemorySection> => {
  const out = new Set<MemorySection>()
  for (const s of rendered) {
    if (s === "credentials" || s === "intent:demande_identifiants") out.add("identifiants")
    if (s.startsWith("status:")) out.add("statut")
    if (s === "intent:demande_convocation" || s === "status:convoc_recue") out.add("convocation")
    if (s === "exam_dates" || s === "date_repositioned") out.add("dates")
    if (s === "sessions") out.add("sessions")
    if (s === "elearning") out.add("elearning")
    if (s === "intent:confirmation_paiement" || s === "next_step:surveiller_paiement" || s === "status:pret_a_payer") out.add("paiement")
    if (s === "intent:demande_annulation") out.add("annulation")
  }
  const order: ReadonlyArray<MemorySection> = ["identifiants", "statut", "convocation", "dates", "sessions", "elearning", "paiement", "annulation"]
  return order.filter((s) => out.has(s))
}
