import type { SqlClient } from "@effect/sql"
import { Clock, Duration, Effect } from "effect"
import { LeaseLost, StoreError } from "../errors.ts"
import type { Lease, TicketQueueShape } from "../TicketQueue.ts"
import * as Sql from "./sql.ts"
import { query, unavailable } from "./run.ts"

/** Tells whether a process of this host is alive (injected: the Node probe lives in `layer.ts`). */
export type ProcessProbe = (pid: number) => boolean

const newToken = (consumerId: string): string =>
  `${consumerId}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 10)}`

export const makeTicketQueue = (sql: SqlClient.SqlClient, isAlive: ProcessProbe): TicketQueueShape => {
  const enqueue: TicketQueueShape["enqueue"] = (requests) =>
    Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const enqueued: Array<string> = []
      const duplicates: Array<string> = []
      yield* sql.withTransaction(
        Effect.forEach(requests, ({ ticketId }) =>
          Effect.map(query<{ position: number }>(sql, Sql.enqueueTicket, [ticketId, now, now]), (rows) => {
            if (rows.length > 0) enqueued.push(ticketId)
            else duplicates.push(ticketId)
          })
        )
      ).pipe(Effect.mapError((e) => (e instanceof StoreError ? e : unavailable(e))))
      return { enqueued, duplicates }
    })

  /** Frees leases held by processes of this host that no longer exist (killed, crashed). */
  const reclaimDeadHolders = (host: string, ownPid: number, now: number) =>
    Effect.gen(function* () {
      const held = yield* query<{ position: number; lease_token: string; lease_pid: number | null }>(
        sql,
        Sql.selectLiveLeasesOnHost,
        [host, now]
      )
      for (const lease of held) {
        if (lease.lease_pid === null || lease.lease_pid === ownPid || isAlive(lease.lease_pid)) continue
        yield* query(sql, Sql.reclaimLease, [lease.position, lease.lease_token])
        yield* Effect.logWarning(`ticket queue: reclaimed the lease at position ${lease.position} (pid ${lease.lease_pid} is gone)`)
      }
    })

  const claim: TicketQueueShape["claim"] = (owner, options) =>
    Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      yield* reclaimDeadHolders(owner.host, owner.pid, now)
      const token = newToken(owner.consumerId)
      const expiresAt = now + Duration.toMillis(options.leaseFor)
      const rows = yield* query<{ position: number; ticket_id: string; attempts: number }>(sql, Sql.claimTickets, [
        token,
        owner.consumerId,
        owner.host,
        owner.pid,
        expiresAt,
        now,
        now,
        Math.max(0, Math.floor(options.max))
      ])
      return rows
        .map((r): Lease => ({ ticketId: r.ticket_id, position: r.position, token, attempt: r.attempts, expiresAt }))
        .sort((a, b) => a.position - b.position)
    })

  const lost = (lease: Lease) => new LeaseLost({ ticketId: lease.ticketId, position: lease.position })

  const requireRow = (lease: Lease) => (rows: ReadonlyArray<unknown>) =>
    rows.length > 0 ? Effect.void : Effect.fail(lost(lease))

  const renew: TicketQueueShape["renew"] = (lease, leaseFor) =>
    Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const expiresAt = now + Duration.toMillis(leaseFor)
      yield* Effect.flatMap(query(sql, Sql.renewLease, [expiresAt, lease.position, lease.token]), requireRow(lease))
      return { ...lease, expiresAt }
    })

  const ack: TicketQueueShape["ack"] = (lease) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Effect.flatMap(query(sql, Sql.ackLease, [now, lease.position, lease.token]), requireRow(lease))
    )

  const release: TicketQueueShape["release"] = (lease, retryAfter = Duration.zero) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Effect.flatMap(
        query(sql, Sql.releaseLease, [now + Duration.toMillis(retryAfter), lease.position, lease.token]),
        requireRow(lease)
      )
    )

  const ackedPosition = Effect.map(query<{ acked: number }>(sql, Sql.selectAckedPosition), (rows) => rows[0]?.acked ?? 0)

  const counts = Effect.map(
    query<{ ready: number; leased: number; done: number }>(sql, Sql.selectQueueCounts),
    (rows) => ({ ready: rows[0]?.ready ?? 0, leased: rows[0]?.leased ?? 0, done: rows[0]?.done ?? 0 })
  )

  return { enqueue, claim, renew, ack, release, ackedPosition, counts }
}
