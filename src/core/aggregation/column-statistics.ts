// Per-column weighted quartiles (MATH.md §3) and weighted means (§4) of an active set.
import type { ActiveSetView } from './active-set-view.ts';
import type { WeightVector } from './recency-weights.ts';
import { weightedColumnQuartiles } from './weighted-percentile.ts';
import { weightedColumnSums } from './weighted-sums.ts';

export interface ColumnQuartiles {
  lower: Float64Array;
  median: Float64Array;
  upper: Float64Array;
}

/** 25th / 50th / 75th weighted percentile of every column (§3), nulls included. */
export function columnQuartiles(
  view: ActiveSetView,
  weights: WeightVector,
  weightBySlot: Float64Array,
): ColumnQuartiles {
  const columnCount = view.stride;
  const lower = new Float64Array(columnCount);
  const median = new Float64Array(columnCount);
  const upper = new Float64Array(columnCount);
  const quartiles = new Float64Array(3);
  for (let column = 0; column < columnCount; column++) {
    weightedColumnQuartiles(
      view.sortedColumns[column],
      view.count,
      view.values,
      view.stride,
      column,
      weightBySlot,
      weights.total,
      weights.totalSlack,
      quartiles,
    );
    lower[column] = quartiles[0];
    median[column] = quartiles[1];
    upper[column] = quartiles[2];
  }
  return { lower, median, upper };
}

/**
 * Σ w_i·v_ij / Σ w_i per column (§4; §6 uses it for the mean CDF), summed in active-set
 * order. A column with any null is null. Uses `view.columnSums` when the producer has them.
 */
export function columnMeans(view: ActiveSetView, weights: WeightVector): Float64Array {
  const means =
    view.columnSums === undefined
      ? weightedColumnSums(view.order, view.values, view.stride, weights.weights, view.count)
      : new Float64Array(view.columnSums);
  for (let column = 0; column < view.stride; column++) means[column] /= weights.total;
  return means;
}
