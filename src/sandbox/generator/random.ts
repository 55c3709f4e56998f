import { seededRandom } from "../world.ts"

/** Seeded choices over the sandbox's mulberry32 PRNG: the same seed gives the same world. */
export interface Dice {
  readonly next: () => number
  readonly int: (min: number, max: number) => number
  readonly chance: (p: number) => boolean
  readonly pick: <A>(list: ReadonlyArray<A>) => A
  /** Picks by weight; entries with weight 0 are never chosen. */
  readonly weighted: <A>(entries: ReadonlyArray<readonly [A, number]>) => A
  readonly shuffle: <A>(list: ReadonlyArray<A>) => Array<A>
}

export const makeDice = (seed: number): Dice => {
  const next = seededRandom(seed)
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <A>(list: ReadonlyArray<A>): A => {
    if (list.length === 0) throw new Error("pick from an empty list")
    return list[Math.floor(next() * list.length)] as A
  }
  const weighted = <A>(entries: ReadonlyArray<readonly [A, number]>): A => {
    const total = entries.reduce((sum, [, w]) => sum + w, 0)
    let roll = next() * total
    for (const [value, weight] of entries) {
      if (roll < weight) return value
      roll -= weight
    }
    return pick(entries)[0]
  }
  const shuffle = <A>(list: ReadonlyArray<A>): Array<A> => {
    const copy = [...list]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      const tmp = copy[i] as A
      copy[i] = copy[j] as A
      copy[j] = tmp
    }
    return copy
  }
  return { next, int, chance: (p) => next() < p, pick, weighted, shuffle }
}

export const pad = (n: number, width: number): string => String(n).padStart(width, "0")

/** Zoho-style numeric ids, unique per (prefix, counter). */
export const zohoId = (prefix: string, n: number): string => `${prefix}${pad(n, 8)}`
