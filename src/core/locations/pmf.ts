// Probability mass functions of forecasts and CP entries, and the probability of the outcome (docs/maths.md §8).
import type { AggregateEntry, CoreQuestion, QuestionType } from '../types.ts';

/** Numeric, date and discrete questions forecast a CDF (docs/maths.md §0). */
export function isContinuousType(type: QuestionType): boolean {
  return type === 'numeric' || type === 'date' || type === 'discrete';
}

/** Binary PMF: the row [1 − p, p] of docs/maths.md §4, 1 − p computed in double. */
export function binaryPmf(probabilityYes: number): Float64Array {
  const pmf = new Float64Array(2);
  pmf[0] = 1 - probabilityYes;
  pmf[1] = probabilityYes;
  return pmf;
}

/**
 * PMF of a CDF of n + 1 points: n + 2 buckets, bucket 0 below range_min and bucket n + 1 above
 * range_max (docs/maths.md §8).
 */
export function cdfToPmf(cdf: ArrayLike<number>): Float64Array {
  const pointCount = cdf.length;
  if (pointCount < 1) throw new RangeError('a CDF needs at least one point');
  const pmf = new Float64Array(pointCount + 1);
  pmf[0] = cdf[0];
  for (let i = 1; i < pointCount; i++) pmf[i] = cdf[i] - cdf[i - 1];
  pmf[pointCount] = 1 - cdf[pointCount - 1];
  return pmf;
}

/**
 * PMF of a forecast's value vector (binary [p], MC all-options vector with NaN kept, or a CDF).
 */
export function forecastPmf(type: QuestionType, values: ArrayLike<number>): Float64Array {
  if (type === 'binary') return binaryPmf(values[0]);
  if (type === 'multiple_choice') return Float64Array.from(values);
  return cdfToPmf(values);
}

/**
 * PMF of a CP entry: binary and MC use `forecast_values` as they are (the binary pair may miss
 * summing to 1 by one ulp, docs/maths.md §4), continuous the PMF of the mean CDF.
 */
export function cpEntryPmf(question: CoreQuestion, entry: AggregateEntry): Float64Array {
  if (isContinuousType(question.type)) return cdfToPmf(entry.forecastValues);
  return Float64Array.from(entry.forecastValues);
}

/**
 * p = π[b], falling back to the catch-all (last index) when π[b] is null: an MC option the item
 * did not have available (docs/maths.md §8). Applies to forecasts and to every reference PMF.
 */
export function probabilityOfOutcome(pmf: ArrayLike<number>, bucket: number): number {
  const probability = pmf[bucket];
  if (Number.isNaN(probability)) return pmf[pmf.length - 1];
  return probability;
}

/** Index actually credited by the §8 fallback: b, or the catch-all when π[b] is null. */
export function creditedIndex(pmf: ArrayLike<number>, bucket: number): number {
  return Number.isNaN(pmf[bucket]) ? pmf.length - 1 : bucket;
}

/** K of the baseline score (docs/maths.md §10): the number of non-null entries of a PMF. */
export function availableOutcomeCount(pmf: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < pmf.length; i++) if (!Number.isNaN(pmf[i])) count++;
  return count;
}
