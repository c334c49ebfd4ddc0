// Parses and validates a bundle JSON value into a CoreBundle (docs/maths.md §14.1, §16.1, §16.5).
import type { CoreBundle, CoreForecast } from '../types.ts';
import {
  collectFailure,
  fail,
  indexPath,
  keyPath,
  type ParseResult,
  requireArray,
  requireInteger,
  requireObject,
  selfPath,
} from './json-checks.ts';
import { parseForecast } from './parse-forecast.ts';
import { type BundleParseOptions, parseQuestion } from './parse-question.ts';

export type { BundleParseOptions } from './parse-question.ts';

/**
 * Validates `value` as a bundle. `basePath` is `''` for a root object and `[i]` for element i
 * of an array input. Checks run in the fixed order of §16.5 (question fields in table order,
 * each forecast's fields, duplicate ids, overlaps, at_times) and the first failure is
 * returned with its path. `forScoring` adds the `score`-only checks.
 */
export function parseBundle(
  value: unknown,
  options: BundleParseOptions = {},
  basePath = '',
): ParseResult<CoreBundle> {
  return collectFailure(() => {
    const root = requireObject(value, selfPath(basePath));
    const questionPath = keyPath(basePath, 'question');
    const question = parseQuestion(
      requireObject(root.question, questionPath),
      questionPath,
      options,
    );
    const forecastsPath = keyPath(basePath, 'forecasts');
    const rows = requireArray(root.forecasts, forecastsPath);
    const forecasts = rows.map((row, index) => {
      const rowPath = indexPath(forecastsPath, index);
      return parseForecast(requireObject(row, rowPath), rowPath, question);
    });
    checkDuplicateIds(forecasts, forecastsPath);
    checkOverlaps(forecasts, forecastsPath);
    const bundle: CoreBundle = { question, forecasts };
    if (root.at_times !== undefined) {
      const atTimesPath = keyPath(basePath, 'at_times');
      const atTimes = requireArray(root.at_times, atTimesPath);
      bundle.atTimes = atTimes.map((time, index) =>
        requireInteger(time, indexPath(atTimesPath, index)),
      );
    }
    return bundle;
  });
}

function checkDuplicateIds(forecasts: readonly CoreForecast[], forecastsPath: string): void {
  const seen = new Set<number>();
  forecasts.forEach((forecast, index) => {
    if (seen.has(forecast.id)) fail(keyPath(indexPath(forecastsPath, index), 'id'), 'duplicate id');
    seen.add(forecast.id);
  });
}

/**
 * Per user, in (start_time, id) order, a forecast must end (non-null end_time) no later than
 * the next one starts. Each offending later forecast is reported at its start_time; of
 * several, the one earliest in the input.
 */
function checkOverlaps(forecasts: readonly CoreForecast[], forecastsPath: string): void {
  const indicesByUser = new Map<number, number[]>();
  forecasts.forEach((forecast, index) => {
    const indices = indicesByUser.get(forecast.userId);
    if (indices === undefined) indicesByUser.set(forecast.userId, [index]);
    else indices.push(index);
  });
  let firstOffender = -1;
  for (const indices of indicesByUser.values()) {
    indices.sort(
      (left, right) =>
        forecasts[left].startTime - forecasts[right].startTime ||
        forecasts[left].id - forecasts[right].id,
    );
    for (let position = 1; position < indices.length; position++) {
      const earlier = forecasts[indices[position - 1]];
      const later = forecasts[indices[position]];
      if (earlier.endTime === null || earlier.endTime > later.startTime) {
        const offender = indices[position];
        if (firstOffender === -1 || offender < firstOffender) firstOffender = offender;
      }
    }
  }
  if (firstOffender !== -1) {
    fail(
      keyPath(indexPath(forecastsPath, firstOffender), 'start_time'),
      "overlaps the same user's previous forecast",
    );
  }
}
