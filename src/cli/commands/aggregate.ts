// `brier aggregate FILE|- [--method M] [--extremize D] [--at T]...` (docs/maths.md §16.2).
import { isContinuousType } from '../../core/aggregation/active-set-view.ts';
import { buildCpHistory, cpAtTime } from '../../core/aggregation/cp-history.ts';
import { parseBundle } from '../../core/bundle/parse-bundle.ts';
import {
  AGGREGATION_METHODS,
  type AggregateEntry,
  type AggregationMethod,
  type CoreBundle,
  type HistoryEntry,
} from '../../core/types.ts';
import { type CliCommand, type CliInvocation, EXIT_SUCCESS, UsageError } from '../command.ts';
import { mapJsonInputAsync } from '../json-input.ts';
import { writeJsonDocument } from '../json-output.ts';
import { buildCpHistoryInParallel } from '../parallel-history.ts';
import { readJsonInput } from '../read-input.ts';

const INTEGER_TEXT = /^[+-]?[0-9]+$/;
const NUMBER_TEXT = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

export interface AggregateSettings {
  method: AggregationMethod;
  extremize: number;
  /** `--at` values, appended to each bundle's own `at_times`. */
  extraAtTimes: number[];
}

/** Checks the option values; a bad one is a usage error (exit 2 with usage, §16.5). */
export function aggregateSettings(options: CliInvocation['options']): AggregateSettings {
  const methodText = options.method ?? 'recency_weighted';
  if (
    typeof methodText !== 'string' ||
    !(AGGREGATION_METHODS as readonly string[]).includes(methodText)
  ) {
    throw new UsageError(`--method must be one of ${AGGREGATION_METHODS.join(', ')}`);
  }
  let extremize = 1;
  if (options.extremize !== undefined) {
    const text = String(options.extremize);
    extremize = NUMBER_TEXT.test(text) ? Number(text) : Number.NaN;
    if (!(Number.isFinite(extremize) && extremize > 0)) {
      throw new UsageError(`--extremize must be a finite number > 0, got '${text}'`);
    }
  }
  const atTexts = options.at === undefined ? [] : (options.at as string[]);
  const extraAtTimes = atTexts.map((text) => {
    const time = INTEGER_TEXT.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(time)) {
      throw new UsageError(`--at must be an integer unix time, got '${text}'`);
    }
    return time;
  });
  return { method: methodText as AggregationMethod, extremize, extraAtTimes };
}

/** §16.2 at-time entry E (snake_case; histogram / scaled_quartiles only when computed). */
export function presentEntry(entry: AggregateEntry): Record<string, unknown> {
  const presented: Record<string, unknown> = {
    forecaster_count: entry.forecasterCount,
    forecast_values: entry.forecastValues,
    interval_lower_bounds: entry.intervalLowerBounds,
    centers: entry.centers,
    interval_upper_bounds: entry.intervalUpperBounds,
    means: entry.means,
  };
  if (entry.histogram !== undefined) presented.histogram = entry.histogram;
  if (entry.scaledQuartiles !== undefined) presented.scaled_quartiles = entry.scaledQuartiles;
  return presented;
}

export function presentHistoryEntry(entry: HistoryEntry): Record<string, unknown> {
  return {
    start_time: entry.startTime,
    end_time: entry.endTime,
    forecaster_count: entry.forecasterCount,
    forecast_values: entry.forecastValues,
    interval_lower_bounds: entry.intervalLowerBounds,
    centers: entry.centers,
    interval_upper_bounds: entry.intervalUpperBounds,
    means: entry.means,
  };
}

/**
 * The §16.2 output document for one bundle; `history` is its buildCpHistory(bundle, method,
 * { extremize }) when the caller has built it already (e.g. on two threads).
 */
export function aggregateBundle(
  bundle: CoreBundle,
  settings: AggregateSettings,
  history: HistoryEntry[] = buildCpHistory(bundle, settings.method, {
    extremize: settings.extremize,
  }),
): unknown {
  const { method, extremize } = settings;
  const output: Record<string, unknown> = { history: history.map(presentHistoryEntry) };
  const queryTimes = [...(bundle.atTimes ?? []), ...settings.extraAtTimes];
  if (queryTimes.length === 0) return output;
  const type = bundle.question.type;
  const includeScaledQuartiles = isContinuousType(type);
  const at = (time: number, entryMethod: AggregationMethod, includeHistogram: boolean) => {
    const entry = cpAtTime(bundle, entryMethod, time, {
      extremize,
      includeHistogram,
      includeScaledQuartiles,
    });
    return entry === null ? null : presentEntry(entry);
  };
  output.at_times = queryTimes.map((time) => {
    const element: Record<string, unknown> = {
      time,
      // §16.2: the histogram belongs to binary recency_weighted entries only.
      recency_weighted: at(time, 'recency_weighted', type === 'binary'),
      unweighted: at(time, 'unweighted', false),
    };
    if (method === 'log_odds_mean') element.log_odds_mean = at(time, 'log_odds_mean', false);
    return element;
  });
  return output;
}

export const aggregateCommand: CliCommand = {
  name: 'aggregate',
  options: {
    method: { type: 'string', valueName: 'M' },
    extremize: { type: 'string', valueName: 'D' },
    at: { type: 'string', multiple: true, valueName: 'T' },
  },
  positionals: { min: 1, max: 1, name: 'FILE (a path, or - for stdin)' },
  async run({ positionals, options, io }) {
    const settings = aggregateSettings(options);
    const input = await readJsonInput(positionals[0], io);
    const output = await mapJsonInputAsync(
      input,
      (element, basePath) => parseBundle(element, {}, basePath),
      async (bundle) => {
        const options = { extremize: settings.extremize };
        const history = await buildCpHistoryInParallel(bundle, settings.method, options);
        return aggregateBundle(bundle, settings, history);
      },
    );
    writeJsonDocument(io, output);
    return EXIT_SUCCESS;
  },
};
