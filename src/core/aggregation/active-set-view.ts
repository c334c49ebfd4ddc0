// The array layout every CP computation reads: the active set, its values and sorted columns.
import type { CoreForecast, CoreQuestion } from '../types.ts';
import type { BlockSums } from './weighted-sums.ts';

/**
 * An active set (docs/maths.md §1) laid out for the §3–§6 formulas without per-item objects.
 * Items live in "slots"; `order` lists the slots in active-set order ((start_time, id)
 * ascending) and `values[slot·stride + column]` holds their value vectors (binary: [1 − p, p];
 * MC: one column per option, NaN = null; continuous: the CDF). `sortedColumns[column]` lists
 * the same slots by that column's value, nulls last, ties in active-set order (the stable
 * sort of §3); it is empty for continuous questions, which use a mean (§6).
 * `aggregateActiveSet` builds one from scratch; the incremental engine keeps one up to date.
 */
export interface ActiveSetView {
  count: number;
  order: Int32Array;
  values: Float64Array;
  stride: number;
  sortedColumns: readonly Int32Array[];
  /**
   * `log_odds_mean` only: the logarithms it averages by slot (binary: the log-odds, one per
   * slot; MC: ln v_j, stride per slot, 0 for a null), filled once per forecast by
   * `writeLogRow` (log-odds-mean.ts).
   */
  logValues?: Float64Array;
  /**
   * Σ_rank w_rank·values[order[rank]·stride + column] per column, summed in active-set order,
   * when the producer computed it along the way (the store does for binary, and for MC when it
   * sums two weightings in one pass); else the §4 means sum it themselves. Same numbers.
   */
  columnSums?: Float64Array;
  /** The §4 / §6 means' partial sums kept from the last entry of a store (weighted-sums.ts). */
  meanBlockSums?: BlockSums;
  /** Binary `log_odds_mean`: Σ_rank w_rank·logValues[…] when the producer summed it already. */
  logOddsSum?: number;
  /** MC `log_odds_mean`: the log sums' partial sums kept from the last entry of a store. */
  logBlockSums?: BlockSums;
  /** MC `log_odds_mean`: Σ_rank w_rank·logValues[…] per option when the producer summed it. */
  logColumnSums?: Float64Array;
  /** Whether some value is null (NaN), when the producer knows; otherwise found by a scan. */
  hasNullValues?: boolean;
}

/** Per-entry choices that do not change the CP itself. */
export interface AggregationOptions {
  /** Extremizing factor d of `log_odds_mean` (§15.4): finite, > 0, default 1. */
  extremize?: number;
  /** Add the §4 histogram (binary only; the CLI asks for it on recency_weighted at-times). */
  includeHistogram?: boolean;
  /** Add §6 `scaled_quartiles` (continuous only; the CLI asks for it on at-time entries). */
  includeScaledQuartiles?: boolean;
}

export function isContinuousType(type: CoreQuestion['type']): boolean {
  return type === 'numeric' || type === 'date' || type === 'discrete';
}

/** Default n of §0 when `inbound_outcome_count` is absent or null. */
export const DEFAULT_INBOUND_OUTCOME_COUNT = 200;

/** Length of a forecast's value vector in the view: 2, K_all, or n + 1. */
export function valueColumnCount(question: CoreQuestion): number {
  switch (question.type) {
    case 'binary':
      return 2;
    case 'multiple_choice':
      if (question.allOptions === undefined) {
        throw new RangeError('a multiple-choice question needs allOptions');
      }
      return question.allOptions.length;
    case 'numeric':
    case 'date':
    case 'discrete':
      return (question.inboundOutcomeCount ?? DEFAULT_INBOUND_OUTCOME_COUNT) + 1;
  }
}

/**
 * Copies a forecast's values into `target` at `offset`. Binary rows become [1 − p, p] with
 * 1 − p computed in double (§4); null entries become NaN.
 */
export function writeForecastRow(
  question: CoreQuestion,
  forecast: CoreForecast,
  stride: number,
  target: Float64Array,
  offset: number,
): void {
  const source = forecast.values;
  if (question.type === 'binary') {
    if (source.length !== 1) throw new RangeError('a binary forecast holds exactly [p]');
    const probability = source[0];
    target[offset] = 1 - probability;
    target[offset + 1] = probability;
    return;
  }
  if (source.length !== stride) {
    throw new RangeError(`forecast ${forecast.id} has ${source.length} values, expected ${stride}`);
  }
  for (let column = 0; column < stride; column++) {
    const value = source[column] as number | null;
    target[offset + column] = value === null ? Number.NaN : value;
  }
}

/**
 * A typed array's numbers as a plain array, for entries. (Array.from on a typed array goes
 * through the iterator protocol: about a microsecond even for two numbers, per call.)
 */
export function toNumbers(values: Float64Array): number[] {
  const numbers: number[] = [];
  for (let index = 0; index < values.length; index++) numbers.push(values[index]);
  return numbers;
}
