import { describe, expect, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { decide } from "../../src/pipeline/decide/index.ts"
import { DUPLICATE, fixture, GO, ROUTE, templates } from "./caseFiles.ts"

const root = fileURLToPath(new URL("../..", import.meta.url))

describe("decide is pure", () => {
  it("gives the same decisions under Deno, without any permission, as under Node", () => {
    const out = execFileSync(`${root}node_modules/.bin/deno`, ["run", "--quiet", "--no-prompt", "test/decide/support/decide-under-deno.ts"], {
      cwd: root, encoding: "utf8", timeout: 120_000
    })
    const expected = [GO, ROUTE, DUPLICATE].map((name) => decide(fixture(name), templates))
    expect(expected.map((d) => d.stage)).toEqual(["COMPLETED", "STOPPED_AT_TRIAGE", "DUPLICATE_UBER_OFFER"])
    expect(JSON.parse(out.trim())).toEqual(JSON.parse(JSON.stringify(expected)))
  }, 150_000)
})
