import { readFileSync } from "node:fs"
import { Either } from "effect"
import { decodePortalAccounts, startPortal } from "./portalServer.ts"

/**
 * Starts the ExamT3P stand-in alone:
 *   npx tsx src/sandbox/examt3p/main.ts <accounts.json> [port]
 * The JSON file holds the accounts as plain data (see portalData.ts). Prints the URL to use as
 * EXAMT3P_URL, then serves until interrupted.
 */
const [file, portArg] = process.argv.slice(2)
if (file === undefined) {
  process.stderr.write("usage: main.ts <accounts.json> [port]\n")
  process.exit(2)
}
const decoded = decodePortalAccounts(JSON.parse(readFileSync(file, "utf8")) as unknown)
if (Either.isLeft(decoded)) {
  process.stderr.write(`${decoded.left.message}\n`)
  process.exit(2)
}
const portal = await startPortal(decoded.right, { port: portArg === undefined ? 0 : Number(portArg) })
process.stdout.write(`ExamT3P sandbox portal: EXAMT3P_URL=${portal.url}\n`)
const stop = () => {
  void portal.close().then(() => process.exit(0))
}
process.on("SIGINT", stop)
process.on("SIGTERM", stop)
