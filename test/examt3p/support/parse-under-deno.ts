// Run by test/examt3p/deno.test.ts with `deno run` and NO permissions: the dashboard parser and
// the sandbox's page rendering are pure code and must need no Node API.
import { Schema } from "effect"
import { dashboardPage } from "../../../src/sandbox/examt3p/pages.ts"
import { PortalAccounts } from "../../../src/sandbox/examt3p/portalData.ts"
import { parseDashboard } from "../../../src/services/examt3p/internal/parseDashboard.ts"
import { reRegisteredAccount, singleAccount } from "../../fixtures/examt3p/dossiers.ts"

const accounts = Schema.decodeUnknownSync(PortalAccounts)([singleAccount, reRegisteredAccount])
const pages = accounts.flatMap((account) => account.dossiers.map((dossier) => parseDashboard(dashboardPage(account, dossier))))
console.log(JSON.stringify(pages))
