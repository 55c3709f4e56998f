/**
 * The latest value recorded for each id, kept as an append-only log that is compacted (latest
 * value per id) when read, and whenever what was appended since the last compaction is as long
 * as what it left.
 *
 * For a view that records something for every ticket it ever sees (a replay of a large log): an
 * append touches the end of two arrays, where a `Map.set` on a map of every ticket reaches
 * random places of a table of several MB — in the Kafka reader, between batches that have
 * flushed the CPU caches, that was measured at ~0.5 s per million events. Compaction does the
 * map's work in one tight pass over the new appends only (the index of the compacted part is
 * kept), so each append costs one index update in all, amortized.
 */
export class LatestById<V> {
  private readonly ids: Array<string> = []
  private readonly values: Array<V> = []
  /** Where each id of the compacted part is. */
  private readonly index = new Map<string, number>()
  /** The length right after the last compaction: up to there, one value per id. */
  private compacted = 0

  set(id: string, value: V): void {
    this.ids.push(id)
    this.values.push(value)
    if (this.ids.length - this.compacted >= Math.max(this.compacted, 4096)) this.compact()
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

  /** Folds the appends since the last compaction into the compacted part. */
  private compact(): void {
    const { ids, values, index } = this
    if (ids.length === this.compacted) return
    let end = this.compacted
    for (let i = this.compacted; i < ids.length; i++) {
      const id = ids[i] as string
      const value = values[i] as V
      const at = index.get(id)
      if (at !== undefined) {
        values[at] = value
        continue
      }
      index.set(id, end)
      ids[end] = id
      values[end] = value
      end++
    }
    ids.length = end
    values.length = end
    this.compacted = end
  }
}
