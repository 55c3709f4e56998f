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

/** The middle value (the upper one of an even count); 0 for none. */
export const median = (xs: ReadonlyArray<number>): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
