// One CP entry computed from scratch for a given active set (docs/maths.md §1–§6, §15.4).
import type { AggregateEntry, AggregationMethod, CoreForecast, CoreQuestion } from '../types.ts';
import { compareActiveOrder } from './active-order.ts';
import {
  type ActiveSetView,
  type AggregationOptions,
  isContinuousType,
  valueColumnCount,
  writeForecastRow,
} from './active-set-view.ts';
import { computeAggregateEntry } from './aggregate-entry.ts';
import { logRowWidth, writeLogRow } from './log-odds-mean.ts';
import { methodWeightVector } from './recency-weights.ts';
import { sortColumnByValue } from './weighted-percentile.ts';

/**
 * The entry of `method` over `activeForecasts` (the forecasts active at some instant), or null
 * when there are none. The forecasts are put in active-set order here (a no-op pass when the
 * caller already sorted them), so callers cannot get the order wrong.
 */
export function aggregateActiveSet(
  question: CoreQuestion,
  method: AggregationMethod,
  activeForecasts: readonly CoreForecast[],
  options: AggregationOptions = {},
): AggregateEntry | null {
  const count = activeForecasts.length;
  if (count === 0) return null;
  const ordered = [...activeForecasts].sort(compareActiveOrder);
  const stride = valueColumnCount(question);
  const values = new Float64Array(count * stride);
  const order = new Int32Array(count);
  for (let rank = 0; rank < count; rank++) {
    order[rank] = rank;
    writeForecastRow(question, ordered[rank], stride, values, rank * stride);
  }
  const sortedColumns: Int32Array[] = [];
  if (!isContinuousType(question.type)) {
    for (let column = 0; column < stride; column++) {
      sortedColumns.push(sortColumnByValue(values, stride, column, count));
    }
  }
  const view: ActiveSetView = { count, order, values, stride, sortedColumns };
  if (method === 'log_odds_mean' && !isContinuousType(question.type)) {
    const isBinary = question.type === 'binary';
    const logValues = new Float64Array(count * logRowWidth(isBinary, stride));
    for (let slot = 0; slot < count; slot++) writeLogRow(isBinary, values, slot, stride, logValues);
    view.logValues = logValues;
  }
  // Slots are active-set ranks here, so the weights by rank are also the weights by slot.
  const weights = methodWeightVector(method, count);
  return computeAggregateEntry(question, method, view, weights, weights.weights, options);
}
