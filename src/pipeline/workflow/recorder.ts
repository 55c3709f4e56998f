/** Appends one run's events in order, each durable before the workflow goes on. */
import { Clock, Effect, Ref } from "effect"
import type { RunMode } from "../../schemas/events.ts"
import { makeEvent, type EventType, type PayloadOf } from "../../schemas/events.ts"
import { EventLog, type StoreError } from "../../services/store/Store.ts"

export interface Recorder {
  readonly runId: string
  readonly mode: RunMode
  readonly record: <K extends EventType>(type: K, payload: PayloadOf<K>) => Effect.Effect<void, StoreError>
}

export const makeRecorder = (ticketId: string, firstSeq: number, mode: RunMode, runId: string = crypto.randomUUID()) =>
  Effect.gen(function* () {
    const log = yield* EventLog
    const seq = yield* Ref.make(firstSeq)
    const recorder: Recorder = {
      runId,
      mode,
      record: (type, payload) =>
        Effect.gen(function* () {
          const ticketSeq = yield* Ref.getAndUpdate(seq, (n) => n + 1)
          const occurredAt = new Date(yield* Clock.currentTimeMillis).toISOString()
          const event = makeEvent(type, { eventId: crypto.randomUUID(), ticketId, ticketSeq, runId, occurredAt }, payload)
          yield* log.append([event])
        })
    }
    return recorder
  })
