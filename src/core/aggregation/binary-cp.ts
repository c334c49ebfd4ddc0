// Binary community prediction (docs/maths.md §4): per-column weighted medians, quartiles, means.
import type { AggregateEntry } from '../types.ts';
import { type ActiveSetView, toNumbers } from './active-set-view.ts';
import type { ColumnQuartiles } from './column-statistics.ts';
import type { WeightVector } from './recency-weights.ts';
import type { WeightedStatistics } from './weighted-statistics.ts';

export const HISTOGRAM_BIN_COUNT = 100;

/**
 * The §4 histogram: for each active forecast in order, bin ⌊p × 100⌋ receives its weight.
 * Compatibility quirk (unrounded product): p = 0.29 lands in bin 28, as in the reference.
 */
export function binaryHistogram(view: ActiveSetView, weights: WeightVector): number[] {
  const histogram = new Array<number>(HISTOGRAM_BIN_COUNT).fill(0);
  for (let rank = 0; rank < view.count; rank++) {
    const probability = view.values[view.order[rank] * view.stride + 1];
    const bin = Math.floor(probability * 100);
    if (!(bin >= 0 && bin < HISTOGRAM_BIN_COUNT)) {
      throw new RangeError(`probability ${probability} has no histogram bin`);
    }
    // Divided by the scale: the histogram reports §2's weights (newest 1).
    histogram[bin] += weights.weights[rank] / weights.scale;
  }
  return histogram;
}

/**
 * §4 entry from its weighting's statistics. Compatibility quirk (independent columns): P(no)
 * and P(yes) medians are computed separately, so they may miss summing to 1 by an ulp.
 */
export function binaryEntry(
  view: ActiveSetView,
  statistics: WeightedStatistics,
  includeHistogram: boolean,
): AggregateEntry {
  const quartiles = statistics.quartiles as ColumnQuartiles;
  const entry: AggregateEntry = {
    forecasterCount: view.count,
    forecastValues: toNumbers(quartiles.median),
    intervalLowerBounds: toNumbers(quartiles.lower),
    centers: toNumbers(quartiles.median),
    intervalUpperBounds: toNumbers(quartiles.upper),
    means: toNumbers(statistics.means),
  };
  if (includeHistogram) entry.histogram = binaryHistogram(view, statistics.weights);
  return entry;
}
