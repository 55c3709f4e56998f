/**
 * The health projection folding realistic runs (case file with the candidate's message, decision
 * with template variables and a rendered reply, draft request and success, end of run): events
 * per second and tickets checked per second, wall and CPU. In memory: the decoding cost is the
 * replay benchmark's business, this measures the checks of DOMAIN.md §12.3.
 */
import { healthProjection } from "../src/pipeline/projections/health.ts"
import { summarizeHealth } from "../src/pipeline/projections/healthReport.ts"
import { foldAll, start } from "../src/pipeline/projections/projection.ts"
import type { DocflowEvent } from "../src/schemas/events.ts"
import type { StoredEvent } from "../src/services/store/Store.ts"
import { healthRun, SESSION_REPLY } from "../test/projections/healthFixtures.ts"
import type { Bench } from "./run.ts"
import { cpuMs, median } from "./support/timing.ts"

const TICKETS = Number(process.env["DOCFLOW_BENCH_HEALTH_TICKETS"] ?? 20_000)
const ROUNDS = 3

const replies = [
  SESSION_REPLY,
  SESSION_REPLY.replace("Indiquez-nous", "Votre statut Evalbox est à jour. Indiquez-nous"),
  SESSION_REPLY.replace("</b>", ""),
  SESSION_REPLY.replace("Indiquez-nous", "Une autre session commence le 4 mai 2026. Indiquez-nous")
]

const history = (): ReadonlyArray<StoredEvent> => {
  const events: Array<DocflowEvent> = []
  for (let i = 0; i < TICKETS; i++) {
    events.push(...healthRun({ ticketId: String(1_000_000 + i), replyHtml: replies[i % replies.length] ?? SESSION_REPLY, stage: i % 10 === 0 ? "SKIPPED_DRAFT_EXISTS" : "COMPLETED" }))
  }
  return events.map((event, i) => ({ position: i + 1, event }))
}


const bench: Bench = {
  name: "health",
  description: `health projection over ${TICKETS.toLocaleString("en-US")} realistic ticket runs (in memory)`,
  run: async (log) => {
    const events = history()
    const walls: Array<number> = []
    const cpus: Array<number> = []
    for (let round = 1; round <= ROUNDS; round++) {
      const started = performance.now()
      const startedCpu = cpuMs()
      const view = foldAll(healthProjection, start(healthProjection), events).view
      const summary = summarizeHealth(view)
      walls.push(performance.now() - started)
      cpus.push(cpuMs() - startedCpu)
      log(`round ${round}: ${(walls[walls.length - 1]! / 1000).toFixed(2)} s wall, ${summary.tickets} tickets, ${summary.offenders.length} with findings`)
    }
    const wall = median(walls)
    const cpu = median(cpus)
    return [
      { label: "events folded, wall (median)", value: Math.round(events.length / (wall / 1000)), unit: "events/s" },
      { label: "tickets checked, wall (median)", value: Math.round(TICKETS / (wall / 1000)), unit: "tickets/s" },
      { label: "tickets checked, per CPU second (median)", value: Math.round(TICKETS / (cpu / 1000)), unit: "tickets/s" }
    ]
  }
}

export default bench
