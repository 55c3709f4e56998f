import { describe, expect, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Either } from "effect"
import { dashboardPage } from "../../src/sandbox/examt3p/pages.ts"
import { decodePortalAccounts } from "../../src/sandbox/examt3p/portalServer.ts"
import { parseDashboard } from "../../src/services/examt3p/ExamT3P.ts"
import { reRegisteredAccount, singleAccount } from "../fixtures/examt3p/dossiers.ts"

const root = fileURLToPath(new URL("../..", import.meta.url))

describe("the ExamT3P dashboard parser is pure", () => {
  it("gives the same results under Deno, without any permission, as under Node", () => {
    const out = execFileSync(`${root}node_modules/.bin/deno`, ["run", "--quiet", "--no-prompt", "test/examt3p/support/parse-under-deno.ts"], {
      cwd: root,
      encoding: "utf8",
      timeout: 120_000
    })
    const accounts = Either.getOrThrow(decodePortalAccounts([singleAccount, reRegisteredAccount]))
    const underNode = accounts.flatMap((account) => account.dossiers.map((dossier) => parseDashboard(dashboardPage(account, dossier))))
    expect(underNode.map((d) => d.num_dossier)).toEqual(["00045386TE1", "00045386", "00045386TE1"])
    expect(JSON.parse(out.trim())).toEqual(JSON.parse(JSON.stringify(underNode)))
  }, 150_000)
})
