// The CP history of a bundle and CP at-time queries (docs/maths.md §7).
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
  const everything = { from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY };
  return buildCpHistorySegment(bundle, method, everything, options).entries;
}

/** The timesteps t with from ≤ t < to of a history; segments of a split cover all t once. */
export interface TimeRange {
  from: number;
  to: number;
}

/** The part of a §7 history whose entries start in a TimeRange. */
export interface CpHistorySegment {
  /** The range's first timestep (whether or not its active set is empty), or null. */
  firstTimestep: number | null;
  /**
   * buildCpHistory's entries that start in the range, identical except for the last one:
   * it stays open (end_time null) where the full history ends it at a later timestep.
   */
  entries: HistoryEntry[];
}

/**
 * The entries of buildCpHistory(bundle, method, options) that start in `range`, computed
 * without the timesteps before it: entries depend only on the active set, and the sweep
 * starts with every forecast active at the range's first timestep. Segments of consecutive
 * ranges can be built independently (e.g. in parallel) and joined by joinCpHistorySegments.
 */
export function buildCpHistorySegment(
  bundle: CpBundle,
  method: AggregationMethod,
  range: TimeRange,
  options: AggregationOptions = {},
): CpHistorySegment {
  const { question } = bundle;
  const closeTime = question.actualCloseTime;
  // Step 1: forecasts made after the close never count.
  const remaining = bundle.forecasts.filter(
    (forecast) => closeTime === null || forecast.startTime <= closeTime,
  );
  const timesteps = historyTimesteps(question, remaining).filter(
    (time) => range.from <= time && time < range.to,
  );
  const byStart = [...remaining].sort((left, right) => left.startTime - right.startTime);
  const byEnd = remaining
    .filter((forecast) => forecast.endTime !== null)
    .sort((left, right) => (left.endTime as number) - (right.endTime as number));
  const store = new ActiveSetStore(question, method);
  const entries: HistoryEntry[] = [];
  let startIndex = 0;
  let endIndex = 0;
  for (const time of timesteps) {
    // Step 3 uses raw start times: everything started by `time` and not yet ended is active.
    // (Before a segment's first timestep nothing was inserted; removing is then a no-op.)
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
    const previous = entries.length > 0 ? entries[entries.length - 1] : undefined;
    if (previous !== undefined && previous.endTime === null) previous.endTime = time;
    if (entry !== null) entries.push({ startTime: time, endTime: null, ...entry });
  }
  return { firstTimestep: timesteps.length > 0 ? timesteps[0] : null, entries };
}

/**
 * The full history from the segments of consecutive ranges, in order: each segment's open
 * last entry ends at the next segment's first timestep, as the single sweep ends it there.
 * (Mutates those last entries.)
 */
export function joinCpHistorySegments(segments: readonly CpHistorySegment[]): HistoryEntry[] {
  const history: HistoryEntry[] = [];
  for (const segment of segments) {
    const last = history.at(-1);
    if (segment.firstTimestep !== null && last !== undefined && last.endTime === null) {
      last.endTime = segment.firstTimestep;
    }
    for (const entry of segment.entries) history.push(entry);
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
