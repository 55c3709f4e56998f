import { Either } from "effect"
import type { Producer } from "kafkajs"
import { StoreError } from "../errors.ts"
import type { AppendResult } from "../EventLog.ts"

export interface OutgoingRecord {
  readonly key: string
  readonly value: string
  readonly headers: Readonly<Record<string, string>>
}

interface PendingAppend {
  readonly records: ReadonlyArray<OutgoingRecord>
  readonly bytes: number
  readonly done: (result: Either.Either<AppendResult, StoreError>) => void
}

/** Below the broker's default `message.max.bytes` (1 MiB), which bounds one record batch. */
const MAX_GROUP_BYTES = 512 * 1024

/**
 * Appends of one partition, sent one produce request at a time (the idempotent producer allows one
 * in flight): appends that arrive while a request is out wait and leave together in the next one.
 * One request to one partition is one record batch, which the broker writes whole or not at all,
 * so every append of a group is stored entirely or not at all; offsets follow the order of the
 * group, which gives each append its positions.
 */
export class PartitionAppender {
  private queue: Array<PendingAppend> = []
  private sending = false

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly partition: number
  ) {}

  append(records: ReadonlyArray<OutgoingRecord>): Promise<Either.Either<AppendResult, StoreError>> {
    const bytes = records.reduce((n, r) => n + r.key.length + r.value.length + 256, 0)
    return new Promise((done) => {
      this.queue.push({ records, bytes, done })
      void this.pump()
    })
  }

  private takeGroup(): Array<PendingAppend> {
    let bytes = 0
    let count = 0
    while (count < this.queue.length) {
      const next = this.queue[count]
      if (next === undefined || (count > 0 && bytes + next.bytes > MAX_GROUP_BYTES)) break
      bytes += next.bytes
      count++
    }
    return this.queue.splice(0, count)
  }

  private async pump(): Promise<void> {
    if (this.sending) return
    this.sending = true
    try {
      while (this.queue.length > 0) {
        const group = this.takeGroup()
        const count = group.reduce((n, g) => n + g.records.length, 0)
        try {
          const metadata = await this.producer.send({
            topic: this.topic,
            acks: -1,
            messages: group.flatMap((g) => g.records.map((r) => ({ key: r.key, value: r.value, headers: { ...r.headers }, partition: this.partition })))
          })
          const base = Number(metadata.find((m) => m.partition === this.partition)?.baseOffset ?? -1)
          if (base < 0) throw new Error("the broker did not report where the batch was written")
          let offset = base
          for (const g of group) {
            g.done(Either.right({ first: offset + 1, last: offset + g.records.length }))
            offset += g.records.length
          }
        } catch (cause) {
          const failure = new StoreError({
            reason: "Unavailable",
            message: `Kafka store: append of ${count} events to ${this.topic}[${this.partition}]: ${cause instanceof Error ? cause.message : String(cause)}`,
            cause
          })
          for (const g of group) g.done(Either.left(failure))
        }
      }
    } finally {
      this.sending = false
    }
  }
}
