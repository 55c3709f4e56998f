/**
 * The in-process side of Kafka leases. Across processes, a ticket belongs to whoever owns its
 * partition in the consumer group; inside one process, the records fetched from owned partitions
 * are handed to workers with a lease (expiry, token) exactly like the SQLite queue does. Pure:
 * no kafkajs, no clock (times are passed in).
 */

export type EntryState = "ready" | "leased" | "done"

export interface Entry {
  readonly partition: number
  readonly offset: number
  readonly ticketId: string
  readonly timestamp: number
  state: EntryState
  attempts: number
  availableAt: number
  token: string | undefined
  expiresAt: number
}

export interface IncomingRecord {
  readonly offset: number
  readonly ticketId: string
  readonly timestamp: number
}

export class LeaseTable {
  private readonly byPartition = new Map<number, Map<number, Entry>>()
  private readonly byToken = new Map<string, Entry>()

  /** Adds a fetched batch; records already known (a re-fetch after a rebalance) keep their state. */
  addBatch(partition: number, records: ReadonlyArray<IncomingRecord>): void {
    let entries = this.byPartition.get(partition)
    if (entries === undefined) {
      entries = new Map()
      this.byPartition.set(partition, entries)
    }
    for (const r of records) {
      if (entries.has(r.offset)) continue
      entries.set(r.offset, {
        partition,
        offset: r.offset,
        ticketId: r.ticketId,
        timestamp: r.timestamp,
        state: "ready",
        attempts: 0,
        availableAt: 0,
        token: undefined,
        expiresAt: 0
      })
    }
  }

  knows(partition: number, offset: number): boolean {
    return this.byPartition.get(partition)?.has(offset) ?? false
  }

  /** The first offset at or after `from` that is not done (what may be committed is below it). */
  firstOpenOffset(partition: number, from: number, end: number): number {
    const entries = this.byPartition.get(partition)
    let next = from
    while (next < end) {
      const entry = entries?.get(next)
      // An offset without an entry (a record that was not a ticket) holds nothing back.
      if (entry !== undefined && entry.state !== "done") break
      next++
    }
    return next
  }

  /** Forgets what is committed (below `offset`). */
  dropBelow(partition: number, offset: number): void {
    const entries = this.byPartition.get(partition)
    if (entries === undefined) return
    for (const [o, entry] of entries) {
      if (o < offset) {
        entries.delete(o)
        if (entry.token !== undefined) this.byToken.delete(entry.token)
      }
    }
  }

  /** The partition went to another member: its leases are lost. */
  dropPartition(partition: number): void {
    this.dropBelow(partition, Number.MAX_SAFE_INTEGER)
    this.byPartition.delete(partition)
  }

  partitions(): ReadonlyArray<number> {
    return [...this.byPartition.keys()]
  }

  /** Oldest first (by enqueue time, then offset): ready entries due now, and expired leases. */
  claim(now: number, max: number, partitions: ReadonlySet<number>, lease: (entry: Entry) => { token: string; expiresAt: number }): Array<Entry> {
    const candidates: Array<Entry> = []
    for (const [partition, entries] of this.byPartition) {
      if (!partitions.has(partition)) continue
      for (const entry of entries.values()) {
        const claimable = (entry.state === "ready" && entry.availableAt <= now) || (entry.state === "leased" && entry.expiresAt <= now)
        if (claimable) candidates.push(entry)
      }
    }
    candidates.sort((a, b) => a.timestamp - b.timestamp || a.offset - b.offset || a.partition - b.partition)
    // A ticket enqueued twice (two producers racing past the de-duplication) has two records in
    // the same partition, hence here: one lease per ticket id still holds.
    const busy = new Set<string>()
    for (const entries of this.byPartition.values()) {
      for (const e of entries.values()) if (e.state === "leased" && e.expiresAt > now) busy.add(e.ticketId)
    }
    const taken: Array<Entry> = []
    for (const entry of candidates) {
      if (taken.length >= max) break
      if (busy.has(entry.ticketId)) continue
      busy.add(entry.ticketId)
      taken.push(entry)
    }
    for (const entry of taken) {
      if (entry.token !== undefined) this.byToken.delete(entry.token)
      const { token, expiresAt } = lease(entry)
      entry.state = "leased"
      entry.attempts++
      entry.token = token
      entry.expiresAt = expiresAt
      this.byToken.set(token, entry)
    }
    return taken
  }

  /** The entry a lease token still holds, if any. */
  held(token: string): Entry | undefined {
    const entry = this.byToken.get(token)
    return entry !== undefined && entry.state === "leased" && entry.token === token ? entry : undefined
  }

  renew(token: string, expiresAt: number): Entry | undefined {
    const entry = this.held(token)
    if (entry !== undefined) entry.expiresAt = expiresAt
    return entry
  }

  markDone(token: string): Entry | undefined {
    const entry = this.held(token)
    if (entry === undefined) return undefined
    entry.state = "done"
    this.byToken.delete(token)
    entry.token = undefined
    return entry
  }

  release(token: string, availableAt: number): Entry | undefined {
    const entry = this.held(token)
    if (entry === undefined) return undefined
    entry.state = "ready"
    entry.availableAt = availableAt
    this.byToken.delete(token)
    entry.token = undefined
    return entry
  }

  /** Records of one partition that a worker holds a lease on. */
  leasedIn(partition: number): number {
    let n = 0
    for (const e of this.byPartition.get(partition)?.values() ?? []) if (e.state === "leased") n++
    return n
  }

  count(state: EntryState): number {
    let n = 0
    for (const entries of this.byPartition.values()) for (const e of entries.values()) if (e.state === state) n++
    return n
  }
}
