// Run by test/decide/deno.test.ts with `deno run` and NO permissions: `decide` must need neither
// the file system, the environment nor the network (the fixtures are static JSON imports).
import { Either } from "effect"
import { decide } from "../../../src/pipeline/decide/index.ts"
import { decodeCaseFile } from "../../../src/schemas/caseFile.ts"
import { embeddedTemplates } from "../../../src/services/render/index.ts"
import duplicate from "../../fixtures/case-files/duplicate-uber-two-won-deals.json" with { type: "json" }
import go from "../../fixtures/case-files/go-cas8-deadline-missed.json" with { type: "json" }
import route from "../../fixtures/case-files/route-docs-cab-non-uber-documents.json" with { type: "json" }

const templates = Either.getOrThrow(embeddedTemplates())
const decisions = [go, route, duplicate].map((json) => decide(Either.getOrThrow(decodeCaseFile(json)), templates))
console.log(JSON.stringify(decisions))
