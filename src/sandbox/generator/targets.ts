/** The distribution targets of issue 8 and a plain-text report of a world's stats. */
import { Evalbox } from "../../services/rules/constants.ts"
import type { Counts, WorldStats } from "./stats.ts"

export const MIN_PER_VALUE = 5
export const MIN_INTENTS = 30

const HELPER_CASES = Array.from({ length: 10 }, (_, i) => `CAS ${i + 1}`)
const STATE_ENGINE_CASES = Array.from({ length: 11 }, (_, i) => `CAS ${i + 1}`)
const UBER_CASES = ["PROSPECT", "NOT_UBER", "A", "B", "D", "E", "ELIGIBLE"]

export interface TargetFailure {
  readonly target: string
  readonly detail: string
}

const missing = (name: string, counts: Counts, expected: ReadonlyArray<string>): Array<TargetFailure> =>
  expected
    .filter((value) => (counts[value] ?? 0) < MIN_PER_VALUE)
    .map((value) => ({ target: name, detail: `${value} appears ${counts[value] ?? 0} time(s), fewer than ${MIN_PER_VALUE}` }))

/** Every unmet target (empty when the world meets them all). */
export const checkTargets = (stats: WorldStats): ReadonlyArray<TargetFailure> => {
  const intents = Object.values(stats.intentsClassified).filter((n) => n >= MIN_PER_VALUE).length
  return [
    ...missing("helper date case", stats.helperDateCase, HELPER_CASES),
    ...missing("state-engine date case", stats.stateEngineDateCase, STATE_ENGINE_CASES),
    ...missing("Uber case (helper)", stats.uberHelper, UBER_CASES),
    ...missing("Uber case (state engine)", stats.uberStateEngine, UBER_CASES),
    ...missing("Evalbox", stats.evalbox, Object.values(Evalbox)),
    ...(intents >= MIN_INTENTS ? [] : [{ target: "intents", detail: `${intents} classified intents appear at least ${MIN_PER_VALUE} times, fewer than ${MIN_INTENTS}` }])
  ]
}

const table = (title: string, counts: Counts): string => {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  return [`${title}:`, ...rows.map(([key, n]) => `  ${key.padEnd(36)} ${String(n).padStart(5)}`)].join("\n")
}

export const formatStats = (stats: WorldStats): string => {
  const intents = [...new Set([...Object.keys(stats.intentsLabelled), ...Object.keys(stats.intentsClassified)])].sort()
  const intentRows = intents.map((i) => `  ${i.padEnd(36)} ${String(stats.intentsLabelled[i] ?? 0).padStart(9)} ${String(stats.intentsClassified[i] ?? 0).padStart(11)}`)
  return [
    `Tickets: ${stats.tickets}`,
    `Intents (labelled by the generator / classified by docflow's offline classifier), agreement ${(stats.intentAgreement * 100).toFixed(1)} %:`,
    `  ${"intent".padEnd(36)} ${"labelled".padStart(9)} ${"classified".padStart(11)}`,
    ...intentRows,
    table("Triage action (docflow's triage rules)", stats.triageActions),
    table("Evalbox", stats.evalbox),
    table("Uber case, helper", stats.uberHelper),
    table("Uber case, state engine", stats.uberStateEngine),
    table("Exam-date case, helper", stats.helperDateCase),
    table("Exam-date case, state engine", stats.stateEngineDateCase)
  ].join("\n")
}
