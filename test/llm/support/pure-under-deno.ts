// Run by test/llm/deno.test.ts with `deno run` and NO permissions: the humanizer's fact checks, the
// triage prompt and the answer schema are pure code and must need no Node API.
import { Schema } from "effect"
import { rejectionsOf } from "../../../src/services/humanizer/rejection.ts"
import { LlmTriageAnswer } from "../../../src/services/triage/llm/answer.ts"
import { triagePrompt } from "../../../src/services/triage/llm/prompt.ts"
import { triageFromKeywords } from "../../../src/sandbox/anthropic/keywordTriage.ts"
import { DENO_CASES, DENO_INPUT } from "./pureCases.ts"

const rules = DENO_CASES.map(({ template, rewrite }) => rejectionsOf({ template, rewrite, candidateMessage: "" }).map((r) => r.rule))
const prompt = triagePrompt(DENO_INPUT)
const answer = Schema.decodeUnknownSync(LlmTriageAnswer)(triageFromKeywords(prompt[1].content))
console.log(JSON.stringify({ rules, primaryIntent: answer.primary_intent, promptChars: prompt[0].content.length + prompt[1].content.length }))
