import { describe, expect, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { SAMPLE_ROWS } from "../../src/services/render/samples/rows.ts"

const root = fileURLToPath(new URL("../..", import.meta.url))

describe("render is pure", () => {
  it("renders every sample row under Deno without any permission", () => {
    const out = execFileSync(`${root}node_modules/.bin/deno`, ["run", "--quiet", "--no-prompt", "test/render/support/render-under-deno.ts"], {
      cwd: root,
      encoding: "utf8",
      timeout: 120_000
    })
    expect(JSON.parse(out.trim())).toEqual({ rows: SAMPLE_ROWS.length, valid: SAMPLE_ROWS.length })
  }, 150_000)
})
