import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { triageFromKeywords } from "../../src/sandbox/anthropic/keywordTriage.ts"
import { rejectionsOf } from "../../src/services/humanizer/rejection.ts"
import { LlmTriageAnswer } from "../../src/services/triage/llm/answer.ts"
import { triagePrompt } from "../../src/services/triage/llm/prompt.ts"
import { DENO_CASES, DENO_INPUT } from "./support/pureCases.ts"

const root = fileURLToPath(new URL("../..", import.meta.url))

describe("LLM-side pure code", () => {
  it("gives the same results under Deno, without any permission, as under Node", () => {
    const out = execFileSync(`${root}node_modules/.bin/deno`, ["run", "--quiet", "--no-prompt", "test/llm/support/pure-under-deno.ts"], {
      cwd: root,
      encoding: "utf8",
      timeout: 120_000
    })
    const prompt = triagePrompt(DENO_INPUT)
    const expected = {
      rules: DENO_CASES.map(({ template, rewrite }) => rejectionsOf({ template, rewrite, candidateMessage: "" }).map((r) => r.rule)),
      primaryIntent: Schema.decodeUnknownSync(LlmTriageAnswer)(triageFromKeywords(prompt[1].content)).primary_intent,
      promptChars: prompt[0].content.length + prompt[1].content.length
    }
    expect(expected.rules).toEqual([[], ["date-dropped"], ["time-dropped", "time-added", "amount-dropped", "amount-added"]])
    expect(expected.primaryIntent).toBe("DEMANDE_CONVOCATION")
    expect(JSON.parse(out.trim())).toEqual(expected)
  }, 150_000)
})
