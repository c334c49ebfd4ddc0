// An active set kept in the layout of ActiveSetView under insertions and removals (docs/maths.md §1, §3).
import type { AggregateEntry, AggregationMethod, CoreForecast, CoreQuestion } from '../types.ts';
import {
  type ActiveSetView,
  type AggregationOptions,
  isContinuousType,
  valueColumnCount,
  writeForecastRow,
} from './active-set-view.ts';
import { entryFromStatistics, needsLogSums } from './aggregate-entry.ts';
import { logRowWidth, writeLogRow } from './log-odds-mean.ts';
import { usesRecencyWeights } from './recency-weights.ts';
import { StoreWeighting } from './store-weighting.ts';
import { compareColumnValues } from './weighted-percentile.ts';

const INITIAL_CAPACITY = 16;

/**
 * Holds the forecasts of an active set in slots. `order` stays sorted by (start_time, id) and
 * each column's index stays sorted by (value, start_time, id) with nulls last; that tie-break
 * is exactly the stable sort of §3, and it stays valid when items leave, so an insertion or
 * removal costs a binary search and a memmove per column instead of a sort. Computing an
 * entry is then O(N·K): the same kernel `aggregateActiveSet` uses, hence identical numbers.
 *
 * One store serves several methods of a question (e.g. all three the server stores): the
 * layout is shared, and so are the weights, quartiles and means of `recency_weighted` and
 * `log_odds_mean` (StoreWeighting), which differ only in their centre.
 */
export class ActiveSetStore {
  readonly stride: number;
  readonly methods: readonly AggregationMethod[];
  private readonly isContinuous: boolean;
  private capacity = INITIAL_CAPACITY;
  private size = 0;
  /** Bumped by every insertion and removal: the weightings' statistics are per version. */
  private version = 0;
  private values: Float64Array;
  /** `log_odds_mean` only (binary, MC): see ActiveSetView.logValues. */
  private logValues: Float64Array | undefined;
  private readonly logWidth: number;
  /** Active forecasts with a null value (MC): none spares the §15.4 weight sums a pass. */
  private nullRowCount = 0;
  private startTimes: Float64Array;
  private ids: Float64Array;
  private order: Int32Array;
  private sortedColumns: Int32Array[];
  private readonly weightings: StoreWeighting[] = [];
  private readonly weightingByMethod = new Map<AggregationMethod, StoreWeighting>();
  private readonly forecastBySlot: (CoreForecast | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private readonly slotById = new Map<number, number>();

  /** `methods`: the methods whose entries are asked for; the first is `entry`'s default. */
  constructor(
    readonly question: CoreQuestion,
    methods: AggregationMethod | readonly AggregationMethod[],
  ) {
    this.methods = typeof methods === 'string' ? [methods] : [...methods];
    if (this.methods.length === 0) throw new RangeError('a store needs at least one method');
    this.stride = valueColumnCount(question);
    this.isContinuous = isContinuousType(question.type);
    this.values = new Float64Array(this.capacity * this.stride);
    this.startTimes = new Float64Array(this.capacity);
    this.ids = new Float64Array(this.capacity);
    this.order = new Int32Array(this.capacity);
    this.sortedColumns = [];
    if (!this.isContinuous) {
      for (let column = 0; column < this.stride; column++) {
        this.sortedColumns.push(new Int32Array(this.capacity));
      }
    }
    const hasLogs = this.methods.some((method) => needsLogSums(question, method));
    this.logWidth = logRowWidth(question.type === 'binary', this.stride);
    if (hasLogs) this.logValues = new Float64Array(this.capacity * this.logWidth);
    for (const isRecency of [true, false]) {
      const methodsOfWeighting = this.methods.filter(
        (method) => usesRecencyWeights(method) === isRecency,
      );
      if (methodsOfWeighting.length === 0) continue;
      const weighting = new StoreWeighting(
        question,
        this.stride,
        methodsOfWeighting[0],
        methodsOfWeighting.some((method) => needsLogSums(question, method)),
        this.capacity,
      );
      this.weightings.push(weighting);
      for (const method of methodsOfWeighting) this.weightingByMethod.set(method, weighting);
    }
    const [recency, uniform] = this.weightings;
    const isPairable = question.type === 'binary' || question.type === 'multiple_choice';
    if (isPairable && hasLogs && uniform !== undefined) StoreWeighting.pair(recency, uniform);
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
      writeLogRow(isBinary, this.values, slot, this.stride, this.logValues);
    }
    if (this.hasNullValue(slot)) this.nullRowCount++;
    this.startTimes[slot] = forecast.startTime;
    this.ids[slot] = forecast.id;
    this.forecastBySlot[slot] = forecast;
    this.slotById.set(forecast.id, slot);
    const position = this.orderPosition(slot);
    this.changedAt(position);
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
    this.changedAt(position);
    removeAt(this.order, this.size, position);
    for (let column = 0; column < this.sortedColumns.length; column++) {
      const sorted = this.sortedColumns[column];
      removeAt(sorted, this.size, this.columnPosition(sorted, column, slot));
    }
    this.size--;
    if (this.hasNullValue(slot)) this.nullRowCount--;
    const forecast = this.forecastBySlot[slot];
    this.forecastBySlot[slot] = undefined;
    this.slotById.delete(forecastId);
    this.freeSlots.push(slot);
    return forecast;
  }

  /**
   * The entry of `method` (one of the store's methods; default the first) for the current
   * active set, or null when it is empty.
   */
  entry(options: AggregationOptions = {}, method = this.methods[0]): AggregateEntry | null {
    if (this.size === 0) return null;
    const weighting = this.weightingByMethod.get(method);
    if (weighting === undefined) throw new RangeError(`the store does not compute ${method}`);
    const view: ActiveSetView = {
      count: this.size,
      order: this.order,
      values: this.values,
      stride: this.stride,
      sortedColumns: this.sortedColumns,
      logValues: this.logValues,
      hasNullValues: this.nullRowCount > 0,
    };
    const statistics = weighting.statisticsOf(view, this.version);
    return entryFromStatistics(this.question, method, view, statistics, options);
  }

  /** Whether the row of `slot` holds a null (only MC rows can; CDFs are not scanned). */
  private hasNullValue(slot: number): boolean {
    if (this.isContinuous) return false;
    const offset = slot * this.stride;
    for (let column = 0; column < this.stride; column++) {
      if (Number.isNaN(this.values[offset + column])) return true;
    }
    return false;
  }

  private changedAt(rank: number): void {
    this.version++;
    for (const weighting of this.weightings) weighting.changedAt(rank);
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
      this.logValues = resizeFloat(this.logValues, capacity * this.logWidth);
    }
    this.startTimes = resizeFloat(this.startTimes, capacity);
    this.ids = resizeFloat(this.ids, capacity);
    this.order = resizeInt(this.order, capacity);
    this.sortedColumns = this.sortedColumns.map((sorted) => resizeInt(sorted, capacity));
    for (const weighting of this.weightings) weighting.resize(capacity);
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
