// The geometric-mean history G of docs/maths.md §11, built incrementally over all forecasts of a bundle.
import type { ScoringItem } from './scoring-item.ts';

/** Columnar G: entry i is timestamps[i], forecasterCounts[i], pmfs[i·width … (i+1)·width). */
export interface GeometricMeanHistory {
  /** PMF length: 2 (binary), K_all (MC) or n + 2 (continuous). */
  width: number;
  count: number;
  /** Raw (unclipped) timestamps, strictly ascending. */
  timestamps: Float64Array;
  /** `num_forecasters`: |A| if |A| ≥ 2, else 0 (docs/maths.md §11 quirk: a lone forecaster gives 0). */
  forecasterCounts: Int32Array;
  /** GM_j per entry; NaN where any active PMF is null at j. */
  pmfs: Float64Array;
}

export interface GeometricMeanEntry {
  timestamp: number;
  numForecasters: number;
  pmf: number[];
}

/**
 * Builds G over *all* items (no close filter, no clipping): at every distinct start and non-null
 * end time with a non-empty active set, GM_j = exp((Σ_{f∈A} ln π_f[j]) / |A|).
 *
 * The Σ ln π is kept as a running sum while forecasts enter and leave, so a bundle costs
 * O((timestamps + forecasts) · width) instead of O(timestamps · |A| · width). A plain running sum
 * would drift by up to ~1e-11 after tens of thousands of updates, so each column carries a
 * Neumaier compensation term (the exact rounding error of every addition): the result equals the
 * exactly rounded Σ to a few ulps, well within the 1e-9 contract. ln 0 = −∞ and null (NaN) terms
 * cannot be added and removed again, so they are counted instead: any NaN makes GM_j NaN,
 * otherwise any −∞ makes it 0 (exp(−∞)), as the formula gives.
 */
export function buildGeometricMeanHistory(
  items: readonly ScoringItem[],
  width: number,
): GeometricMeanHistory {
  const itemCount = items.length;
  const startOrder = sortedIndices(itemCount, (i) => items[i].startTime);
  const endingItems: number[] = [];
  for (let i = 0; i < itemCount; i++) if (items[i].endTime !== null) endingItems.push(i);
  const endOrder = Int32Array.from(endingItems);
  endOrder.sort((a, b) => (items[a].endTime as number) - (items[b].endTime as number));

  const timestamps = distinctSortedTimes(items, startOrder, endOrder);
  const timestampCount = timestamps.length;

  const logs = new Float64Array(itemCount * width);
  for (let i = 0; i < itemCount; i++) {
    const pmf = items[i].pmf;
    if (pmf.length !== width) throw new RangeError('every PMF must have the same length');
    const offset = i * width;
    for (let j = 0; j < width; j++) logs[offset + j] = Math.log(pmf[j]);
  }

  const sums = new Float64Array(width);
  const compensations = new Float64Array(width);
  const nullCounts = new Int32Array(width);
  const zeroCounts = new Int32Array(width);

  const update = (item: number, sign: number): void => {
    const offset = item * width;
    for (let j = 0; j < width; j++) {
      const term = logs[offset + j];
      if (Number.isNaN(term)) {
        nullCounts[j] += sign;
      } else if (term === Number.NEGATIVE_INFINITY) {
        zeroCounts[j] += sign;
      } else {
        const value = sign * term;
        const sum = sums[j];
        const total = sum + value;
        compensations[j] +=
          Math.abs(sum) >= Math.abs(value) ? sum - total + value : value - total + sum;
        sums[j] = total;
      }
    }
  };

  const entryTimestamps = new Float64Array(timestampCount);
  const forecasterCounts = new Int32Array(timestampCount);
  const pmfs = new Float64Array(timestampCount * width);
  let entryCount = 0;
  let activeCount = 0;
  let nextStart = 0;
  let nextEnd = 0;

  for (let step = 0; step < timestampCount; step++) {
    const time = timestamps[step];
    while (nextEnd < endOrder.length && (items[endOrder[nextEnd]].endTime as number) <= time) {
      update(endOrder[nextEnd], -1);
      activeCount--;
      nextEnd++;
    }
    while (nextStart < itemCount && items[startOrder[nextStart]].startTime <= time) {
      update(startOrder[nextStart], 1);
      activeCount++;
      nextStart++;
    }
    if (activeCount === 0) {
      // Forget rounding residue so a later, unrelated active set starts from exact zeros.
      sums.fill(0);
      compensations.fill(0);
      continue;
    }
    entryTimestamps[entryCount] = time;
    forecasterCounts[entryCount] = activeCount >= 2 ? activeCount : 0;
    const offset = entryCount * width;
    for (let j = 0; j < width; j++) {
      if (nullCounts[j] > 0) pmfs[offset + j] = Number.NaN;
      else if (zeroCounts[j] > 0) pmfs[offset + j] = 0;
      else pmfs[offset + j] = Math.exp((sums[j] + compensations[j]) / activeCount);
    }
    entryCount++;
  }

  return {
    width,
    count: entryCount,
    timestamps: entryTimestamps.slice(0, entryCount),
    forecasterCounts: forecasterCounts.slice(0, entryCount),
    pmfs: pmfs.slice(0, entryCount * width),
  };
}

/** G as the `geometric_means` list of docs/maths.md §16.3 (raw timestamps). */
export function geometricMeanEntries(history: GeometricMeanHistory): GeometricMeanEntry[] {
  const entries: GeometricMeanEntry[] = new Array(history.count);
  for (let i = 0; i < history.count; i++) {
    const offset = i * history.width;
    entries[i] = {
      timestamp: history.timestamps[i],
      numForecasters: history.forecasterCounts[i],
      pmf: Array.from(history.pmfs.subarray(offset, offset + history.width)),
    };
  }
  return entries;
}

function sortedIndices(count: number, key: (index: number) => number): Int32Array {
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = key(i);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((a, b) => keys[a] - keys[b]);
  return order;
}

function distinctSortedTimes(
  items: readonly ScoringItem[],
  startOrder: Int32Array,
  endOrder: Int32Array,
): Float64Array {
  const merged = new Float64Array(startOrder.length + endOrder.length);
  let count = 0;
  let a = 0;
  let b = 0;
  while (a < startOrder.length || b < endOrder.length) {
    const startTime = a < startOrder.length ? items[startOrder[a]].startTime : Infinity;
    const endTime = b < endOrder.length ? (items[endOrder[b]].endTime as number) : Infinity;
    let time: number;
    if (startTime <= endTime) {
      time = startTime;
      a++;
    } else {
      time = endTime;
      b++;
    }
    if (count === 0 || merged[count - 1] !== time) merged[count++] = time;
  }
  return merged.slice(0, count);
}
