// The CP history of a bundle and CP at-time queries (MATH.md §7).
import type {
  AggregateEntry,
  AggregationMethod,
  CoreForecast,
  CoreQuestion,
  HistoryEntry,
} from '../types.ts';
import { isActiveAt } from './active-order.ts';
import { ActiveSetStore } from './active-set-store.ts';
import type { AggregationOptions } from './active-set-view.ts';
import { aggregateActiveSet } from './aggregate-active-set.ts';

export interface CpBundle {
  question: CoreQuestion;
  forecasts: readonly CoreForecast[];
}

/** The distinct §7 step 2 timesteps of the forecasts left after the close filter, ascending. */
export function historyTimesteps(
  question: CoreQuestion,
  forecasts: readonly CoreForecast[],
): number[] {
  const { openTime, actualCloseTime } = question;
  const times = new Set<number>();
  for (const forecast of forecasts) {
    if (forecast.endTime !== null && forecast.endTime <= openTime) continue;
    times.add(Math.max(forecast.startTime, openTime));
    if (
      forecast.endTime !== null &&
      (actualCloseTime === null || forecast.endTime <= actualCloseTime)
    ) {
      times.add(forecast.endTime);
    }
  }
  return [...times].sort((left, right) => left - right);
}

/**
 * The §7 history of `method`: one entry per timestep with a non-empty active set. Forecasts
 * made before open_time enter at open_time; end times after the close are not timesteps; the
 * last entry keeps end_time null. The sweep keeps one ActiveSetStore up to date instead of
 * rebuilding each active set; entries equal `aggregateActiveSet` over that set.
 */
export function buildCpHistory(
  bundle: CpBundle,
  method: AggregationMethod,
  options: AggregationOptions = {},
): HistoryEntry[] {
  const { question } = bundle;
  const closeTime = question.actualCloseTime;
  // Step 1: forecasts made after the close never count.
  const remaining = bundle.forecasts.filter(
    (forecast) => closeTime === null || forecast.startTime <= closeTime,
  );
  const timesteps = historyTimesteps(question, remaining);
  const byStart = [...remaining].sort((left, right) => left.startTime - right.startTime);
  const byEnd = remaining
    .filter((forecast) => forecast.endTime !== null)
    .sort((left, right) => (left.endTime as number) - (right.endTime as number));
  const store = new ActiveSetStore(question, method);
  const history: HistoryEntry[] = [];
  let startIndex = 0;
  let endIndex = 0;
  for (const time of timesteps) {
    // Step 3 uses raw start times: everything started by `time` and not yet ended is active.
    while (endIndex < byEnd.length && (byEnd[endIndex].endTime as number) <= time) {
      store.remove(byEnd[endIndex].id);
      endIndex++;
    }
    while (startIndex < byStart.length && byStart[startIndex].startTime <= time) {
      const forecast = byStart[startIndex];
      if (isActiveAt(forecast, time)) store.insert(forecast);
      startIndex++;
    }
    const entry = store.entry(options);
    const previous = history.length > 0 ? history[history.length - 1] : undefined;
    if (entry === null) {
      if (previous !== undefined && previous.endTime === null) previous.endTime = time;
      continue;
    }
    if (previous !== undefined && previous.endTime === null) previous.endTime = time;
    history.push({ startTime: time, endTime: null, ...entry });
  }
  return history;
}

/**
 * The CP at time T: the entry over the forecasts active at T among ALL forecasts of the
 * bundle, or null. Compatibility quirk (unclipped at-time queries): no open/close clipping,
 * so a query before open_time sees pre-open forecasts and one after the close sees later ones.
 */
export function cpAtTime(
  bundle: CpBundle,
  method: AggregationMethod,
  time: number,
  options: AggregationOptions = {},
): AggregateEntry | null {
  const active = bundle.forecasts.filter((forecast) => isActiveAt(forecast, time));
  return aggregateActiveSet(bundle.question, method, active, options);
}
