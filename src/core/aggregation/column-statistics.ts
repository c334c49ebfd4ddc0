// Per-column weighted quartiles (docs/maths.md §3) and weighted means (§4) of an active set.
import type { ActiveSetView } from './active-set-view.ts';
import { finishScanPair, PercentileScan } from './percentile-scan.ts';
import type { WeightVector } from './recency-weights.ts';
import { weightedColumnPercentiles } from './weighted-percentile.ts';
import { weightedColumnSums } from './weighted-sums.ts';

export interface ColumnQuartiles {
  lower: Float64Array;
  median: Float64Array;
  upper: Float64Array;
}

const QUARTILES: readonly number[] = [0.25, 0.5, 0.75];

/**
 * 25th / 50th / 75th weighted percentile of every column (§3), nulls included. §3 divides by
 * W summed in each column's sorted order; `weights.total` is the same weights summed in
 * active-set order, within `weights.totalSlack` of it. The scans decide with that bracket
 * and sum W in sorted order only for a column with a decision inside it (recency weights
 * practically never have one), so the results are §3's exactly. Columns go in pairs.
 */
export function columnQuartiles(
  view: ActiveSetView,
  weights: WeightVector,
  weightBySlot: Float64Array,
): ColumnQuartiles {
  const columnCount = view.stride;
  const lower = new Float64Array(columnCount);
  const median = new Float64Array(columnCount);
  const upper = new Float64Array(columnCount);
  const lowTotal = weights.total - weights.totalSlack;
  const highTotal = weights.total + weights.totalSlack;
  const scans: PercentileScan[] = [];
  for (let column = 0; column < columnCount; column++) {
    const { count, values, stride } = view;
    const sortedSlots = view.sortedColumns[column];
    const scanned = { sortedSlots, count, values, stride, column, weightBySlot };
    const output = new Float64Array(QUARTILES.length);
    scans.push(new PercentileScan(scanned, QUARTILES, lowTotal, highTotal, output));
  }
  for (let column = 0; column + 1 < columnCount; column += 2) {
    finishScanPair(scans[column], scans[column + 1]);
  }
  if (columnCount % 2 === 1) scans[columnCount - 1].finish();
  for (let column = 0; column < columnCount; column++) {
    const { column: scanned, output, isDone } = scans[column];
    if (!isDone) {
      const { sortedSlots, count, values, stride } = scanned;
      weightedColumnPercentiles(
        sortedSlots,
        count,
        values,
        stride,
        column,
        weightBySlot,
        QUARTILES,
        output,
      );
    }
    lower[column] = output[0];
    median[column] = output[1];
    upper[column] = output[2];
  }
  return { lower, median, upper };
}

/**
 * The §3 quartiles of every column under uniform weights, without a scan: the running sum of
 * k ones is exactly k and W is exactly N, so C_k = fl(k / N), which never decreases in k, and
 * the first k with C_k ≥ q (or > q) sits within a step or two of q·N. Equal to the scan's
 * decisions (it divides the same exact integers), hence to §3 to the last bit.
 */
export function uniformColumnQuartiles(view: ActiveSetView): ColumnQuartiles {
  const { count, values, stride, sortedColumns } = view;
  const lower = new Float64Array(stride);
  const median = new Float64Array(stride);
  const upper = new Float64Array(stride);
  const outputs = [lower, median, upper];
  for (let index = 0; index < QUARTILES.length; index++) {
    const quantile = QUARTILES[index];
    // k below q·N − 1 has C_k < q even rounded; q·N is exact (q is a multiple of 1/4).
    let left = Math.max(1, Math.floor(quantile * count) - 1);
    while (!(left / count >= quantile)) left++;
    let right = left;
    while (!(right / count > quantile)) right++;
    const output = outputs[index];
    for (let column = 0; column < stride; column++) {
      const sorted = sortedColumns[column];
      const leftValue = values[sorted[left - 1] * stride + column];
      const rightValue = values[sorted[right - 1] * stride + column];
      output[column] = 0.5 * (leftValue + rightValue);
    }
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
      ? weightedColumnSums(
          view.order,
          view.values,
          view.stride,
          weights.isUniform ? null : weights.weights,
          view.count,
          view.meanBlockSums,
        )
      : new Float64Array(view.columnSums);
  for (let column = 0; column < view.stride; column++) means[column] /= weights.total;
  return means;
}
