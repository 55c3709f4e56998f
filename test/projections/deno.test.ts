import { describe, expect, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"

describe("under Deno", () => {
  it("the events schema, the projections and replay load without a Node driver and give the golden report", () => {
    const output = execFileSync("npx", ["deno", "run", "--allow-read", "--node-modules-dir=manual", "test/projections/deno-report.ts"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"]
    })
    expect(output).toBe(readFileSync(new URL("../fixtures/events/history.report.txt", import.meta.url), "utf8"))
  }, 120_000)
})
