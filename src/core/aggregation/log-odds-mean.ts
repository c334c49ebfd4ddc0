// The `log_odds_mean` aggregation (docs/maths.md §15.4): weighted mean log-odds, optionally extremized.
import type { AggregateEntry } from '../types.ts';
import { type ActiveSetView, toNumbers } from './active-set-view.ts';
import type { ColumnQuartiles } from './column-statistics.ts';
import { MULTIPLE_CHOICE_FLOOR, squeezeAboveFloor } from './multiple-choice-cp.ts';
import type { WeightVector } from './recency-weights.ts';
import type { WeightedStatistics } from './weighted-statistics.ts';
import { weightedColumnSums } from './weighted-sums.ts';

function checkExtremize(extremize: number): void {
  if (!(Number.isFinite(extremize) && extremize > 0)) {
    throw new RangeError(`extremize must be finite and > 0, got ${extremize}`);
  }
}

/** Numbers per slot in `logValues`: the log-odds (binary), or ln v_j per option (MC). */
export function logRowWidth(isBinary: boolean, stride: number): number {
  return isBinary ? 1 : stride;
}

/**
 * Fills `slot`'s row of `logValues` from its value row: binary ln(p / (1 − p)) (with 1 − p as
 * stored in column 0); MC ln v_j, with 0 for a null. Adding w·0 = +0 to a running sum leaves
 * it unchanged, so summing the rows gives exactly the sums over "forecasts with a non-null
 * value" of §15.4. Done once per forecast, so an engine update takes no logarithms.
 */
export function writeLogRow(
  isBinary: boolean,
  values: Float64Array,
  slot: number,
  stride: number,
  logValues: Float64Array,
): void {
  const valueOffset = slot * stride;
  if (isBinary) {
    logValues[slot] = Math.log(values[valueOffset + 1] / values[valueOffset]);
    return;
  }
  for (let column = 0; column < stride; column++) {
    const value = values[valueOffset + column];
    logValues[valueOffset + column] = Number.isNaN(value) ? 0 : Math.log(value);
  }
}

function requireLogValues(view: ActiveSetView): Float64Array {
  if (view.logValues === undefined) throw new RangeError('log_odds_mean needs view.logValues');
  return view.logValues;
}

/**
 * Σ w·ln(p / (1 − p)) over the active set in active-set order (the numerator of L), or the
 * producer's `view.logOddsSum` (the store adds it up with its other sums: same terms, same
 * order, same double).
 */
export function binaryLogOddsSum(view: ActiveSetView, { weights }: WeightVector): number {
  if (view.logOddsSum !== undefined) return view.logOddsSum;
  const logValues = requireLogValues(view);
  let weightedSum = 0;
  for (let rank = 0; rank < view.count; rank++) {
    weightedSum += weights[rank] * logValues[view.order[rank]];
  }
  return weightedSum;
}

/** P = 1 / (1 + exp(−d·L)) of the weighted mean log-odds L, clamped to [0.001, 0.999]. */
function binaryLogOddsProbability(statistics: WeightedStatistics, extremize: number): number {
  const meanLogOdds = statistics.logOddsSum / statistics.weights.total;
  const probability = 1 / (1 + Math.exp(-extremize * meanLogOdds));
  return Math.min(0.999, Math.max(MULTIPLE_CHOICE_FLOOR, probability));
}

/**
 * Columns 0…K−1: Σ w_i ln v_ij; K…2K−1: Σ w_i; both over forecasts with a value for j, in
 * active-set order (the producer's `view.logColumnSums`, or summed here, resuming from
 * `view.logBlockSums` when the producer keeps them). Without nulls the K weight sums are all Σ w_i·1 in active-set order, which is the
 * very sequence of additions that gave `weights.total` (w·1 = w exactly): no pass for them.
 */
export function multipleChoiceLogSums(view: ActiveSetView, weights: WeightVector): Float64Array {
  const optionCount = view.stride;
  const logSums =
    view.logColumnSums ??
    weightedColumnSums(
      view.order,
      requireLogValues(view),
      optionCount,
      weights.isUniform ? null : weights.weights,
      view.count,
      view.logBlockSums,
    );
  const sums = new Float64Array(2 * optionCount);
  sums.set(logSums);
  if (hasNullValues(view)) {
    sums.set(availableWeightSums(view, weights.weights), optionCount);
  } else {
    sums.fill(weights.total, optionCount);
  }
  return sums;
}

/** Whether some active forecast has a null value (MC), as the producer knows or by a scan. */
function hasNullValues(view: ActiveSetView): boolean {
  if (view.hasNullValues !== undefined) return view.hasNullValues;
  const { order, values, stride, count } = view;
  for (let rank = 0; rank < count; rank++) {
    const offset = order[rank] * stride;
    for (let column = 0; column < stride; column++) {
      if (Number.isNaN(values[offset + column])) return true;
    }
  }
  return false;
}

/**
 * Σ w_i over the forecasts with a value for j, per column, in active-set order. Skipping a
 * null adds nothing, as adding w·0 = +0 would (the sums start at +0 and never become −0).
 */
function availableWeightSums(view: ActiveSetView, weights: Float64Array): Float64Array {
  const { order, values, stride, count } = view;
  const sums = new Float64Array(stride);
  for (let rank = 0; rank < count; rank++) {
    const offset = order[rank] * stride;
    for (let column = 0; column < stride; column++) {
      if (!Number.isNaN(values[offset + column])) sums[column] += weights[rank];
    }
  }
  return sums;
}

/** Softmax of d·L_j over options with a non-null L_j, then the §5 squeeze. */
function multipleChoiceLogOddsValues(
  optionCount: number,
  sums: Float64Array,
  extremize: number,
): Float64Array {
  const scaledLogs = new Float64Array(optionCount);
  let maximum = Number.NEGATIVE_INFINITY;
  let available = 0;
  for (let column = 0; column < optionCount; column++) {
    const weightTotal = sums[optionCount + column];
    if (!(weightTotal > 0)) {
      scaledLogs[column] = Number.NaN;
      continue;
    }
    scaledLogs[column] = extremize * (sums[column] / weightTotal);
    if (scaledLogs[column] > maximum) maximum = scaledLogs[column];
    available++;
  }
  const shares = new Float64Array(optionCount);
  let normaliser = 0;
  for (let column = 0; column < optionCount; column++) {
    if (Number.isNaN(scaledLogs[column])) {
      shares[column] = Number.NaN;
      continue;
    }
    shares[column] = Math.exp(scaledLogs[column] - maximum);
    normaliser += shares[column];
  }
  for (let column = 0; column < optionCount; column++) shares[column] /= normaliser;
  return squeezeAboveFloor(shares, available);
}

/**
 * §15.4 entry for binary and MC; bounds are the raw weighted quartiles (not rescaled), means
 * as §4. Continuous questions do not come here: they use the recency-weighted §6 entry.
 */
export function logOddsMeanEntry(
  isBinary: boolean,
  view: ActiveSetView,
  statistics: WeightedStatistics,
  extremize: number,
): AggregateEntry {
  checkExtremize(extremize);
  const quartiles = statistics.quartiles as ColumnQuartiles;
  let values: number[];
  if (isBinary) {
    const probability = binaryLogOddsProbability(statistics, extremize);
    values = [1 - probability, probability];
  } else {
    const sums = statistics.logColumnSums as Float64Array;
    values = toNumbers(multipleChoiceLogOddsValues(view.stride, sums, extremize));
  }
  return {
    forecasterCount: view.count,
    forecastValues: values,
    intervalLowerBounds: toNumbers(quartiles.lower),
    centers: [...values],
    intervalUpperBounds: toNumbers(quartiles.upper),
    means: toNumbers(statistics.means),
  };
}
