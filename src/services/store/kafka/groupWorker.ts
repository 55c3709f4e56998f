import type { Admin, Consumer, EachBatchPayload, Kafka } from "kafkajs"
import { Either } from "effect"
import { LeaseTable, type IncomingRecord } from "./leaseTable.ts"
import { readTicketRecord } from "./records.ts"

export interface GroupWorkerOptions {
  readonly kafka: Kafka
  readonly admin: Admin
  readonly topic: string
  readonly groupId: string
  readonly partitions: number
  readonly sessionTimeoutMs: number
  readonly heartbeatIntervalMs: number
  /** How long a first claim waits for the group to hand this member its partitions. */
  readonly joinWaitMs: number
  /** How long a claim waits for records the broker has but this member has not fetched yet. */
  readonly fetchWaitMs: number
  /** A record that is not a ticket: reported, then passed over (it holds no ticket to work). */
  readonly onUnreadable: (partition: number, offset: number, problem: string) => void
  /** Partitions the group just handed this member (not those it already held). */
  readonly onAssigned?: (partitions: ReadonlyArray<number>) => void
}

type AckWaiter = { readonly partition: number; readonly settle: (committedOrDone: boolean) => void }

/**
 * One member of the docflow consumer group. Its batch handler keeps each fetched batch open while
 * the workers hold leases on its records: it resolves and commits an offset only once every
 * record below it is acknowledged (i.e. its events are appended), heartbeats while it waits, and
 * lets go when the consumer stops or the partition is taken away — uncommitted records are then
 * fetched again, by this member or by the one that now owns the partition.
 */
export class GroupWorker {
  readonly table = new LeaseTable()
  private consumer: Consumer | undefined
  private starting: Promise<void> | undefined
  private assigned: ReadonlySet<number> = new Set()
  private stopping = false
  private readonly holding = new Map<number, () => void>()
  private readonly letGo = new Set<number>()
  private readonly fetchedEnd = new Map<number, number>()
  private waiters: Array<AckWaiter> = []
  private changed: Array<() => void> = []
  /** Set when the consumer crashed for good: claims fail with it. */
  crashed: Error | undefined

  constructor(private readonly options: GroupWorkerOptions) {}

  get assignment(): ReadonlySet<number> {
    return this.assigned
  }

  isStarted(): boolean {
    return this.consumer !== undefined
  }

  /** Connects, joins and starts the batch handler once; later calls wait for the same start. */
  start(): Promise<void> {
    // A failed start (broker down) is not remembered: the next claim tries again.
    this.starting ??= this.connect().catch(async (error: unknown) => {
      this.starting = undefined
      const consumer = this.consumer
      this.consumer = undefined
      await consumer?.disconnect().catch(() => undefined)
      throw error
    })
    return this.starting
  }

  private async connect(): Promise<void> {
    const o = this.options
    const consumer = o.kafka.consumer({
      groupId: o.groupId,
      sessionTimeout: o.sessionTimeoutMs,
      heartbeatInterval: o.heartbeatIntervalMs,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false
    })
    this.consumer = consumer
    const firstJoin = new Promise<void>((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        this.assign(event.payload.memberAssignment[o.topic] ?? [])
        resolve()
      })
      setTimeout(resolve, o.joinWaitMs).unref()
    })
    consumer.on(consumer.events.CRASH, (event) => {
      if (!event.payload.restart) this.crashed = event.payload.error
      this.notify()
    })
    await consumer.connect()
    await consumer.subscribe({ topic: o.topic, fromBeginning: true })
    await consumer.run({
      autoCommit: true,
      // commitOffsetsIfNecessary then commits whatever was resolved, right away.
      autoCommitThreshold: 1,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: o.partitions,
      eachBatch: (payload) => this.handleBatch(payload)
    })
    await firstJoin
  }

  private assign(partitions: ReadonlyArray<number>): void {
    const next = new Set(partitions)
    for (const p of this.assigned) {
      if (next.has(p)) continue
      this.table.dropPartition(p)
      this.fetchedEnd.delete(p)
      this.settle((w) => w.partition === p, false)
    }
    const added = [...next].filter((p) => !this.assigned.has(p))
    this.assigned = next
    if (added.length > 0) this.options.onAssigned?.(added)
    this.notify()
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload
    if (batch.isEmpty()) return
    const p = batch.partition
    const records: Array<IncomingRecord> = []
    for (const m of batch.messages) {
      const ticket = readTicketRecord(m.key === null ? null : m.key.toString("utf8"), m.value === null ? null : m.value.toString("utf8"))
      if (Either.isRight(ticket)) records.push({ offset: Number(m.offset), ticketId: ticket.right, timestamp: Number(m.timestamp) })
      else if (!this.table.knows(batch.partition, Number(m.offset))) this.options.onUnreadable(batch.partition, Number(m.offset), ticket.left)
    }
    let next = Number(batch.firstOffset())
    const end = Number(batch.lastOffset()) + 1
    this.table.dropBelow(p, next)
    this.table.addBatch(p, records)
    this.fetchedEnd.set(p, end)
    this.notify()
    // Set when a heartbeat failed (the group is rebalancing): the batch stays open only until
    // the tickets leased from it are settled, then kafkajs rejoins.
    let rebalancing: unknown = undefined
    try {
      for (;;) {
        const open = this.table.firstOpenOffset(p, next, end)
        if (open > next) {
          resolveOffset(String(open - 1))
          if (rebalancing === undefined) await commitOffsetsIfNecessary()
          else await commitOffsetsIfNecessary().catch(() => undefined)
          next = open
          this.table.dropBelow(p, next)
        }
        this.settle((w) => w.partition === p, true)
        if (next >= end || this.stopping || !isRunning() || isStale()) return
        if (rebalancing !== undefined) {
          if (this.table.leasedIn(p) === 0) throw rebalancing
        } else {
          // A claim wants records newer than this batch: close it unresolved; kafkajs fetches again
          // from the last resolved offset, so the open records come back (keeping their leases)
          // together with the new ones.
          if (this.letGo.delete(p)) return
          // Throws while the group rebalances: kafkajs rejoins and fetches from the committed
          // offset, and the partition may go to another member. While a worker here still runs a
          // ticket of this partition, the batch is held (the group waits for this member to
          // rejoin, up to its rebalance timeout): two members never work one ticket at once.
          try {
            await heartbeat()
          } catch (error) {
            if (this.table.leasedIn(p) === 0) throw error
            rebalancing = error
          }
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.heartbeatIntervalMs)
          this.holding.set(p, () => {
            clearTimeout(timer)
            resolve()
          })
        })
      }
    } finally {
      this.letGo.delete(p)
      this.holding.delete(p)
      this.notify()
    }
  }

  /** Asks the open batch of partition p to close so that newer records get fetched. */
  refresh(partition: number): void {
    const wake = this.holding.get(partition)
    if (wake === undefined) return
    this.letGo.add(partition)
    wake()
  }

  /** Whether partition p has a batch open (its newer records cannot be fetched before it closes). */
  isHolding(partition: number): boolean {
    return this.holding.has(partition)
  }

  fetchedUpTo(partition: number): number {
    return this.fetchedEnd.get(partition) ?? 0
  }

  /** Resolves once the batch handler of the acknowledged record's partition has committed what it can. */
  awaitAck(partition: number): Promise<boolean> {
    if (this.stopping || !this.assigned.has(partition)) return Promise.resolve(false)
    return new Promise((settle) => {
      this.waiters.push({ partition, settle })
      this.holding.get(partition)?.()
    })
  }

  /** Resolves on the next fetch, join or batch end, or after `ms`. */
  waitForChange(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms)
      this.changed.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }

  private notify(): void {
    const listeners = this.changed
    this.changed = []
    for (const listener of listeners) listener()
  }

  private settle(which: (w: AckWaiter) => boolean, outcome: boolean): void {
    const keep: Array<AckWaiter> = []
    for (const w of this.waiters) {
      if (which(w)) w.settle(outcome)
      else keep.push(w)
    }
    this.waiters = keep
  }

  /** Leaves the group without committing what is not acknowledged (it will be delivered again). */
  async stop(): Promise<void> {
    this.stopping = true
    for (const wake of this.holding.values()) wake()
    this.settle(() => true, false)
    const consumer = this.consumer
    if (consumer === undefined) return
    await this.starting?.catch(() => undefined)
    await consumer.disconnect()
  }
}
