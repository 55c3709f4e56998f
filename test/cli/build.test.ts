/**
 * The production entry: bin/docflow.js runs an esbuild bundle that scripts/build.mjs builds on
 * first use and rebuilds when an input changes (never stale code); tree-shakeable packages are
 * bundled, the others stay imports from node_modules.
 */
import { describe, expect, it } from "@effect/vitest"
import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"
import { pathToFileURL } from "node:url"
import { bundleFor, nodeFlags, root } from "../../scripts/build.mjs"

const runBundle = (bundle: string): string => {
  const result = spawnSync(process.execPath, [bundle], { encoding: "utf8", timeout: 60_000 })
  if (result.status !== 0) throw new Error(`bundle exited ${result.status}: ${result.stderr}`)
  return result.stdout.trim()
}

/** A throw-away entry inside docflow's tree (bundles resolve packages from docflow's node_modules). */
const scratchEntry = (files: Readonly<Record<string, string>>): { readonly dir: string; readonly entry: string } => {
  const dir = mkdtempSync(join(root, "test", "cli", ".scratch-build-"))
  // Saved a minute ago: a source saved while a build runs would be rebuilt at the next start.
  const earlier = new Date(Date.now() - 60_000)
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text)
    utimesSync(join(dir, name), earlier, earlier)
  }
  return { dir, entry: relative(root, join(dir, "entry.ts")) }
}

/** Removes the scratch sources and their bundle with its list of inputs. */
const removeScratch = (dir: string, bundle: string | undefined): void => {
  rmSync(dir, { recursive: true, force: true })
  if (bundle === undefined) return
  rmSync(bundle, { force: true })
  rmSync(bundle.replace(/\.mjs$/, ".inputs.json"), { force: true })
}

describe("scripts/build.mjs", () => {
  it("rebuilds the bundle when a source changes, and only then", async () => {
    const { dir, entry } = scratchEntry({
      "entry.ts": 'import { answer } from "./dep.ts"\nconsole.log(answer)\n',
      "dep.ts": "export const answer: number = 1\n"
    })
    let bundle: string | undefined
    try {
      bundle = await bundleFor(entry)
      expect(runBundle(bundle)).toBe("1")
      const builtAt = statSync(bundle).mtimeMs

      expect(await bundleFor(entry)).toBe(bundle)
      expect(statSync(bundle).mtimeMs).toBe(builtAt)

      writeFileSync(join(dir, "dep.ts"), "export const answer: number = 2\n")
      // Same size as before: the changed mtime alone must trigger the rebuild.
      const later = new Date(Date.now() + 5_000)
      utimesSync(join(dir, "dep.ts"), later, later)
      expect(runBundle(await bundleFor(entry))).toBe("2")
    } finally {
      removeScratch(dir, bundle)
    }
  })

  it("bundles tree-shakeable packages, imports the others at run time, keeps each module's import.meta.url", async () => {
    const { dir, entry } = scratchEntry({
      "entry.ts": [
        'import { Option } from "effect"',
        'import { Partitioners } from "kafkajs"',
        "console.log(JSON.stringify({ some: Option.isSome(Option.some(1)), partitioner: typeof Partitioners.DefaultPartitioner, url: import.meta.url }))",
        ""
      ].join("\n")
    })
    let bundle: string | undefined
    try {
      bundle = await bundleFor(entry)
      const text = readFileSync(bundle, "utf8")
      expect(text).toMatch(/from "kafkajs"/)
      expect(text).not.toMatch(/from "effect"/)
      expect(JSON.parse(runBundle(bundle))).toEqual({ some: true, partitioner: "function", url: pathToFileURL(join(root, entry)).href })
    } finally {
      removeScratch(dir, bundle)
    }
  })
})

describe("bin/docflow.js", () => {
  it("runs docflow from the bundle, with the V8 flags of its shebang line", () => {
    const result = spawnSync(process.execPath, [...nodeFlags(), "bin/docflow.js", "--help"], { cwd: root, encoding: "utf8", timeout: 120_000 })
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toContain("docflow")
    expect(result.stdout).toContain("consume")
    expect(nodeFlags()).toEqual(readFileSync(join(root, "bin", "docflow.js"), "utf8").split("\n", 1)[0]?.split(/\s+/).slice(3))
  })

  it("is started through its shebang by the npm scripts and the image, so that they get its V8 flags", () => {
    const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts
    const starting = Object.values(scripts).filter((command) => command.includes("bin/docflow.js"))
    expect(starting.length).toBeGreaterThan(0)
    for (const command of starting) expect(command).toMatch(/^bin\/docflow\.js\b/)
    expect(readFileSync(join(root, "Dockerfile"), "utf8")).toMatch(/^ENTRYPOINT \["bin\/docflow\.js"\]$/m)
  })
})
