/** Types of scripts/build.mjs (plain JavaScript: bin/docflow.js imports it without a TypeScript loader). */
export declare const root: string
export declare const cacheDir: () => string
export declare const bundleFor: (entry: string) => Promise<string>
export declare const nodeFlags: () => ReadonlyArray<string>
