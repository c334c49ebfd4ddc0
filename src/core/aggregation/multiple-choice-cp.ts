// Multiple-choice community prediction (docs/maths.md §5): renormalised medians with a 0.001 floor.
import type { AggregateEntry } from '../types.ts';
import { type ActiveSetView, toNumbers } from './active-set-view.ts';
import type { ColumnQuartiles } from './column-statistics.ts';
import type { WeightedStatistics } from './weighted-statistics.ts';

/** Every MC CP value is at least this (§5 step 4, §15.4). */
export const MULTIPLE_CHOICE_FLOOR = 0.001;

/**
 * §5 step 4 squeeze: raw shares q_j (null = NaN) → q_j·(1 − K·0.001) + 0.001, with K the number
 * of non-null shares and K·0.001 computed before it is subtracted from 1.
 */
export function squeezeAboveFloor(shares: Float64Array, available: number): Float64Array {
  const scale = 1 - available * MULTIPLE_CHOICE_FLOOR;
  const squeezed = new Float64Array(shares.length);
  for (let column = 0; column < shares.length; column++) {
    squeezed[column] = shares[column] * scale + MULTIPLE_CHOICE_FLOOR;
  }
  return squeezed;
}

/**
 * The §5 renormalisation of per-option medians m (NaN = null). Compatibility quirk (all at the
 * floor): when every non-null m_j is 0.001, S = 0 and every value is 0/0 = NaN.
 */
export function renormalisedMedians(medians: Float64Array): Float64Array {
  const optionCount = medians.length;
  const shares = new Float64Array(optionCount);
  let sum = 0;
  let available = 0;
  for (let column = 0; column < optionCount; column++) {
    const median = medians[column];
    if (Number.isNaN(median)) {
      shares[column] = Number.NaN;
      continue;
    }
    shares[column] = median - MULTIPLE_CHOICE_FLOOR;
    sum += shares[column];
    available++;
  }
  for (let column = 0; column < optionCount; column++) shares[column] /= sum;
  return squeezeAboveFloor(shares, available);
}

/**
 * §5 entry. Bounds: where the FIRST active forecast has a value, the raw quartiles are
 * rescaled by CP_j / c_j (multiply first, then divide). Compatibility quirk (mask from the
 * first forecast): the mask is not taken from the CP. Means are raw, not renormalised.
 */
export function multipleChoiceEntry(
  view: ActiveSetView,
  statistics: WeightedStatistics,
): AggregateEntry {
  const quartiles = statistics.quartiles as ColumnQuartiles;
  const cp = renormalisedMedians(quartiles.median);
  const optionCount = view.stride;
  const lower = new Float64Array(quartiles.lower);
  const upper = new Float64Array(quartiles.upper);
  const firstOffset = view.order[0] * view.stride;
  for (let column = 0; column < optionCount; column++) {
    if (Number.isNaN(view.values[firstOffset + column])) continue;
    const median = quartiles.median[column];
    const divisor = median === 0 ? 1 : median;
    lower[column] = (quartiles.lower[column] * cp[column]) / divisor;
    upper[column] = (quartiles.upper[column] * cp[column]) / divisor;
  }
  return {
    forecasterCount: view.count,
    forecastValues: toNumbers(cp),
    intervalLowerBounds: toNumbers(lower),
    centers: toNumbers(cp),
    intervalUpperBounds: toNumbers(upper),
    means: toNumbers(statistics.means),
  };
}
