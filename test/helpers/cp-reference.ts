// Literal, slow implementations of docs/maths.md §7 used as oracles by the CP tests.

import type { AggregationOptions } from '../../src/core/aggregation/active-set-view.ts';
import { aggregateActiveSet } from '../../src/core/aggregation/aggregate-active-set.ts';
import { historyTimesteps } from '../../src/core/aggregation/cp-history.ts';
import type {
  AggregationMethod,
  CoreForecast,
  CoreQuestion,
  HistoryEntry,
} from '../../src/core/types.ts';

/** §7 read word by word: recompute the active set from scratch at every timestep. */
export function naiveHistory(
  question: CoreQuestion,
  forecasts: readonly CoreForecast[],
  method: AggregationMethod,
  options: AggregationOptions = {},
): HistoryEntry[] {
  const close = question.actualCloseTime;
  const remaining = forecasts.filter((forecast) => close === null || forecast.startTime <= close);
  const history: HistoryEntry[] = [];
  for (const time of historyTimesteps(question, remaining)) {
    const active = remaining.filter(
      (forecast) =>
        forecast.startTime <= time && (forecast.endTime === null || time < forecast.endTime),
    );
    const last = history.at(-1);
    if (active.length === 0) {
      if (last !== undefined && last.endTime === null) last.endTime = time;
      continue;
    }
    if (last !== undefined && last.endTime === null) last.endTime = time;
    const entry = aggregateActiveSet(question, method, active, options);
    if (entry !== null) history.push({ startTime: time, endTime: null, ...entry });
  }
  return history;
}
