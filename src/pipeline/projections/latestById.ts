/**
 * The latest value recorded for each id, kept as an append-only log that is compacted (latest
 * value per id) when read, and whenever it has doubled since the last compaction.
 *
 * For a view that records something for every ticket it ever sees (a replay of a large log): an
 * append touches the end of two arrays, where a `Map.set` on a map of every ticket reaches
 * random places of a table of several MB — in the Kafka reader, between batches that have
 * flushed the CPU caches, that was measured at ~0.5 s per million events. Compaction does the
 * map's work in one tight pass, on amortized O(1) per append.
 */
export class LatestById<V> {
  private ids: Array<string> = []
  private values: Array<V> = []
  /** The length right after the last compaction: up to there, one value per id. */
  private compacted = 0

  set(id: string, value: V): void {
    this.ids.push(id)
    this.values.push(value)
    if (this.ids.length >= 2 * Math.max(this.compacted, 4096)) this.compact()
  }

  /** The number of distinct ids. */
  get size(): number {
    this.compact()
    return this.ids.length
  }

  /** Each id once, with its latest value (in the order the ids were first recorded). */
  *entries(): IterableIterator<readonly [string, V]> {
    this.compact()
    const { ids, values } = this
    for (let i = 0; i < ids.length; i++) yield [ids[i] as string, values[i] as V]
  }

  private compact(): void {
    if (this.ids.length === this.compacted) return
    const latest = new Map<string, V>()
    const { ids, values } = this
    for (let i = 0; i < ids.length; i++) latest.set(ids[i] as string, values[i] as V)
    if (latest.size < ids.length) {
      this.ids = [...latest.keys()]
      this.values = [...latest.values()]
    }
    this.compacted = this.ids.length
  }
}
