import { Chunk, Effect, Either, Schema, Stream } from "effect"
import type { Admin, Kafka, Producer } from "kafkajs"
import { StoreError } from "../errors.ts"
import { running, type RunnerControlShape, type RunnerState } from "../RunnerControl.ts"
import { kafkaCall, topicOffsets } from "./client.ts"
import { readRange } from "./readRange.ts"

const StoredState = Schema.parseJson(
  Schema.Struct({
    paused: Schema.Boolean,
    reason: Schema.NullOr(Schema.String),
    since: Schema.NullOr(Schema.String),
    by: Schema.NullOr(Schema.String)
  })
)
const decodeState = Schema.decodeUnknownEither(StoredState)

export interface KafkaRunnerControlDeps {
  readonly kafka: Kafka
  readonly admin: Admin
  readonly producer: Producer
  /** A compacted one-partition topic: its last record is the switch every instance reads. */
  readonly topic: string
  readonly sessionTimeoutMs: number
}

const KEY = "runner"

/**
 * Pause / resume shared by every instance through a compacted topic. Reading costs one offsets
 * request; the record itself is read only when the topic moved since the last read.
 */
export const makeKafkaRunnerControl = (deps: KafkaRunnerControlDeps): RunnerControlShape => {
  let cache: { readonly end: number; readonly state: RunnerState } = { end: 0, state: running }

  const get: RunnerControlShape["get"] = Effect.gen(function* () {
    const offsets = yield* topicOffsets(deps.admin, deps.topic)
    const end = offsets.find((o) => o.partition === 0)?.high ?? 0
    if (end === 0) return running
    if (end === cache.end) return cache.state
    const last = yield* Stream.runCollect(
      readRange(deps.kafka, deps.topic, [{ partition: 0, from: end - 1, to: end }], { sessionTimeoutMs: deps.sessionTimeoutMs })
    )
    const record = Chunk.last(last)
    if (record._tag === "None" || record.value.value === null) return running
    const decoded = decodeState(record.value.value)
    if (Either.isLeft(decoded)) {
      return yield* new StoreError({ reason: "Unavailable", message: `Kafka store: the runner control record of ${deps.topic} does not decode` })
    }
    cache = { end, state: decoded.right }
    return decoded.right
  })

  const set: RunnerControlShape["set"] = (state) =>
    kafkaCall(`write the runner control to ${deps.topic}`, () =>
      deps.producer.send({ topic: deps.topic, acks: -1, messages: [{ key: KEY, value: JSON.stringify(state), partition: 0 }] })
    ).pipe(Effect.asVoid)

  return { get, set }
}
