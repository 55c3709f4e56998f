import { Partitioners, type PartitionMetadata } from "kafkajs"

/** Where docflow keeps its topics; a prefix lets tests (and several deployments) live side by side. */
export interface TopicNames {
  readonly tickets: string
  readonly events: string
  readonly deadLetters: string
  /** Compacted, one partition: the runner's pause / resume switch. */
  readonly control: string
}

export const DEFAULT_TOPIC_PREFIX = "docflow."

export const topicNames = (prefix: string = DEFAULT_TOPIC_PREFIX): TopicNames => ({
  tickets: `${prefix}tickets`,
  events: `${prefix}events`,
  deadLetters: `${prefix}dead-letters`,
  control: `${prefix}control`
})

/**
 * The partition the producer's (Java-compatible, murmur2) partitioner gives a key: tickets and
 * events share the partition count, so a ticket's id and its events land in the same partition
 * number of both topics, and reading one ticket only needs that partition.
 */
export const partitionOfKey = (key: string, partitions: number): number => {
  if (partitions <= 1) return 0
  const partitioner = Partitioners.DefaultPartitioner()
  const partitionMetadata: Array<PartitionMetadata> = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 1,
    partitionErrorCode: 0,
    replicas: [1],
    isr: [1]
  }))
  return partitioner({ topic: "", partitionMetadata, message: { key, value: null } })
}
