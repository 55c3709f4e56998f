/**
 * A separate process working the SQLite ticket queue, for the multi-process tests:
 *   claimer.ts <file> drain   claims and acks until the queue is empty, prints the ticket ids (JSON)
 *   claimer.ts <file> hold    claims one ticket with a one-hour lease, prints it, then hangs
 */
import { Effect } from "effect"
import { hostname } from "node:os"
import { layerSqliteStore, TicketQueue } from "../../src/services/store/Store.ts"

const [file, mode] = process.argv.slice(2)
if (file === undefined || (mode !== "drain" && mode !== "hold")) throw new Error("usage: claimer.ts <file> drain|hold")
const me = { consumerId: `claimer-${process.pid}`, host: hostname(), pid: process.pid }

const drain = Effect.gen(function* () {
  const queue = yield* TicketQueue
  const got: Array<string> = []
  for (;;) {
    const leases = yield* queue.claim(me, { max: 2, leaseFor: "1 hour" })
    if (leases.length === 0) return got
    got.push(...leases.map((l) => l.ticketId))
    yield* Effect.forEach(leases, (lease) => queue.ack(lease))
  }
})

const hold = Effect.gen(function* () {
  const queue = yield* TicketQueue
  const leases = yield* queue.claim(me, { max: 1, leaseFor: "1 hour" })
  process.stdout.write(`${JSON.stringify(leases.map((l) => l.ticketId))}\n`)
  return yield* Effect.never
})

const program = mode === "drain" ? Effect.map(drain, (got) => process.stdout.write(`${JSON.stringify(got)}\n`)) : hold
await Effect.runPromise(program.pipe(Effect.provide(layerSqliteStore({ filename: file }))))
