/** CPU time of this process so far, in ms (user + system): benchmarks report per-CPU-second figures with it. */
export const cpuMs = (): number => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1000
}

/** Wall and CPU time of one measured run, in ms. */
export interface Timing {
  readonly ms: number
  readonly cpu: number
}

/** The middle value (the mean of the two middle ones for an even count); 0 for none. */
export const median = (xs: ReadonlyArray<number>): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

/** Items per second of the median run, by wall (`ms`) or CPU (`cpu`) time. */
export const medianRate = (items: number, timings: ReadonlyArray<Timing>, key: keyof Timing): number =>
  median(timings.map((t) => items / (t[key] / 1000)))
