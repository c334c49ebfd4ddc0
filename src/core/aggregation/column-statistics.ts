// Per-column weighted quartiles (MATH.md §3) and weighted means (§4) of an active set.
import type { ActiveSetView } from './active-set-view.ts';
import { weightedColumnQuartiles } from './weighted-percentile.ts';
import { sumInOrder, weightedColumnSums } from './weighted-sums.ts';

export interface ColumnQuartiles {
  lower: Float64Array;
  median: Float64Array;
  upper: Float64Array;
}

/** 25th / 50th / 75th weighted percentile of every column (§3), nulls included. */
export function columnQuartiles(view: ActiveSetView, weightBySlot: Float64Array): ColumnQuartiles {
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
      quartiles,
    );
    lower[column] = quartiles[0];
    median[column] = quartiles[1];
    upper[column] = quartiles[2];
  }
  return { lower, median, upper };
}

/** Σ w_i over the active set, in active-set order. */
export function totalWeight(count: number, weights: Float64Array): number {
  return sumInOrder(weights, count);
}

/**
 * Σ w_i·v_ij / Σ w_i per column (§4; §6 uses it for the mean CDF), summed in active-set
 * order; `weights` is indexed by active-set rank. A column with any null is null.
 */
export function columnMeans(view: ActiveSetView, weights: Float64Array): Float64Array {
  const sums = weightedColumnSums(view.order, view.values, view.stride, weights, view.count);
  const total = totalWeight(view.count, weights);
  for (let column = 0; column < view.stride; column++) sums[column] /= total;
  return sums;
}
