// Timing helpers for the benchmarks: a monotonic clock, repeated runs, means and percentiles.

/** Milliseconds since an arbitrary origin, from the monotonic high-resolution clock. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs a full collection when node has --expose-gc, so one phase's garbage is not the next's. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}

/** CPU time (user + system, all threads) this process has used, in ms. */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export interface RepeatedTiming<Result> {
  /** Median wall time of one run, in ms. */
  medianMs: number;
  /** Median CPU time of one run, in ms: less sensitive than wall time to a busy machine. */
  medianCpuMs: number;
  runs: number;
  /** The result of the last run. */
  result: Result;
}

/**
 * Runs `work` at least once and again until `budgetMs` of total time is spent or `maxRuns`
 * is reached, collecting garbage before each run; reports the median run time. Small cases
 * get several runs (so the JIT and timer noise average out), large ones a single cold run.
 */
export function timeRepeated<Result>(
  work: () => Result,
  budgetMs: number,
  maxRuns: number,
): RepeatedTiming<Result> {
  const durations: number[] = [];
  const cpuDurations: number[] = [];
  let spent = 0;
  let result: Result;
  do {
    collectGarbage();
    const start = nowMs();
    const cpuStart = cpuMs();
    result = work();
    cpuDurations.push(cpuMs() - cpuStart);
    const duration = nowMs() - start;
    durations.push(duration);
    spent += duration;
  } while (spent < budgetMs && durations.length < maxRuns);
  return {
    medianMs: percentile(durations, 50),
    medianCpuMs: percentile(cpuDurations, 50),
    runs: durations.length,
    result,
  };
}

/** Arithmetic mean. */
export function mean(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

/** Nearest-rank percentile (P in percent): the smallest value with ≥ P % of values at or below. */
export function percentile(values: readonly number[], percent: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  const rank = Math.max(Math.ceil((percent / 100) * sorted.length), 1);
  return sorted[rank - 1];
}
