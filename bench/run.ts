/**
 * `npm run bench [-- <name>…] [--strict]`: runs every `bench/*.bench.ts` (or the named ones) and
 * prints their figures. To add a benchmark, drop a file `bench/<name>.bench.ts` whose default
 * export is a `Bench`; nothing to register. `--strict` exits 1 when a figure misses its target.
 */
import { readdirSync } from "node:fs"
import { basename } from "node:path"

export interface Figure {
  readonly label: string
  readonly value: number
  readonly unit: string
  /** The figure must be at least this (higher is better). */
  readonly atLeast?: number
}

export interface Bench {
  readonly name: string
  readonly description: string
  readonly run: (log: (line: string) => void) => Promise<ReadonlyArray<Figure>>
}

const format = (n: number): string => (Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumFractionDigits: 2 }))

const main = async () => {
  const args = process.argv.slice(2)
  const strict = args.includes("--strict")
  const wanted = args.filter((a) => !a.startsWith("--"))
  const dir = new URL(".", import.meta.url)
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".bench.ts"))
    .sort()
    .filter((f) => wanted.length === 0 || wanted.includes(basename(f, ".bench.ts")))
  if (files.length === 0) {
    console.error(`no benchmark matches ${wanted.join(", ")}`)
    process.exitCode = 2
    return
  }
  let missed = 0
  for (const file of files) {
    const bench = ((await import(new URL(file, dir).href)) as { default: Bench }).default
    console.log(`\n▶ ${bench.name} — ${bench.description}`)
    const figures = await bench.run((line) => console.log(`  ${line}`))
    for (const f of figures) {
      const verdict = f.atLeast === undefined ? "" : f.value >= f.atLeast ? `  ✓ (target ≥ ${format(f.atLeast)})` : `  ✗ below target ≥ ${format(f.atLeast)}`
      if (f.atLeast !== undefined && f.value < f.atLeast) missed++
      console.log(`  ${f.label.padEnd(44)} ${format(f.value).padStart(14)} ${f.unit}${verdict}`)
    }
  }
  if (strict && missed > 0) process.exitCode = 1
}

await main()
