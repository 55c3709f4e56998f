/** Structural comparison of JSON values (the oracle's `expected` against docflow's output). */

export const canonical = (v: unknown): unknown => {
  if (v === undefined) return null
  if (Array.isArray(v)) return v.map(canonical)
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k]
      if (x !== undefined) out[k] = canonical(x)
    }
    return out
  }
  return v
}

/** Exact JSON equality: same keys (absent ≠ null), same scalars (1 = 1.0, "1" ≠ 1). */
export const jsonEqual = (a: unknown, b: unknown): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))

/** A short description of where two values differ, one line per differing path (at most `max`). */
export const diffLines = (expected: unknown, actual: unknown, path = "", max = 6): ReadonlyArray<string> => {
  const out: Array<string> = []
  const walk = (e: unknown, a: unknown, p: string) => {
    if (out.length >= max || jsonEqual(e, a)) return
    const bothObjects = typeof e === "object" && e !== null && typeof a === "object" && a !== null
    if (bothObjects && Array.isArray(e) === Array.isArray(a)) {
      const keys = new Set([...Object.keys(e as object), ...Object.keys(a as object)])
      for (const k of keys) {
        const ev = (e as Record<string, unknown>)[k]
        const av = (a as Record<string, unknown>)[k]
        const sub = Array.isArray(e) ? `${p}[${k}]` : p ? `${p}.${k}` : k
        if (ev === undefined) out.push(`${sub}: unexpected ${JSON.stringify(av)}`)
        else if (av === undefined) out.push(`${sub}: missing, expected ${JSON.stringify(ev)}`)
        else walk(ev, av, sub)
        if (out.length >= max) return
      }
      return
    }
    out.push(`${p || "(value)"}: expected ${JSON.stringify(e)}, got ${JSON.stringify(a)}`)
  }
  walk(expected, actual, path)
  return out
}
