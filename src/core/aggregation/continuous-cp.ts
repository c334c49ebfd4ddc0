// Continuous community prediction (MATH.md §6): weighted mean CDF and its quartiles.
import { type ContinuousScale, unscaledToScaled } from '../locations/scale.ts';
import type { AggregateEntry, CoreQuestion } from '../types.ts';
import { type ActiveSetView, toNumbers } from './active-set-view.ts';
import { columnMeans } from './column-statistics.ts';
import { percentPointFunction } from './percent-point-function.ts';
import type { WeightVector } from './recency-weights.ts';

/** Σ w_i·cdf_i[k] / Σ w_i for every point k, summed in active-set order (§6). */
export function weightedMeanCdf(view: ActiveSetView, weights: WeightVector): Float64Array {
  return columnMeans(view, weights);
}

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
 * §6 entry. Compatibility quirk (mean, not median): continuous questions average the CDFs
 * while binary and MC take medians. Bounds and centre are one-element lists of unscaled u.
 */
export function continuousEntry(
  question: CoreQuestion,
  view: ActiveSetView,
  weights: WeightVector,
  includeScaledQuartiles: boolean,
): AggregateEntry {
  const meanCdf = weightedMeanCdf(view, weights);
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
