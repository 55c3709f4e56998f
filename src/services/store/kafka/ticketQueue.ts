import { Clock, Duration, Effect, Either, Stream } from "effect"
import type { Admin, Kafka, Producer } from "kafkajs"
import { LeaseLost, StoreError } from "../errors.ts"
import type { ClaimOptions, ConsumerIdentity, Lease, QueueCounts, TicketQueueShape } from "../TicketQueue.ts"
import { committedOffsets, kafkaCall, topicOffsets, type PartitionOffsets } from "./client.ts"
import type { GroupWorker } from "./groupWorker.ts"
import type { Entry } from "./leaseTable.ts"
import { readRange } from "./readRange.ts"
import { encodeDeadLetterRecord, encodeTicketRecord, readTicketRecord } from "./records.ts"
import { partitionOfKey, type TopicNames } from "./topics.ts"

export interface KafkaTicketQueueDeps {
  readonly kafka: Kafka
  readonly admin: Admin
  readonly producer: Producer
  readonly topics: TopicNames
  readonly groupId: string
  readonly partitions: number
  readonly sessionTimeoutMs: number
  readonly worker: GroupWorker
  readonly fetchWaitMs: number
  readonly pollWaitMs: number
}

/** A lease on a record of the tickets topic: `position` is offset + 1 within `partition`. */
export interface KafkaLease extends Lease {
  readonly partition: number
}

export interface DeadLetter {
  readonly ticketId: string
  readonly reason: string
  readonly message: string
}

export interface KafkaTicketQueueShape extends TicketQueueShape {
  /** The group's committed offset of each tickets partition (a cursor: what `ackedPosition` sums up). */
  readonly committed: Effect.Effect<ReadonlyArray<number>, StoreError>
  readonly deadLetter: (letter: DeadLetter) => Effect.Effect<void, StoreError>
  /** Joins the consumer group now (claims do it on first use). */
  readonly joinGroup: Effect.Effect<void, StoreError>
  /** The tickets partitions this member owns at the moment. */
  readonly assignment: Effect.Effect<ReadonlyArray<number>>
}

const lost = (lease: Lease) => new LeaseLost({ ticketId: lease.ticketId, position: lease.position })

const newToken = (consumerId: string): string =>
  `${consumerId}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 10)}`

const toLease = (entry: Entry): KafkaLease => ({
  ticketId: entry.ticketId,
  position: entry.offset + 1,
  partition: entry.partition,
  token: entry.token ?? "",
  attempt: entry.attempts,
  expiresAt: entry.expiresAt
})

export const makeKafkaTicketQueue = (deps: KafkaTicketQueueDeps): KafkaTicketQueueShape => {
  const { admin, producer, worker, groupId } = deps
  const topic = deps.topics.tickets

  const progress = Effect.all([topicOffsets(admin, topic), committedOffsets(admin, groupId, topic)])

  /** Ticket ids of the records not committed yet by the group: waiting, or being worked on. */
  const openTicketIds = (offsets: ReadonlyArray<PartitionOffsets>, committed: ReadonlyMap<number, number>) =>
    readRange(
      deps.kafka,
      topic,
      offsets.map((o) => ({ partition: o.partition, from: Math.max(o.low, committed.get(o.partition) ?? 0), to: o.high })),
      { sessionTimeoutMs: deps.sessionTimeoutMs }
    ).pipe(
      Stream.runFold(new Set<string>(), (ids, record) => {
        const id = readTicketRecord(record.key, record.value)
        if (Either.isRight(id)) ids.add(id.right)
        return ids
      })
    )

  const enqueue: TicketQueueShape["enqueue"] = (requests) =>
    Effect.gen(function* () {
      const [offsets, committed] = yield* progress
      const open = yield* openTicketIds(offsets, committed)
      const enqueued: Array<string> = []
      const duplicates: Array<string> = []
      for (const { ticketId } of requests) {
        if (open.has(ticketId)) duplicates.push(ticketId)
        else {
          open.add(ticketId)
          enqueued.push(ticketId)
        }
      }
      if (enqueued.length === 0) return { enqueued, duplicates }
      const enqueuedAt = new Date(yield* Clock.currentTimeMillis).toISOString()
      yield* kafkaCall(`enqueue ${enqueued.length} tickets`, () =>
        producer.send({
          topic,
          acks: -1,
          messages: enqueued.map((ticketId) => ({
            key: ticketId,
            value: encodeTicketRecord({ ticketId, enqueuedAt }),
            partition: partitionOfKey(ticketId, deps.partitions)
          }))
        })
      )
      return { enqueued, duplicates }
    })

  // Caught up: every owned partition has fetched up to the broker's head. A partition whose open
  // batch is behind is asked to close it, so that the newer records are fetched.
  const caughtUp = Effect.map(progress, ([offsets, committed]) => {
    let all = true
    for (const o of offsets) {
      if (!worker.assignment.has(o.partition)) continue
      if (Math.max(worker.fetchedUpTo(o.partition), committed.get(o.partition) ?? 0) >= o.high) continue
      all = false
      worker.refresh(o.partition)
    }
    return all
  })

  const waitUntilCaughtUp = (waitMs: number) =>
    Effect.gen(function* () {
      const deadline = Date.now() + waitMs
      while (!(yield* caughtUp) && Date.now() < deadline) {
        yield* Effect.promise(() => worker.waitForChange(50))
      }
    })

  const started = Effect.flatMap(
    kafkaCall("join the consumer group", () => worker.start()),
    () =>
      worker.crashed === undefined
        ? Effect.void
        : Effect.fail(new StoreError({ reason: "Unavailable", message: `Kafka store: the consumer stopped: ${worker.crashed.message}` }))
  )

  const claimNow = (owner: ConsumerIdentity, options: ClaimOptions) =>
    Effect.map(Clock.currentTimeMillis, (now) => {
      const leaseMs = Duration.toMillis(Duration.decode(options.leaseFor))
      return worker.table.claim(now, options.max, worker.assignment, () => ({
        token: newToken(owner.consumerId),
        expiresAt: now + leaseMs
      }))
    })

  // Waits (in real time, whatever the Effect clock) for the fetch to catch up, then, when nothing
  // is claimable, polls a while for new tickets like a Kafka consumer's poll.
  const claim: TicketQueueShape["claim"] = (owner, options) =>
    Effect.gen(function* () {
      yield* started
      yield* waitUntilCaughtUp(deps.fetchWaitMs)
      let taken = yield* claimNow(owner, options)
      const deadline = Date.now() + deps.pollWaitMs
      while (taken.length === 0 && Date.now() < deadline) {
        yield* Effect.promise(() => worker.waitForChange(100))
        yield* caughtUp
        taken = yield* claimNow(owner, options)
      }
      return taken.map(toLease)
    })

  const renew: TicketQueueShape["renew"] = (lease, leaseFor) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const entry = worker.table.renew(lease.token, now + Duration.toMillis(Duration.decode(leaseFor)))
      return entry === undefined ? Effect.fail(lost(lease)) : Effect.succeed(toLease(entry))
    })

  const ack: TicketQueueShape["ack"] = (lease) =>
    Effect.suspend(() => {
      const entry = worker.table.markDone(lease.token)
      if (entry === undefined) return Effect.fail(lost(lease))
      return Effect.flatMap(Effect.promise(() => worker.awaitAck(entry.partition)), (ok) =>
        ok ? Effect.void : Effect.fail(lost(lease))
      )
    })

  const release: TicketQueueShape["release"] = (lease, retryAfter) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const delay = retryAfter === undefined ? 0 : Duration.toMillis(Duration.decode(retryAfter))
      return worker.table.release(lease.token, now + delay) === undefined ? Effect.fail(lost(lease)) : Effect.void
    })

  const committed = Effect.map(progress, ([offsets, c]) => offsets.map((o) => c.get(o.partition) ?? 0))

  // One partition: the committed offset is exactly "every entry at or below it is acknowledged".
  // Several: the sum of the committed offsets, a count of acknowledged entries (see `committed`).
  const ackedPosition: TicketQueueShape["ackedPosition"] = Effect.map(committed, (c) => c.reduce((a, b) => a + b, 0))

  const counts: TicketQueueShape["counts"] = Effect.map(progress, ([offsets, c]): QueueCounts => {
    let open = 0
    let acked = 0
    for (const o of offsets) {
      const at = Math.max(o.low, c.get(o.partition) ?? 0)
      open += o.high - at
      acked += c.get(o.partition) ?? 0
    }
    const leased = worker.table.count("leased")
    const doneLocally = worker.table.count("done")
    return { ready: Math.max(0, open - leased - doneLocally), leased, done: acked + doneLocally }
  })

  const deadLetter: KafkaTicketQueueShape["deadLetter"] = (letter) =>
    Effect.flatMap(Clock.currentTimeMillis, (now) =>
      kafkaCall(`dead-letter ticket ${letter.ticketId}`, () =>
        producer.send({
          topic: deps.topics.deadLetters,
          acks: -1,
          messages: [{ key: letter.ticketId, value: encodeDeadLetterRecord({ ...letter, at: new Date(now).toISOString() }) }]
        })
      )
    ).pipe(Effect.asVoid)

  const assignment = Effect.sync(() => [...worker.assignment].sort((a, b) => a - b))

  return { enqueue, claim, renew, ack, release, ackedPosition, counts, committed, deadLetter, joinGroup: started, assignment }
}
