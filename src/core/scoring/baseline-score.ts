// Baseline and spot baseline scores (docs/maths.md §10).
import { availableOutcomeCount, probabilityOfOutcome } from '../locations/pmf.ts';
import type { ScoringContext } from './scoring-context.ts';
import type { ScoringItem } from './scoring-item.ts';
import { intervalCoverage, isActiveAt, scoredEnd, scoredStart } from './scoring-window.ts';

/** Probability of a continuous bucket under the uniform-ish reference the baseline compares with. */
const OUT_OF_BOUNDS_BASE = 0.05;

/**
 * B of one item. Binary / MC: 100 · ln(p·K) / ln K with K the non-null entries of the item's own
 * PMF, so p = 1/K scores 0. Continuous: 100 · ln(π[b] / base) / 2, base = 0.05 for the two
 * out-of-range buckets, else (1 − 0.05 · open bounds) / n.
 */
export function baselineItemScore(pmf: Float64Array, context: ScoringContext): number {
  const bucket = context.bucket;
  if (context.isContinuous) {
    const n = context.inboundOutcomeCount;
    let base: number;
    if (bucket === 0 || bucket === n + 1) {
      base = OUT_OF_BOUNDS_BASE;
    } else {
      const openBoundCount =
        (context.question.openLowerBound ? 1 : 0) + (context.question.openUpperBound ? 1 : 0);
      base = (1 - OUT_OF_BOUNDS_BASE * openBoundCount) / n;
    }
    return (100 * Math.log(pmf[bucket] / base)) / 2;
  }
  const outcomeCount = availableOutcomeCount(pmf);
  const probability = probabilityOfOutcome(pmf, bucket);
  return (100 * Math.log(probability * outcomeCount)) / Math.log(outcomeCount);
}

export interface ItemScores {
  scores: Float64Array;
  coverages: Float64Array;
}

/** Time-averaged baseline per item: B · coverage, coverage (e − s)/W; zero-length items 0/0. */
export function baselineScores(items: readonly ScoringItem[], context: ScoringContext): ItemScores {
  const scores = new Float64Array(items.length);
  const coverages = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const start = scoredStart(item.startTime, context.window);
    const end = scoredEnd(item.endTime, context.window);
    const coverage = intervalCoverage(start, end, context.window);
    if (coverage === 0) continue;
    scores[i] = baselineItemScore(item.pmf, context) * coverage;
    coverages[i] = coverage;
  }
  return { scores, coverages };
}

/** Spot baseline per item: B with coverage 1 for items active at t_s (raw start), else 0/0. */
export function spotBaselineScores(
  items: readonly ScoringItem[],
  context: ScoringContext,
): ItemScores {
  const scores = new Float64Array(items.length);
  const coverages = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isActiveAt(item.startTime, item.endTime, context.window.spotTime)) continue;
    scores[i] = baselineItemScore(item.pmf, context);
    coverages[i] = 1;
  }
  return { scores, coverages };
}
