// Continuous community prediction (docs/maths.md §6): weighted mean CDF and its quartiles.
import { type ContinuousScale, unscaledToScaled } from '../locations/scale.ts';
import type { AggregateEntry, CoreQuestion } from '../types.ts';
import { type ActiveSetView, toNumbers } from './active-set-view.ts';
import { percentPointFunction } from './percent-point-function.ts';
import type { WeightedStatistics } from './weighted-statistics.ts';

export function continuousScaleOf(question: CoreQuestion): ContinuousScale {
  if (question.rangeMin === undefined || question.rangeMax === undefined) {
    throw new RangeError('a continuous question needs rangeMin and rangeMax');
  }
  return {
    rangeMin: question.rangeMin,
    rangeMax: question.rangeMax,
    zeroPoint: question.zeroPoint ?? null,
  };
}

/**
 * §6 entry; `statistics.means` is the weighted mean CDF, Σ w_i·cdf_i[k] / Σ w_i summed in
 * active-set order. Compatibility quirk (mean, not median): continuous questions average the CDFs
 * while binary and MC take medians. Bounds and centre are one-element lists of unscaled u.
 */
export function continuousEntry(
  question: CoreQuestion,
  view: ActiveSetView,
  statistics: WeightedStatistics,
  includeScaledQuartiles: boolean,
): AggregateEntry {
  const meanCdf = statistics.means;
  const lower = percentPointFunction(meanCdf, 25);
  const center = percentPointFunction(meanCdf, 50);
  const upper = percentPointFunction(meanCdf, 75);
  const entry: AggregateEntry = {
    forecasterCount: view.count,
    forecastValues: toNumbers(meanCdf),
    intervalLowerBounds: [lower],
    centers: [center],
    intervalUpperBounds: [upper],
    means: null,
  };
  if (includeScaledQuartiles) {
    const scale = continuousScaleOf(question);
    entry.scaledQuartiles = [
      unscaledToScaled(lower, scale),
      unscaledToScaled(center, scale),
      unscaledToScaled(upper, scale),
    ];
  }
  return entry;
}
