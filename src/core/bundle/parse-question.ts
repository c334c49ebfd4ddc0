// Validates a bundle's `question` object field by field in the order of docs/maths.md §16.1.
import { isContinuousType } from '../aggregation/active-set-view.ts';
import { allOptionsOrder, type OptionsHistoryEntry } from '../options-order.ts';
import { type CoreQuestion, QUESTION_TYPES, type QuestionType } from '../types.ts';
import {
  fail,
  indexPath,
  type JsonObject,
  keyPath,
  requireArray,
  requireBoolean,
  requireFiniteNumber,
  requireInteger,
  requireNullableInteger,
  requireString,
} from './json-checks.ts';
import { resolutionProblem } from './resolution-check.ts';

export interface BundleParseOptions {
  /** Also run the `score`-only checks (§14.1): close time set, resolution, spot time. */
  forScoring?: boolean;
}

/** `question` fields in table order; the first failure wins (§16.5). */
export function parseQuestion(
  source: JsonObject,
  path: string,
  options: BundleParseOptions,
): CoreQuestion {
  const at = (key: string) => keyPath(path, key);
  const id = requireInteger(source.id, at('id'));
  const typeText = requireString(source.type, at('type'));
  if (!(QUESTION_TYPES as readonly string[]).includes(typeText)) {
    fail(at('type'), `must be one of ${QUESTION_TYPES.join(', ')}`);
  }
  const type = typeText as QuestionType;
  const openTime = requireInteger(source.open_time, at('open_time'));
  const scheduledCloseTime = requireInteger(
    source.scheduled_close_time,
    at('scheduled_close_time'),
  );
  if (scheduledCloseTime <= openTime) fail(at('scheduled_close_time'), 'must be after open_time');
  const actualCloseTime = requireNullableInteger(source.actual_close_time, at('actual_close_time'));
  if (actualCloseTime !== null && actualCloseTime < openTime) {
    fail(at('actual_close_time'), 'must not be before open_time');
  }
  if (actualCloseTime === null && options.forScoring === true) {
    fail(at('actual_close_time'), 'required for scoring (the question must be closed)');
  }
  const question: CoreQuestion = { id, type, openTime, scheduledCloseTime, actualCloseTime };
  if (isContinuousType(type)) parseContinuousFields(source, path, question);
  if (type === 'multiple_choice') parseOptionFields(source, path, question);
  if (options.forScoring === true) {
    const resolution = requireString(source.resolution, at('resolution'));
    const problem = resolutionProblem(question, resolution);
    if (problem !== null) fail(at('resolution'), problem);
    question.resolution = resolution;
    const spotScoringTime = source.spot_scoring_time;
    question.spotScoringTime =
      spotScoringTime === undefined || spotScoringTime === null
        ? null
        : requireInteger(spotScoringTime, at('spot_scoring_time'));
  }
  return question;
}

function parseContinuousFields(source: JsonObject, path: string, question: CoreQuestion): void {
  const at = (key: string) => keyPath(path, key);
  const rangeMin = requireFiniteNumber(source.range_min, at('range_min'));
  const rangeMax = requireFiniteNumber(source.range_max, at('range_max'));
  if (rangeMin >= rangeMax) fail(at('range_max'), 'must be greater than range_min');
  let zeroPoint: number | null = null;
  if (source.zero_point !== undefined && source.zero_point !== null) {
    zeroPoint = requireFiniteNumber(source.zero_point, at('zero_point'));
    if (zeroPoint >= rangeMin && zeroPoint <= rangeMax) {
      fail(at('zero_point'), 'must lie outside [range_min, range_max]');
    }
  }
  const openLowerBound = requireBoolean(source.open_lower_bound, at('open_lower_bound'));
  const openUpperBound = requireBoolean(source.open_upper_bound, at('open_upper_bound'));
  let inboundOutcomeCount = 200;
  if (source.inbound_outcome_count !== undefined && source.inbound_outcome_count !== null) {
    inboundOutcomeCount = requireInteger(source.inbound_outcome_count, at('inbound_outcome_count'));
    if (inboundOutcomeCount < 1) fail(at('inbound_outcome_count'), 'must be at least 1');
  }
  Object.assign(question, {
    rangeMin,
    rangeMax,
    zeroPoint,
    openLowerBound,
    openUpperBound,
    inboundOutcomeCount,
  });
}

function requireLabels(value: unknown, path: string, isDistinct: boolean): string[] {
  const labels = requireArray(value, path);
  for (let index = 0; index < labels.length; index++) {
    requireString(labels[index], indexPath(path, index));
  }
  if (labels.length < 2) fail(path, 'must list at least 2 options');
  if (isDistinct && new Set(labels).size !== labels.length) {
    fail(path, 'must not repeat an option');
  }
  return labels as string[];
}

/**
 * `options` is used only without `options_history`: it is required then, and checked
 * whenever it is given. A null `options_history` counts as absent.
 */
function parseOptionFields(source: JsonObject, path: string, question: CoreQuestion): void {
  const at = (key: string) => keyPath(path, key);
  const hasHistory = source.options_history !== undefined && source.options_history !== null;
  let options: string[] | undefined;
  if (source.options !== undefined || !hasHistory) {
    options = requireLabels(source.options, at('options'), true);
  }
  let history: OptionsHistoryEntry[] | null = null;
  if (hasHistory) {
    const historyPath = at('options_history');
    const entries = requireArray(source.options_history, historyPath);
    if (entries.length === 0) fail(historyPath, 'must not be empty');
    history = entries.map((entry, index) => {
      const entryPath = indexPath(historyPath, index);
      const pair = requireArray(entry, entryPath);
      if (pair.length !== 2) fail(entryPath, 'must be a [datetime, [labels…]] pair');
      const since = requireString(pair[0], indexPath(entryPath, 0));
      const labels = requireLabels(pair[1], indexPath(entryPath, 1), false);
      return [since, labels] as const;
    });
  }
  question.allOptions = allOptionsOrder(options, history);
}
