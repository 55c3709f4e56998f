// Runs under Deno 2 in CI: the core (schemas and pure rules) must load and work there unchanged.
//   npx deno run --allow-read --allow-env scripts/deno-smoke.ts
import { Either, Schema } from "effect"
import { caseFileToday, decodeCaseFile } from "../src/schemas/caseFile.ts"
import { ZohoDatacenter, zohoHosts } from "../src/schemas/config.ts"
import { formatProblems } from "../src/schemas/decodeError.ts"

declare const Deno: {
  readonly version: { readonly deno: string }
  readonly readTextFile: (path: URL) => Promise<string>
}

const dc = Schema.decodeUnknownSync(ZohoDatacenter)("ca")
const hosts = zohoHosts(dc)
if (hosts.accountsUrl !== "https://accounts.zohocloud.ca") throw new Error(`unexpected hosts ${JSON.stringify(hosts)}`)

// A recorded case file must decode under Deno exactly as under Node.
const fixture = new URL("../test/fixtures/case-files/go-cas8-deadline-missed.json", import.meta.url)
const decoded = decodeCaseFile(JSON.parse(await Deno.readTextFile(fixture)))
if (Either.isLeft(decoded)) {
  throw new Error(`case file ${fixture.pathname} does not decode:\n${formatProblems(decoded.left).join("\n")}`)
}
const caseFile = decoded.right
const summary = [
  `ticket #${caseFile.ticket.ticketNumber ?? caseFile.ticket.id}`,
  `today ${caseFileToday(caseFile)} (Paris)`,
  `${caseFile.threads.length} threads`,
  `${caseFile.deals.length} deal(s) [${caseFile.deals.map((d) => d.Evalbox ?? "-").join(", ")}]`,
  `${caseFile.examDates.length} exam dates`,
  `ExamT3P ${caseFile.examt3p?._tag ?? "not consulted"}`,
  `LLM triage ${caseFile.llmTriage ? `${caseFile.llmTriage.action}/${caseFile.llmTriage.primary_intent}` : "none"}`
].join(", ")
console.log(`deno smoke: ok (Deno ${Deno.version.deno}); case file: ${summary}`)
