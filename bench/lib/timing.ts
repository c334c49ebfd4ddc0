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

export interface RepeatOptions {
  /** Stop timing once this much time has been spent on timed runs (at least one run). */
  budgetMs: number;
  maxRuns: number;
  /** Untimed runs first while a run is shorter than this, so the JIT is warm as in a server. */
  warmupBelowMs: number;
  warmupRuns: number;
  /** Called right after the first (cold) run, e.g. to read the peak memory it reached. */
  afterFirstRun?: () => void;
}

/**
 * Runs `work` once; if that took less than `warmupBelowMs`, runs it `warmupRuns` more times
 * untimed (JIT warm-up) and then times fresh runs until `budgetMs` is spent or `maxRuns` is
 * reached. Reports the median; a case whose first run is already long reports that single run
 * (the JIT warms up within its first fraction). Garbage is collected only before the first
 * run: a forced full collection makes V8 shrink its young generation, which measurably slowed
 * the next short run (×2 for the 1k binary build), so repeats run in the steady state a
 * server sees.
 */
export function timeRepeated<Result>(
  work: () => Result,
  options: RepeatOptions,
): RepeatedTiming<Result> {
  const timeOnce = (): [number, number, Result] => {
    const start = nowMs();
    const cpuStart = cpuMs();
    const result = work();
    const cpuDuration = cpuMs() - cpuStart;
    return [nowMs() - start, cpuDuration, result];
  };
  collectGarbage();
  let [duration, cpuDuration, result] = timeOnce();
  options.afterFirstRun?.();
  if (duration >= options.warmupBelowMs) {
    return { medianMs: duration, medianCpuMs: cpuDuration, runs: 1, result };
  }
  for (let run = 0; run < options.warmupRuns; run++) result = work();
  const durations: number[] = [];
  const cpuDurations: number[] = [];
  let spent = 0;
  do {
    [duration, cpuDuration, result] = timeOnce();
    durations.push(duration);
    cpuDurations.push(cpuDuration);
    spent += duration;
  } while (spent < options.budgetMs && durations.length < options.maxRuns);
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
