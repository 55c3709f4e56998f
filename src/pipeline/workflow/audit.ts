/**
 * Audit (DESIGN.md §1): the recorded decision of a ticket's latest run next to what today's rules
 * decide on the same recorded case file, as a list of differences by JSON path. Pure.
 */
import { Either } from "effect"
import { decodeCaseFile, type CaseFile } from "../../schemas/caseFile.ts"
import type { DocflowEvent, JsonObject } from "../../schemas/events.ts"
import type { DecodeProblem } from "../../schemas/decodeError.ts"

export interface RecordedRun {
  readonly runId: string
  readonly mode: string
  readonly caseFileJson: JsonObject
  readonly decision: JsonObject | null
}

/** The case file and decision of the latest run that gathered one. */
export const recordedRun = (events: ReadonlyArray<DocflowEvent>): RecordedRun | undefined => {
  const gathered = [...events].reverse().find((e) => e.type === "CaseGathered")
  if (gathered === undefined || gathered.type !== "CaseGathered") return undefined
  const decided = events.find((e) => e.type === "Decided" && e.runId === gathered.runId)
  return {
    runId: gathered.runId,
    mode: gathered.payload.mode,
    caseFileJson: gathered.payload.caseFile,
    decision: decided !== undefined && decided.type === "Decided" ? decided.payload.decision : null
  }
}

export const caseFileOf = (run: RecordedRun): Either.Either<CaseFile, ReadonlyArray<DecodeProblem>> => decodeCaseFile(run.caseFileJson)

export interface Difference {
  readonly path: string
  readonly recorded: unknown
  readonly today: unknown
}

const isObject = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === "object" && u !== null && !Array.isArray(u)

/** Leaf-level differences between two JSON values (arrays compared index by index), at most `limit`. */
export const jsonDiff = (recorded: unknown, today: unknown, limit = 200): ReadonlyArray<Difference> => {
  const out: Array<Difference> = []
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (out.length >= limit) return
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`)
      return
    }
    if (isObject(a) && isObject(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[key], b[key], path === "" ? key : `${path}.${key}`)
      return
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, recorded: a, today: b })
  }
  walk(recorded, today, "")
  return out
}

const show = (value: unknown): string => {
  const s = value === undefined ? "(absent)" : JSON.stringify(value)
  return s.length > 120 ? `${s.slice(0, 117)}...` : s
}

/** The audit's text: recorded decision summary, then the differences (mode excluded: it is the run's, not the rules'). */
export const renderAudit = (recorded: JsonObject | null, today: JsonObject): string => {
  const summary = (d: unknown): string => {
    const o = isObject(d) ? d : {}
    const triage = isObject(o["triage"]) ? o["triage"] : {}
    const state = isObject(o["state"]) ? o["state"] : {}
    const actions = Array.isArray(o["actions"]) ? o["actions"].map((a) => (isObject(a) ? String(a["_tag"]) : "?")) : []
    return `stage ${String(o["stage"])} · action ${String(triage["action"])} · intention ${String(triage["primaryIntent"])} · état ${String(state["id"] ?? "-")} · actions [${actions.join(", ")}]`
  }
  const lines = ["Décision enregistrée :", `  ${recorded === null ? "(aucune : le run s'est arrêté avant decide)" : summary(recorded)}`, "Règles d'aujourd'hui :", `  ${summary(today)}`]
  if (recorded === null) return lines.join("\n")
  const differences = jsonDiff({ ...recorded, mode: null }, { ...today, mode: null })
  lines.push(differences.length === 0 ? "Aucune différence : les règles d'aujourd'hui décident la même chose." : `${differences.length} différence(s) :`)
  for (const d of differences) lines.push(`  ${d.path}: ${show(d.recorded)} → ${show(d.today)}`)
  return lines.join("\n")
}
