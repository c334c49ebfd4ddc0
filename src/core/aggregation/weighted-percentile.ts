// Weighted percentiles of one column of the active set (docs/maths.md §3), nulls sorted last.
import { PercentileScan } from './percentile-scan.ts';
import { sumBySlots } from './weighted-sums.ts';

/**
 * Ascending comparison of two column values where NaN (null) sorts after every number.
 * Returns 0 for ties (including NaN vs NaN) so callers can break them by active-set order.
 */
export function compareColumnValues(left: number, right: number): number {
  if (left < right) return -1;
  if (left > right) return 1;
  if (left === right) return 0;
  const isLeftNull = Number.isNaN(left);
  const isRightNull = Number.isNaN(right);
  if (isLeftNull === isRightNull) return 0;
  return isLeftNull ? 1 : -1;
}

/**
 * Slot ids `0…count−1` (slot = active-set rank) sorted by `values[slot·stride + column]`,
 * nulls last, ties kept in active-set order: the stable sort of §3 step 1.
 */
export function sortColumnByValue(
  values: Float64Array,
  stride: number,
  column: number,
  count: number,
): Int32Array {
  const sorted = new Int32Array(count);
  for (let slot = 0; slot < count; slot++) sorted[slot] = slot;
  sorted.sort(
    (left, right) =>
      compareColumnValues(values[left * stride + column], values[right * stride + column]) ||
      left - right,
  );
  return sorted;
}

/**
 * §3 steps 2–4 for ascending quantiles q (= P/100 < 1) at once: W summed in sorted order and
 * C_k = (running sum) / W, so C_N = 1 exactly. `sortedSlots` lists the first `count` slots in
 * value order and `weightBySlot[slot]` is each slot's weight. Writes 0.5·(v_left + v_right)
 * per quantile into `output`. Null values take part like numbers (Compatibility quirk: nulls
 * can become the percentile), so NaN comes out then.
 */
export function weightedColumnPercentiles(
  sortedSlots: Int32Array,
  count: number,
  values: Float64Array,
  stride: number,
  column: number,
  weightBySlot: Float64Array,
  quantiles: readonly number[],
  output: Float64Array,
): void {
  const total = sumBySlots(sortedSlots, weightBySlot, count);
  const scan = new PercentileScan(
    { sortedSlots, count, values, stride, column, weightBySlot },
    quantiles,
    total,
    total,
    output,
  );
  scan.finish();
  if (!scan.isDone) {
    throw new RangeError('weighted percentile needs ascending quantiles below 1 and weights > 0');
  }
}

/**
 * Weighted percentile P (in percent) of a list of values (null/NaN allowed) given in
 * active-set order; `weights` null = uniform. Convenience form of §3 for tests and tools.
 */
export function weightedPercentile(
  values: ArrayLike<number | null>,
  weights: ArrayLike<number> | null,
  percentile: number,
): number {
  const count = values.length;
  if (count === 0) throw new RangeError('weightedPercentile needs at least one value');
  if (weights !== null && weights.length !== count) {
    throw new RangeError('weightedPercentile needs one weight per value');
  }
  if (!(percentile >= 0 && percentile < 100)) {
    throw new RangeError(`percentile must be in [0, 100), got ${percentile}`);
  }
  const column = new Float64Array(count);
  const weightBySlot = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const value = values[index];
    column[index] = value === null ? Number.NaN : value;
    weightBySlot[index] = weights === null ? 1 : weights[index];
  }
  const sorted = sortColumnByValue(column, 1, 0, count);
  const output = new Float64Array(1);
  weightedColumnPercentiles(sorted, count, column, 1, 0, weightBySlot, [percentile / 100], output);
  return output[0];
}
