import { describe, expect, it } from "vitest"
import { LatestById } from "../../src/pipeline/projections/latestById.ts"

describe("LatestById", () => {
  it("keeps the latest value of each id, in the order ids were first recorded", () => {
    const log = new LatestById<number>()
    log.set("b", 1)
    log.set("a", 2)
    log.set("b", 3)
    expect(log.size).toBe(2)
    expect([...log.entries()]).toEqual([
      ["b", 3],
      ["a", 2]
    ])
  })

  it("agrees with a Map over many appends, through the compactions on the way", () => {
    const log = new LatestById<number>()
    const map = new Map<string, number>()
    for (let i = 0; i < 30_000; i++) {
      const id = `t${(i * 7919) % 9_000}`
      log.set(id, i)
      map.set(id, i)
      if (i % 10_007 === 0) expect(log.size).toBe(map.size)
    }
    expect(log.size).toBe(map.size)
    expect([...log.entries()]).toEqual([...map.entries()])
  })
})
