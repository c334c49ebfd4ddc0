// Weighted percentiles of one column of the active set (MATH.md §3), nulls sorted last.
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
 * Relative margin below q·W under which a running weight certainly gives C_k < q, so the
 * scan can skip the division; near the threshold C_k = running / W is evaluated exactly as
 * §3 writes it. (The division and the product each err by at most 2⁻⁵³ relative.)
 */
const GUARD_MARGIN = 1 - 1e-12;

/**
 * §3 steps 2–4 for ascending quantiles q (= P/100 < 1) at once, knowing only that W lies in
 * [lowTotal, highTotal]. `sortedSlots` lists the first `count` slots in value order and
 * `weightBySlot[slot]` is each slot's weight. The running sums are §3's exactly; a decision
 * "C_k ≥ q" (or "> q") is taken when fl(running / highTotal) and fl(running / lowTotal)
 * agree on it, since a rounded quotient is monotone in W, so they bracket fl(running / W).
 * Writes 0.5·(v_left + v_right) per quantile into `output` and returns true, or returns
 * false as soon as a decision is uncertain (or the quantiles are not all reached).
 * With lowTotal = highTotal = W every decision is certain. Null values take part like
 * numbers (Compatibility quirk: nulls can become the percentile), so NaN comes out then.
 */
function scanPercentiles(
  sortedSlots: Int32Array,
  count: number,
  values: Float64Array,
  stride: number,
  column: number,
  weightBySlot: Float64Array,
  quantiles: readonly number[],
  lowTotal: number,
  highTotal: number,
  output: Float64Array,
): boolean {
  const quantileCount = quantiles.length;
  const leftValues = new Float64Array(quantileCount);
  // Targets in position order: left of q0, right of q0, left of q1, … (left ≤ right ≤ next left).
  const targetCount = 2 * quantileCount;
  let target = 0;
  let guard = quantiles[0] * lowTotal * GUARD_MARGIN;
  let runningWeight = 0;
  for (let position = 0; position < count; position++) {
    const slot = sortedSlots[position];
    runningWeight += weightBySlot[slot];
    if (runningWeight < guard) continue;
    const lowCumulative = runningWeight / highTotal;
    const highCumulative = runningWeight / lowTotal;
    const value = values[slot * stride + column];
    while (target < targetCount) {
      const index = target >> 1;
      const quantile = quantiles[index];
      const isLeft = (target & 1) === 0;
      if (isLeft ? !(lowCumulative >= quantile) : !(lowCumulative > quantile)) {
        if (isLeft ? highCumulative >= quantile : highCumulative > quantile) return false;
        break;
      }
      if (isLeft) leftValues[index] = value;
      else output[index] = 0.5 * (leftValues[index] + value);
      target++;
    }
    if (target === targetCount) return true;
    guard = quantiles[target >> 1] * lowTotal * GUARD_MARGIN;
  }
  return false;
}

/**
 * §3 steps 2–4 for ascending quantiles q (= P/100 < 1) at once: W summed in sorted order,
 * C_k = (running sum) / W, so C_N = 1 exactly. Arguments and output as scanPercentiles.
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
  const args = [sortedSlots, count, values, stride, column, weightBySlot, quantiles] as const;
  if (!scanPercentiles(...args, total, total, output)) {
    throw new RangeError('weighted percentile needs ascending quantiles below 1 and weights > 0');
  }
}

const QUARTILES: readonly number[] = [0.25, 0.5, 0.75];

/**
 * The 25th, 50th and 75th weighted percentiles of a column, into `output[0…2]`. `total` is
 * the same weights summed in another order (active-set order) and `totalSlack` bounds its
 * distance to §3's W (see WeightVector): the sorted-order W is then only summed when a
 * decision falls within that distance of a quartile, which recency weights practically
 * never do. The result is §3's exactly either way.
 */
export function weightedColumnQuartiles(
  sortedSlots: Int32Array,
  count: number,
  values: Float64Array,
  stride: number,
  column: number,
  weightBySlot: Float64Array,
  total: number,
  totalSlack: number,
  output: Float64Array,
): void {
  const args = [sortedSlots, count, values, stride, column, weightBySlot, QUARTILES] as const;
  if (scanPercentiles(...args, total - totalSlack, total + totalSlack, output)) return;
  weightedColumnPercentiles(...args, output);
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
