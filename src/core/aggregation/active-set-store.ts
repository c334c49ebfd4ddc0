// An active set kept in the layout of ActiveSetView under insertions and removals (MATH.md §1, §3).
import type { AggregateEntry, AggregationMethod, CoreForecast, CoreQuestion } from '../types.ts';
import {
  type ActiveSetView,
  type AggregationOptions,
  isContinuousType,
  valueColumnCount,
  writeForecastRow,
} from './active-set-view.ts';
import { computeAggregateEntry } from './aggregate-entry.ts';
import { writeLogRow } from './log-odds-mean.ts';
import { MethodWeightsCache } from './recency-weights.ts';
import { compareColumnValues } from './weighted-percentile.ts';

const INITIAL_CAPACITY = 16;

/**
 * Holds the forecasts of an active set in slots. `order` stays sorted by (start_time, id) and
 * each column's index stays sorted by (value, start_time, id) with nulls last; that tie-break
 * is exactly the stable sort of §3, and it stays valid when items leave, so an insertion or
 * removal costs a binary search and a memmove per column instead of a sort. Computing an
 * entry is then O(N·K): the same kernel `aggregateActiveSet` uses, hence identical numbers.
 */
export class ActiveSetStore {
  readonly stride: number;
  private readonly isContinuous: boolean;
  private capacity = INITIAL_CAPACITY;
  private size = 0;
  private values: Float64Array;
  /** `log_odds_mean` only (binary, MC): see ActiveSetView.logValues. */
  private logValues: Float64Array | undefined;
  private startTimes: Float64Array;
  private ids: Float64Array;
  private order: Int32Array;
  private sortedColumns: Int32Array[];
  private weightBySlot: Float64Array;
  /** Binary: the §4 sums [Σ w·(1 − p), Σ w·p] over ranks 0…4b+3, at 2b and 2b + 1. */
  private blockSums: Float64Array;
  /** Other types: the means' sums after each block of 8 ranks (weightedColumnSums). */
  private meanBlockSums: Float64Array;
  /**
   * Ranks below `settledRanks` kept their slot since the last entry; when that entry had the
   * same N (hence the same weights), their weightBySlot and block sums still hold, and the
   * next entry fills weights and resumes the means' sums from there (exactly the same partial
   * sums: same terms, same order). Updates mostly replace a forecast, which keeps N.
   */
  private settledRanks = 0;
  private settledCount = 0;
  private readonly forecastBySlot: (CoreForecast | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly slotById = new Map<number, number>();
  private readonly weightsCache: MethodWeightsCache;

  constructor(
    readonly question: CoreQuestion,
    readonly method: AggregationMethod,
  ) {
    this.stride = valueColumnCount(question);
    this.isContinuous = isContinuousType(question.type);
    this.values = new Float64Array(this.capacity * this.stride);
    this.startTimes = new Float64Array(this.capacity);
    this.ids = new Float64Array(this.capacity);
    this.order = new Int32Array(this.capacity);
    this.weightBySlot = new Float64Array(this.capacity);
    this.blockSums = new Float64Array(this.capacity / 2);
    this.meanBlockSums = new Float64Array(this.blockSumsLength(this.capacity));
    this.sortedColumns = [];
    if (!this.isContinuous) {
      for (let column = 0; column < this.stride; column++) {
        this.sortedColumns.push(new Int32Array(this.capacity));
      }
    }
    if (method === 'log_odds_mean' && !this.isContinuous) {
      this.logValues = new Float64Array(2 * this.capacity * this.stride);
    }
    this.weightsCache = new MethodWeightsCache(method);
  }

  get count(): number {
    return this.size;
  }

  has(forecastId: number): boolean {
    return this.slotById.has(forecastId);
  }

  get(forecastId: number): CoreForecast | undefined {
    const slot = this.slotById.get(forecastId);
    return slot === undefined ? undefined : this.forecastBySlot[slot];
  }

  /** The active forecasts in active-set order. */
  forecasts(): CoreForecast[] {
    const result: CoreForecast[] = [];
    for (let rank = 0; rank < this.size; rank++) {
      result.push(this.forecastBySlot[this.order[rank]] as CoreForecast);
    }
    return result;
  }

  insert(forecast: CoreForecast): void {
    if (this.slotById.has(forecast.id)) {
      throw new RangeError(`forecast ${forecast.id} is already active`);
    }
    if (this.size === this.capacity) this.grow();
    const slot = this.freeSlots.pop() ?? this.size;
    writeForecastRow(this.question, forecast, this.stride, this.values, slot * this.stride);
    if (this.logValues !== undefined) {
      const isBinary = this.question.type === 'binary';
      writeLogRow(isBinary, this.values, slot * this.stride, this.stride, this.logValues);
    }
    this.startTimes[slot] = forecast.startTime;
    this.ids[slot] = forecast.id;
    this.forecastBySlot[slot] = forecast;
    this.slotById.set(forecast.id, slot);
    const position = this.orderPosition(slot);
    this.settledRanks = Math.min(this.settledRanks, position);
    insertAt(this.order, this.size, position, slot);
    for (let column = 0; column < this.sortedColumns.length; column++) {
      const sorted = this.sortedColumns[column];
      insertAt(sorted, this.size, this.columnPosition(sorted, column, slot), slot);
    }
    this.size++;
  }

  /** Removes an active forecast; returns it, or undefined when it is not active. */
  remove(forecastId: number): CoreForecast | undefined {
    const slot = this.slotById.get(forecastId);
    if (slot === undefined) return undefined;
    const position = this.orderPosition(slot);
    this.settledRanks = Math.min(this.settledRanks, position);
    removeAt(this.order, this.size, position);
    for (let column = 0; column < this.sortedColumns.length; column++) {
      const sorted = this.sortedColumns[column];
      removeAt(sorted, this.size, this.columnPosition(sorted, column, slot));
    }
    this.size--;
    const forecast = this.forecastBySlot[slot];
    this.forecastBySlot[slot] = undefined;
    this.slotById.delete(forecastId);
    this.freeSlots.push(slot);
    return forecast;
  }

  /** The entry of the current active set, or null when it is empty. */
  entry(options: AggregationOptions = {}): AggregateEntry | null {
    if (this.size === 0) return null;
    const weights = this.weightsCache.get(this.size);
    const view: ActiveSetView = {
      count: this.size,
      order: this.order,
      values: this.values,
      stride: this.stride,
      sortedColumns: this.sortedColumns,
      logValues: this.logValues,
    };
    const firstRank = this.size === this.settledCount ? this.settledRanks : 0;
    if (this.question.type === 'binary') {
      view.columnSums = this.fillWeightsAndSumBinary(weights.weights, firstRank);
    } else {
      if (!this.isContinuous) this.fillWeights(weights.weights, firstRank);
      view.meanBlockSums = { sums: this.meanBlockSums, firstRank };
    }
    this.settledRanks = this.size;
    this.settledCount = this.size;
    return computeAggregateEntry(
      this.question,
      this.method,
      view,
      weights,
      this.weightBySlot,
      options,
    );
  }

  // The two loops below handle four ranks per pass: V8 re-checks each typed array once per
  // pass, so this halves their cost.

  /**
   * weightBySlot[order[rank]] = weights[rank] for the ranks from `firstRank` on (the others
   * hold already): the weights the §3 scans read by slot.
   */
  private fillWeights(weights: Float64Array, firstRank: number): void {
    const { order, weightBySlot, size } = this;
    let rank = firstRank;
    for (; rank + 3 < size; rank += 4) {
      weightBySlot[order[rank]] = weights[rank];
      weightBySlot[order[rank + 1]] = weights[rank + 1];
      weightBySlot[order[rank + 2]] = weights[rank + 2];
      weightBySlot[order[rank + 3]] = weights[rank + 3];
    }
    for (; rank < size; rank++) weightBySlot[order[rank]] = weights[rank];
  }

  /**
   * fillWeights fused with the §4 sums Σ w·(1 − p) and Σ w·p of a binary set, in active-set
   * order as `weightedColumnSums` adds them; the sums resume from the last block of four
   * ranks before `firstRank` (the same terms so far, so the same partial sums). Column 0 holds
   * 1 − p as computed from p, so computing it again here gives the same double.
   */
  private fillWeightsAndSumBinary(weights: Float64Array, firstRank: number): Float64Array {
    const { order, values, weightBySlot, blockSums, size } = this;
    let rank = firstRank - (firstRank % 4);
    let sum0 = rank === 0 ? 0 : blockSums[rank / 2 - 2];
    let sum1 = rank === 0 ? 0 : blockSums[rank / 2 - 1];
    for (; rank + 3 < size; rank += 4) {
      const slot0 = order[rank];
      const slot1 = order[rank + 1];
      const slot2 = order[rank + 2];
      const slot3 = order[rank + 3];
      const weight0 = weights[rank];
      const weight1 = weights[rank + 1];
      const weight2 = weights[rank + 2];
      const weight3 = weights[rank + 3];
      weightBySlot[slot0] = weight0;
      weightBySlot[slot1] = weight1;
      weightBySlot[slot2] = weight2;
      weightBySlot[slot3] = weight3;
      const probability0 = values[2 * slot0 + 1];
      const probability1 = values[2 * slot1 + 1];
      const probability2 = values[2 * slot2 + 1];
      const probability3 = values[2 * slot3 + 1];
      sum0 =
        sum0 +
        weight0 * (1 - probability0) +
        weight1 * (1 - probability1) +
        weight2 * (1 - probability2) +
        weight3 * (1 - probability3);
      sum1 =
        sum1 +
        weight0 * probability0 +
        weight1 * probability1 +
        weight2 * probability2 +
        weight3 * probability3;
      blockSums[rank / 2] = sum0;
      blockSums[rank / 2 + 1] = sum1;
    }
    for (; rank < size; rank++) {
      const slot = order[rank];
      const weight = weights[rank];
      weightBySlot[slot] = weight;
      const probability = values[2 * slot + 1];
      sum0 += weight * (1 - probability);
      sum1 += weight * probability;
    }
    return Float64Array.of(sum0, sum1);
  }

  /** Room for the means' sums of every block of 8 ranks (none for binary, see blockSums). */
  private blockSumsLength(capacity: number): number {
    return this.question.type === 'binary' ? 0 : (capacity / 8) * this.stride;
  }

  /** (start_time, id) comparison of two slots. */
  private compareSlots(left: number, right: number): number {
    return this.startTimes[left] - this.startTimes[right] || this.ids[left] - this.ids[right];
  }

  /** First position in `order` whose slot is not before `slot` (lower bound). */
  private orderPosition(slot: number): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compareSlots(this.order[middle], slot) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Lower bound of `slot` in a column index ordered by (value, start_time, id). */
  private columnPosition(sorted: Int32Array, column: number, slot: number): number {
    const values = this.values;
    const stride = this.stride;
    const value = values[slot * stride + column];
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = sorted[middle];
      const comparison =
        compareColumnValues(values[other * stride + column], value) ||
        this.compareSlots(other, slot);
      if (comparison < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    this.values = resizeFloat(this.values, capacity * this.stride);
    if (this.logValues !== undefined) {
      this.logValues = resizeFloat(this.logValues, 2 * capacity * this.stride);
    }
    this.startTimes = resizeFloat(this.startTimes, capacity);
    this.ids = resizeFloat(this.ids, capacity);
    this.weightBySlot = new Float64Array(capacity);
    this.blockSums = new Float64Array(capacity / 2);
    this.meanBlockSums = new Float64Array(this.blockSumsLength(capacity));
    this.settledRanks = 0;
    this.order = resizeInt(this.order, capacity);
    this.sortedColumns = this.sortedColumns.map((sorted) => resizeInt(sorted, capacity));
    this.capacity = capacity;
  }
}

function resizeFloat(source: Float64Array, length: number): Float64Array {
  const target = new Float64Array(length);
  target.set(source);
  return target;
}

function resizeInt(source: Int32Array, length: number): Int32Array {
  const target = new Int32Array(length);
  target.set(source);
  return target;
}

/** Inserts `slot` at `position` of the first `length` elements, shifting the tail right. */
function insertAt(array: Int32Array, length: number, position: number, slot: number): void {
  array.copyWithin(position + 1, position, length);
  array[position] = slot;
}

function removeAt(array: Int32Array, length: number, position: number): void {
  array.copyWithin(position, position + 1, length);
}
