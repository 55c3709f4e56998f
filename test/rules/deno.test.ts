import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { runOracleText, totalsOf } from "../../src/oracle/runner.ts"

const root = fileURLToPath(new URL("../..", import.meta.url))
const files = ["date_cases.jsonl", "uber_cases.jsonl", "session_cases.jsonl", "exam_dates_query_cases.jsonl"]

describe("exam rules are pure", () => {
  it("give the same oracle figures under Deno, without any permission, as under Node", () => {
    const texts = files.map((f) => [f, readFileSync(`${root}test/oracle/${f}`, "utf8")] as const)
    const out = execFileSync(`${root}node_modules/.bin/deno`, ["run", "--quiet", "--no-prompt", "test/rules/support/oracle-under-deno.ts"], {
      cwd: root, encoding: "utf8", timeout: 120_000, input: texts.map(([f, t]) => `${f}\t${t}`).join("\f"), maxBuffer: 16 * 1024 * 1024
    })
    const underNode = texts.map(([f, t]) => {
      const r = runOracleText(f, t)
      return { path: r.path, ...totalsOf([r]) }
    })
    expect(JSON.parse(out.trim())).toEqual(underNode)
    expect(underNode.every((r) => r.disagreed === 0 && r.errors === 0)).toBe(true)
  }, 150_000)
})
