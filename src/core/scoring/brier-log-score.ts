// Brier and log scores with their time-averaged and spot variants (docs/maths.md §15.1–15.3).
import { creditedIndex } from '../locations/pmf.ts';
import type { ScoreValue } from '../types.ts';
import type { ScoringContext } from './scoring-context.ts';

/**
 * Br of one item (not defined for continuous questions). Binary: (π[1] − o)², the one-term
 * convention in [0, 1]. MC: Σ over non-null j of (π[j] − [j = t])² with t the credited index (the
 * catch-all when π[b] is null), in [0, 2]. An all-null PMF (degenerate CP, §5) gives NaN.
 */
export function brierItemScore(pmf: Float64Array, context: ScoringContext): number {
  if (context.question.type === 'binary') {
    const outcome = context.bucket === 1 ? 1 : 0;
    return (pmf[1] - outcome) ** 2;
  }
  const credited = creditedIndex(pmf, context.bucket);
  let sum = 0;
  let availableCount = 0;
  for (let j = 0; j < pmf.length; j++) {
    const value = pmf[j];
    if (Number.isNaN(value)) continue;
    availableCount++;
    sum += (value - (j === credited ? 1 : 0)) ** 2;
  }
  return availableCount === 0 ? Number.NaN : sum;
}

/** L = ln p with the §8 catch-all fallback; a bucket probability, not a density. */
export function logItemScore(pmf: Float64Array, context: ScoringContext): number {
  return Math.log(pmf[creditedIndex(pmf, context.bucket)]);
}

/**
 * Time average Σ c·v / Σ c over the given items with c > 0 (in the given order), coverage Σ c.
 * Dividing by the covered time (not W, unlike baseline) keeps uncovered stretches from counting as
 * a perfect score. Returns coverage 0 and a NaN score when nothing is covered.
 */
export function timeAveragedScore(
  values: Float64Array,
  coverages: Float64Array,
  itemIndices: ArrayLike<number>,
): ScoreValue {
  let weightedSum = 0;
  let coverage = 0;
  for (let k = 0; k < itemIndices.length; k++) {
    const i = itemIndices[k];
    const itemCoverage = coverages[i];
    if (!(itemCoverage > 0)) continue;
    weightedSum += itemCoverage * values[i];
    coverage += itemCoverage;
  }
  return { score: coverage > 0 ? weightedSum / coverage : Number.NaN, coverage };
}

/** Spot variant: v of the item active at t_s, coverage 1; NaN / 0 when none is active. */
export function spotScore(
  values: Float64Array,
  isActiveAtSpot: Uint8Array,
  itemIndices: ArrayLike<number>,
): ScoreValue {
  for (let k = 0; k < itemIndices.length; k++) {
    const i = itemIndices[k];
    if (isActiveAtSpot[i] === 1) return { score: values[i], coverage: 1 };
  }
  return { score: Number.NaN, coverage: 0 };
}
