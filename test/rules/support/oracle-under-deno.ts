// Runs the oracle runner (and so every exam rule) under Deno without any permission: the cases
// arrive on stdin as `<file name>\t<jsonl text>` records separated by form feeds.
import { runOracleText, totalsOf } from "../../../src/oracle/runner.ts"

// Deno's global, declared here so the Node type-check of the repository accepts this script.
declare const Deno: { readonly stdin: { readonly readable: AsyncIterable<Uint8Array> } }

const chunks: Array<Uint8Array> = []
for await (const chunk of Deno.stdin.readable) chunks.push(chunk)
const input = new TextDecoder().decode(await new Blob(chunks).arrayBuffer())
const reports = input.split("\f").filter((part) => part.includes("\t")).map((part) => {
  const tab = part.indexOf("\t")
  return runOracleText(part.slice(0, tab), part.slice(tab + 1))
})
console.log(JSON.stringify(reports.map((r) => ({ path: r.path, ...totalsOf([r]) }))))
