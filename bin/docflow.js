#!/usr/bin/env -S node --max-semi-space-size=2 --max-old-space-size=1536
// docflow's entry: runs the ESM bundle of src/cli/main.ts that scripts/build.mjs builds on first
// use and rebuilds whenever a source changed (no build step; the sources stay the truth).
// The V8 flags above are docflow's: a small young generation, and an old-generation cap under
// 2 GB, which also lowers V8's heap growing factor (4 → about 1.8), so that it collects before the
// heap grows to several times its live size (about 190 MB resident instead of 300 while tickets
// flow; room left for a large in-process sandbox world). The npm scripts and the image start
// docflow through this line.
import { pathToFileURL } from "node:url"
import { bundleFor } from "../scripts/build.mjs"

let bundle
try {
  bundle = await bundleFor("src/cli/main.ts")
} catch (error) {
  // esbuild has printed the details.
  process.stderr.write(`docflow: could not bundle the sources: ${String(error?.message ?? error).split("\n")[0]}\n`)
  process.exit(1)
}
await import(pathToFileURL(bundle).href)
