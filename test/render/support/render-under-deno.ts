// Run by test/render/deno.test.ts with `deno run` and NO permissions: rendering every sample row
// must need neither the file system nor the environment (decide runs it as pure code).
import { Either } from "effect"
import { embeddedTemplates, renderReply } from "../../../src/services/render/index.ts"
import { SAMPLE_ROWS } from "../../../src/services/render/samples/rows.ts"
import { SAMPLE_TODAY } from "../../../src/services/render/samples/states.ts"

const compiled = Either.getOrThrow(embeddedTemplates())
let valid = 0
for (const row of SAMPLE_ROWS) {
  const reply = Either.getOrThrow(renderReply(compiled, row.vars, { today: SAMPLE_TODAY }))
  if (reply.validation.ok) valid++
}
console.log(JSON.stringify({ rows: SAMPLE_ROWS.length, valid }))
