// The `log_odds_mean` aggregation (MATH.md §15.4): weighted mean log-odds, optionally extremized.
import type { AggregateEntry } from '../types.ts';
import { type ActiveSetView, toNumbers } from './active-set-view.ts';
import { binaryColumnQuartiles } from './binary-quartiles.ts';
import { columnMeans, columnQuartiles } from './column-statistics.ts';
import { MULTIPLE_CHOICE_FLOOR, squeezeAboveFloor } from './multiple-choice-cp.ts';
import type { WeightVector } from './recency-weights.ts';
import { weightedColumnSums } from './weighted-sums.ts';

function checkExtremize(extremize: number): void {
  if (!(Number.isFinite(extremize) && extremize > 0)) {
    throw new RangeError(`extremize must be finite and > 0, got ${extremize}`);
  }
}

/**
 * Fills a slot's row of `logValues` (2·stride wide) from its value row: binary ln(p / (1 − p))
 * at column 1 (with 1 − p as stored in column 0); MC ln v_j in the first half and an
 * availability mask (1, or 0 for null) in the second, with 0 for a null's log. Adding w·0 = +0
 * to a running sum leaves it unchanged, so one unrolled pass of `weightedColumnSums` gives
 * exactly the sums over "forecasts with a non-null value" of §15.4. Done once per forecast,
 * so an engine update takes no logarithms.
 */
export function writeLogRow(
  isBinary: boolean,
  values: Float64Array,
  valueOffset: number,
  stride: number,
  logValues: Float64Array,
): void {
  const logOffset = 2 * valueOffset;
  if (isBinary) {
    logValues[logOffset + 1] = Math.log(values[valueOffset + 1] / values[valueOffset]);
    return;
  }
  for (let column = 0; column < stride; column++) {
    const value = values[valueOffset + column];
    const isAvailable = !Number.isNaN(value);
    logValues[logOffset + column] = isAvailable ? Math.log(value) : 0;
    logValues[logOffset + stride + column] = isAvailable ? 1 : 0;
  }
}

function requireLogValues(view: ActiveSetView): Float64Array {
  if (view.logValues === undefined) throw new RangeError('log_odds_mean needs view.logValues');
  return view.logValues;
}

/** P = 1 / (1 + exp(−d·L)) of the weighted mean log-odds L, clamped to [0.001, 0.999]. */
function binaryLogOddsProbability(
  view: ActiveSetView,
  { weights, total }: WeightVector,
  extremize: number,
): number {
  const logValues = requireLogValues(view);
  let weightedSum = 0;
  for (let rank = 0; rank < view.count; rank++) {
    weightedSum += weights[rank] * logValues[2 * view.order[rank] * view.stride + 1];
  }
  const meanLogOdds = weightedSum / total;
  const probability = 1 / (1 + Math.exp(-extremize * meanLogOdds));
  return Math.min(0.999, Math.max(MULTIPLE_CHOICE_FLOOR, probability));
}

/** Softmax of d·L_j over options with a non-null L_j, then the §5 squeeze. */
function multipleChoiceLogOddsValues(
  view: ActiveSetView,
  weights: WeightVector,
  extremize: number,
): Float64Array {
  const optionCount = view.stride;
  // Columns 0…K−1: Σ w_i ln v_ij; K…2K−1: Σ w_i; both over forecasts with a value for j.
  const sums = weightedColumnSums(
    view.order,
    requireLogValues(view),
    2 * optionCount,
    weights.weights,
    view.count,
  );
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
  weights: WeightVector,
  weightBySlot: Float64Array,
  extremize: number,
): AggregateEntry {
  checkExtremize(extremize);
  const quartiles = (isBinary ? binaryColumnQuartiles : columnQuartiles)(
    view,
    weights,
    weightBySlot,
  );
  let values: number[];
  if (isBinary) {
    const probability = binaryLogOddsProbability(view, weights, extremize);
    values = [1 - probability, probability];
  } else {
    values = toNumbers(multipleChoiceLogOddsValues(view, weights, extremize));
  }
  return {
    forecasterCount: view.count,
    forecastValues: values,
    intervalLowerBounds: toNumbers(quartiles.lower),
    centers: [...values],
    intervalUpperBounds: toNumbers(quartiles.upper),
    means: toNumbers(columnMeans(view, weights)),
  };
}
