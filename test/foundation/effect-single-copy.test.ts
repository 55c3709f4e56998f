import { execFileSync } from "node:child_process"
import { describe, expect, it } from "vitest"

describe("the Effect family", () => {
  it("resolves to a single installed copy of effect 3.x", () => {
    const tree = JSON.parse(execFileSync("npm", ["ls", "effect", "--all", "--json"], { encoding: "utf8" })) as unknown
    const versions = new Set<string>()
    const walk = (node: unknown): void => {
      if (typeof node !== "object" || node === null) return
      const deps = (node as { dependencies?: Record<string, { version?: string }> }).dependencies ?? {}
      for (const [name, dep] of Object.entries(deps)) {
        if (name === "effect" && dep.version) versions.add(dep.version)
        walk(dep)
      }
    }
    walk(tree)
    expect([...versions]).toHaveLength(1)
    expect([...versions][0]).toMatch(/^3\.22\./)
  })
})
