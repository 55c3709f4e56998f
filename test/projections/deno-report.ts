/**
 * Run by deno.test.ts under Deno: the events schema and the projections are pure, so they load
 * and fold the golden history without any Node driver, and print the report.
 */
import { Either } from "effect"
import { readFileSync } from "node:fs"
import { pendingProjection } from "../../src/pipeline/projections/pending.ts"
import { processedProjection } from "../../src/pipeline/projections/processed.ts"
import { foldAll, start } from "../../src/pipeline/projections/projection.ts"
import { buildReport, renderReport } from "../../src/pipeline/projections/report.ts"
import "../../src/pipeline/replay.ts"
import { decodeEvent } from "../../src/schemas/events.ts"

const lines = readFileSync(new URL("../fixtures/events/history.jsonl", import.meta.url), "utf8").trimEnd().split("\n")
const stored = lines.map((line, i) => {
  const decoded = decodeEvent(JSON.parse(line))
  if (Either.isLeft(decoded)) throw new Error(decoded.left.message)
  return { position: i + 1, event: decoded.right }
})
const processed = foldAll(processedProjection, start(processedProjection), stored)
const pending = foldAll(pendingProjection, start(pendingProjection), stored)
console.log(renderReport(buildReport(processed.view, pending.view)).trimEnd())
