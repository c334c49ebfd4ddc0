// Interval accumulation shared by peer (§11, against G) and relative legacy (§12, against the CP).
import { type ScoringWindow, scoredEnd, scoredStart } from './scoring-window.ts';

/**
 * A reference sequence clipped to the scoring window. Entry i (0 ≤ i < count) holds
 * τ_i = max(t_i, T_open) and x_i = factor_i · (log p − logReference_i) / divisor; it is credited
 * from τ_i to τ_{i+1}, with τ_count := T_close. Only entries with τ_i < T_close are kept (a
 * prefix, since τ is non-decreasing).
 */
export interface ReferenceTimeline {
  count: number;
  /** τ_0 … τ_count (length count + 1). */
  times: Float64Array;
  /** Peer: 100·k_i/(k_i − 1) (−0 for k = 0); relative legacy: 1. */
  factors: Float64Array;
  /** log of the reference's probability of the outcome, §8 fallback applied. */
  logReference: Float64Array;
  /** 2 for continuous peer scores, else 1 (x / 1 is exact). */
  divisor: number;
  /** W for peer, W' for relative legacy. */
  duration: number;
}

/**
 * Clips reference timestamps (ascending) to the window and keeps the prefix with τ < T_close.
 * `factorOf` and `logReferenceOf` receive the reference entry index.
 */
export function buildReferenceTimeline(
  timestamps: ArrayLike<number>,
  window: ScoringWindow,
  factorOf: (entry: number) => number,
  logReferenceOf: (entry: number) => number,
  divisor: number,
  duration: number,
): ReferenceTimeline {
  let count = 0;
  while (
    count < timestamps.length &&
    Math.max(timestamps[count], window.openTime) < window.closeTime
  )
    count++;
  const times = new Float64Array(count + 1);
  const factors = new Float64Array(count);
  const logReference = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    times[i] = Math.max(timestamps[i], window.openTime);
    factors[i] = factorOf(i);
    logReference[i] = logReferenceOf(i);
  }
  times[count] = window.closeTime;
  return { count, times, factors, logReference, divisor, duration };
}

/**
 * Scores one item against the timeline and writes score and coverage at `index`. Entries with
 * s ≤ τ_i < e are credited for their whole stretch τ_i → τ_{i+1}, which is how gaps (the last
 * withdrawal, §11; CP gaps, §12) end up credited to the preceding entry — a compatibility
 * quirk kept on purpose. log p − log g stands for log(p/g): it differs only in the last bits and
 * gives the same NaN/±∞ in the degenerate cases (0/0, p = 0, g = 0), without a log per entry.
 */
export function accumulateAgainstTimeline(
  timeline: ReferenceTimeline,
  startTime: number,
  endTime: number | null,
  logProbability: number,
  window: ScoringWindow,
  scores: Float64Array,
  coverages: Float64Array,
  index: number,
): void {
  const start = scoredStart(startTime, window);
  const end = scoredEnd(endTime, window);
  let score = 0;
  let coverage = 0;
  if (end - start > 0) {
    const { times, factors, logReference, divisor, duration, count } = timeline;
    for (let i = firstAtOrAfter(times, count, start); i < count && times[i] < end; i++) {
      const stretch = times[i + 1] - times[i];
      const intervalScore = (factors[i] * (logProbability - logReference[i])) / divisor;
      score += (intervalScore * stretch) / duration;
      coverage += stretch / duration;
    }
  }
  scores[index] = score;
  coverages[index] = coverage;
}

/** First i in [0, count) with times[i] ≥ value (binary search; times are non-decreasing). */
function firstAtOrAfter(times: Float64Array, count: number, value: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
