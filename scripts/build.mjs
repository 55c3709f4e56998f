/**
 * docflow's production build: one ESM bundle per entry (bin/docflow.js runs the bundle of
 * src/cli/main.ts), built by esbuild on first use and rebuilt whenever one of its inputs changed,
 * so that a fresh clone runs without a build step and never runs stale code. Tests (vitest) and the
 * Deno smoke run the TypeScript sources directly.
 *
 * Why a bundle: under the tsx loader docflow held about 320 MB once loaded (the loader thread's
 * own V8 isolate, transformed sources and source maps); bundled, about 150 MB. Packages that
 * declare themselves free of side effects (effect, @effect/*, date-fns, fast-check) are bundled so
 * that esbuild drops their unused modules (e.g. @effect/platform's ~20 MB of embedded Swagger and
 * Scalar UI strings); the others (better-sqlite3 is native, kafkajs, undici, handlebars… are
 * CommonJS and gain nothing) stay external and load from node_modules.
 *
 * Staleness: next to each bundle, the list of its inputs (every source and bundled package file,
 * and this script) with their size and mtime; one that differs or is gone means a rebuild.
 * Builds write to a temporary file then rename it, so concurrent starts are safe.
 *
 * Cache: node_modules/.cache/docflow/ when writable, otherwise a directory under the system's
 * temporary directory whose node_modules link points at docflow's (external packages resolve
 * from the bundle's location), e.g. in the image, where /app belongs to root.
 *
 *   node scripts/build.mjs [entry…]   builds now (default: src/cli/main.ts); prints the bundles
 */
import { createHash } from "node:crypto"
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { basename, dirname, join, relative, sep } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

export const root = dirname(dirname(fileURLToPath(import.meta.url)))
const self = relative(root, fileURLToPath(import.meta.url))

/** The bare package name of an import specifier (`@effect/platform/HttpClient` → `@effect/platform`). */
const packageOf = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/")

/** Whether a package lets a bundler drop its unused modules (`"sideEffects": false` or `[]`). */
const treeShakeable = (packageDir) => {
  try {
    const sideEffects = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).sideEffects
    return sideEffects === false || (Array.isArray(sideEffects) && sideEffects.length === 0)
  } catch {
    return false
  }
}

/** Bundles tree-shakeable packages; leaves the others to be imported from node_modules at run time. */
const externalizePackages = {
  name: "docflow-externalize-packages",
  setup(build) {
    const topLevel = join(root, "node_modules")
    const verdicts = new Map()
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:")) return undefined
      const name = packageOf(args.path)
      let external = verdicts.get(name)
      if (external === undefined) {
        // Only a package installed at the top of node_modules resolves the same from the bundle.
        const dir = join(topLevel, name)
        external = existsSync(dir) && !treeShakeable(dir)
        verdicts.set(name, external)
      }
      if (!external) return undefined
      if (!args.resolveDir.startsWith(root + sep) || relative(root, args.resolveDir).split(sep).filter((p) => p === "node_modules").length > 1) {
        return undefined
      }
      return { path: args.path, external: true }
    })
  }
}

/**
 * A module's `import.meta.url` keeps naming its own source file in the bundle (the benchmarks
 * locate their helper scripts this way); docflow's sources do not use it.
 */
const keepImportMetaUrl = {
  name: "docflow-keep-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined
      const source = readFileSync(args.path, "utf8")
      if (!source.includes("import.meta.url")) return undefined
      return { contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" }
    })
  }
}

const writable = (dir) => {
  try {
    mkdirSync(dir, { recursive: true })
    accessSync(dir, constants.W_OK)
    return true
  } catch {
    return false
  }
}

/** Where bundles live (see the header). */
export const cacheDir = () => {
  const inProject = join(root, "node_modules", ".cache", "docflow")
  if (writable(inProject)) return inProject
  const rootHash = createHash("sha256").update(root).digest("hex").slice(0, 12)
  const inTmp = join(tmpdir(), `docflow-build-${process.getuid?.() ?? "user"}-${rootHash}`)
  mkdirSync(inTmp, { recursive: true })
  const link = join(inTmp, "node_modules")
  if (!existsSync(link)) {
    try {
      symlinkSync(join(root, "node_modules"), link, "dir")
    } catch (error) {
      if (error?.code !== "EEXIST") throw error
    }
  }
  return inTmp
}

const stampOf = (file) => {
  const s = statSync(join(root, file))
  return [file, s.size, s.mtimeMs]
}

/** Whether every recorded input still has its size and mtime. */
const upToDate = (manifestFile) => {
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"))
    return manifest.inputs.every(([file, size, mtimeMs]) => {
      const [, nowSize, nowMtimeMs] = stampOf(file)
      return nowSize === size && nowMtimeMs === mtimeMs
    })
  } catch {
    return false
  }
}

const writeAtomically = (file, contents) => {
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, contents)
  renameSync(temporary, file)
}

/** Builds `entry` (a path under docflow's root) into `outfile`; returns the inputs' stamps. */
const buildBundle = async (entry, outfile) => {
  const esbuild = await import("esbuild")
  const startedMs = Date.now()
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      write: false,
      outfile,
      platform: "node",
      format: "esm",
      target: "node20",
      keepNames: true,
      metafile: true,
      logLevel: "error",
      // Bundled CommonJS code (if any) calls require for Node's built-ins.
      banner: { js: 'import { createRequire as __docflowCreateRequire } from "node:module"; const require = __docflowCreateRequire(import.meta.url);' },
      plugins: [externalizePackages, keepImportMetaUrl]
    })
    const output = result.outputFiles.find((f) => f.path.endsWith(".mjs"))
    if (output === undefined) throw new Error(`esbuild produced no bundle for ${entry}`)
    writeAtomically(outfile, output.contents)
    // An input saved while esbuild ran may not be in the bundle: stamped so that the next start rebuilds.
    return [...Object.keys(result.metafile.inputs), self].map(stampOf).map(([file, size, mtimeMs]) => [file, size, mtimeMs >= startedMs - 1_000 ? -1 : mtimeMs])
  } finally {
    await esbuild.stop()
  }
}

/**
 * The path of an up-to-date bundle of `entry` (relative to docflow's root, e.g.
 * `src/cli/main.ts`), building it first when missing or stale.
 */
export const bundleFor = async (entry) => {
  const dir = cacheDir()
  const name = entry.replace(/\.ts$/, "").replaceAll(/[/\\]/g, "_")
  const outfile = join(dir, `${name}.mjs`)
  const manifestFile = join(dir, `${name}.inputs.json`)
  if (existsSync(outfile) && upToDate(manifestFile)) return outfile
  const inputs = await buildBundle(entry, outfile)
  writeAtomically(manifestFile, JSON.stringify({ entry, inputs }))
  return outfile
}

/**
 * The V8 flags docflow runs with: those of bin/docflow.js's shebang line (`#!/usr/bin/env -S node
 * …flags`), so that whatever starts docflow another way (npm scripts, the memory benchmark) can
 * pass the same.
 */
export const nodeFlags = () => {
  const shebang = readFileSync(join(root, "bin", "docflow.js"), "utf8").split("\n", 1)[0] ?? ""
  const words = shebang.replace(/^#!\s*/, "").split(/\s+/)
  const node = words.findIndex((w) => basename(w) === "node")
  return node < 0 ? [] : words.slice(node + 1)
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const entries = process.argv.length > 2 ? process.argv.slice(2) : ["src/cli/main.ts"]
  for (const entry of entries) console.log(await bundleFor(entry))
}
