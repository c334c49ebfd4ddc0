// Interval accumulation shared by peer (§11, against G) and relative legacy (§12, against the CP).
import { probabilityOfOutcome } from '../locations/pmf.ts';
import type { ItemScores } from './baseline-score.ts';
import type { ScoringContext } from './scoring-context.ts';
import type { ScoringItem } from './scoring-item.ts';
import { type ScoringWindow, scoredEnd, scoredStart } from './scoring-window.ts';

/**
 * A reference sequence clipped to the scoring window. Entry i (0 ≤ i < count) holds
 * τ_i = max(t_i, T_open) and x_i = factor_i · (log p − logReference_i) / divisor; it is credited
 * from τ_i to τ_{i+1}, with τ_count := T_close. Only entries with τ_i < T_close are kept (a
 * prefix, since τ is non-decreasing).
 *
 * Items usually span thousands of entries, so the per-entry sums are also kept as prefix sums:
 * Σ x_i·stretch_i/D = (log p · Σ factor_i·stretch_i/D − Σ factor_i·logReference_i·stretch_i/D)
 * / divisor, which makes an item O(log entries). Prefix sums carry a Neumaier compensation term
 * (cancelling two prefixes loses nothing but the last bits); ranges with a non-finite reference
 * log (g = 0 or null) or items with a non-finite log p take the entry-by-entry loop, so the
 * NaN / ±∞ cases come out exactly as the formula gives them.
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
  /** D: W for peer, W' for relative legacy. */
  duration: number;
  /** Prefix sums (length count + 1) of factor·stretch/D, factor·logReference·stretch/D and
   * stretch/D, each as a sum and its compensation; and of entries with non-finite logReference. */
  factorSums: CompensatedPrefix;
  weightedLogSums: CompensatedPrefix;
  coverageSums: CompensatedPrefix;
  nonFiniteCounts: Int32Array;
}

/**
 * Ranges this short are summed entry by entry: as cheap as the prefix path, and exact where the
 * formula is (a CP entry against itself gives log2(r/r) = 0, not a rounding residue).
 */
const SHORT_RANGE = 16;

interface CompensatedPrefix {
  sums: Float64Array;
  compensations: Float64Array;
}

function compensatedPrefix(terms: Float64Array): CompensatedPrefix {
  const sums = new Float64Array(terms.length + 1);
  const compensations = new Float64Array(terms.length + 1);
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i];
    const total = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - total + term : term - total + sum;
    sum = total;
    sums[i + 1] = sum;
    compensations[i + 1] = compensation;
  }
  return { sums, compensations };
}

/** Σ terms[from … to − 1] from a compensated prefix. */
function rangeSum(prefix: CompensatedPrefix, from: number, to: number): number {
  return (
    prefix.sums[to] - prefix.sums[from] + (prefix.compensations[to] - prefix.compensations[from])
  );
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
  ) {
    count++;
  }
  const times = new Float64Array(count + 1);
  const factors = new Float64Array(count);
  const logReference = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    times[i] = Math.max(timestamps[i], window.openTime);
    factors[i] = factorOf(i);
    logReference[i] = logReferenceOf(i);
  }
  times[count] = window.closeTime;

  const factorTerms = new Float64Array(count);
  const weightedLogTerms = new Float64Array(count);
  const coverageTerms = new Float64Array(count);
  const nonFiniteCounts = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) {
    const share = (times[i + 1] - times[i]) / duration;
    const hasFiniteLog = Number.isFinite(logReference[i]);
    factorTerms[i] = factors[i] * share;
    weightedLogTerms[i] = hasFiniteLog ? factors[i] * logReference[i] * share : 0;
    coverageTerms[i] = share;
    nonFiniteCounts[i + 1] = nonFiniteCounts[i] + (hasFiniteLog ? 0 : 1);
  }
  return {
    count,
    times,
    factors,
    logReference,
    divisor,
    duration,
    factorSums: compensatedPrefix(factorTerms),
    weightedLogSums: compensatedPrefix(weightedLogTerms),
    coverageSums: compensatedPrefix(coverageTerms),
    nonFiniteCounts,
  };
}

/**
 * Scores one item against the timeline and writes score and coverage at `index`. Entries with
 * s ≤ τ_i < e are credited for their whole stretch τ_i → τ_{i+1}, which is how gaps (the last
 * withdrawal, §11; CP gaps, §12) end up credited to the preceding entry — a compatibility
 * quirk kept on purpose. log p − log g stands for log(p/g): it differs only in the last bits and
 * gives the same NaN/±∞ in the degenerate cases (0/0, p = 0, g = 0).
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
  scores[index] = 0;
  coverages[index] = 0;
  if (end - start <= 0) return;
  const { times, count } = timeline;
  const from = firstAtOrAfter(times, count, start);
  const to = firstAtOrAfter(times, count, end);
  if (from >= to) return;
  if (
    to - from <= SHORT_RANGE ||
    !Number.isFinite(logProbability) ||
    timeline.nonFiniteCounts[to] - timeline.nonFiniteCounts[from] > 0
  ) {
    accumulateEntryByEntry(timeline, from, to, logProbability, scores, coverages, index);
    return;
  }
  const factorSum = rangeSum(timeline.factorSums, from, to);
  const weightedLogSum = rangeSum(timeline.weightedLogSums, from, to);
  scores[index] = (logProbability * factorSum - weightedLogSum) / timeline.divisor;
  coverages[index] = rangeSum(timeline.coverageSums, from, to);
}

/** The §11 loop as written, for ranges where a term may be NaN or ±∞. */
function accumulateEntryByEntry(
  timeline: ReferenceTimeline,
  from: number,
  to: number,
  logProbability: number,
  scores: Float64Array,
  coverages: Float64Array,
  index: number,
): void {
  const { times, factors, logReference, divisor, duration } = timeline;
  let score = 0;
  let coverage = 0;
  for (let i = from; i < to; i++) {
    const stretch = times[i + 1] - times[i];
    const intervalScore = (factors[i] * (logProbability - logReference[i])) / divisor;
    score += (intervalScore * stretch) / duration;
    coverage += stretch / duration;
  }
  scores[index] = score;
  coverages[index] = coverage;
}

/** First i in [0, count] with times[i] ≥ value (binary search; times are non-decreasing). */
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

/**
 * Scores every item against a timeline: peer (natural log, §11) and relative legacy (log2, §12)
 * differ only in the log they take of the item's probability of the outcome.
 */
export function scoreItemsAgainstTimeline(
  items: readonly ScoringItem[],
  timeline: ReferenceTimeline,
  context: ScoringContext,
  log: (probability: number) => number,
): ItemScores {
  const scores = new Float64Array(items.length);
  const coverages = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const logProbability = log(probabilityOfOutcome(item.pmf, context.bucket));
    accumulateAgainstTimeline(
      timeline,
      item.startTime,
      item.endTime,
      logProbability,
      context.window,
      scores,
      coverages,
      i,
    );
  }
  return { scores, coverages };
}
