// Validates one forecast row of a bundle (docs/maths.md §14.1), fields in the order of §16.1.
import { isContinuousType } from '../aggregation/active-set-view.ts';
import type { CoreForecast, CoreQuestion } from '../types.ts';
import {
  fail,
  indexPath,
  type JsonObject,
  keyPath,
  requireArray,
  requireInteger,
  requireNullableInteger,
} from './json-checks.ts';

const VALUE_FIELDS = ['probability_yes', 'probability_yes_per_category', 'continuous_cdf'] as const;
type ValueField = (typeof VALUE_FIELDS)[number];

/** Probability bounds of binary and MC values (§14.1). */
const MIN_PROBABILITY = 0.001;
const MAX_PROBABILITY = 0.999;
/** Tolerance on an MC vector's sum (§14.1). */
const SUM_TOLERANCE = 1e-6;

function valueFieldOf(question: CoreQuestion): ValueField {
  if (question.type === 'binary') return 'probability_yes';
  if (question.type === 'multiple_choice') return 'probability_yes_per_category';
  return 'continuous_cdf';
}

function isProbability(value: unknown): value is number {
  return typeof value === 'number' && value >= MIN_PROBABILITY && value <= MAX_PROBABILITY;
}

export function parseForecast(
  source: JsonObject,
  path: string,
  question: CoreQuestion,
): CoreForecast {
  const at = (key: string) => keyPath(path, key);
  const id = requireInteger(source.id, at('id'));
  const userId = requireInteger(source.user_id, at('user_id'));
  const startTime = requireInteger(source.start_time, at('start_time'));
  const endTime = requireNullableInteger(source.end_time, at('end_time'));
  if (endTime !== null && endTime <= startTime) fail(at('end_time'), 'must be after start_time');
  const field = valueFieldOf(question);
  // Exactly one value field: the type's own one must be there, and no other may carry a value
  // (a null in another field is treated as absent, as exports may write all three keys).
  if (source[field] === undefined) fail(at(field), 'required');
  for (const other of VALUE_FIELDS) {
    if (other !== field && source[other] !== undefined && source[other] !== null) {
      fail(at(other), `not allowed: a ${question.type} forecast has only ${field}`);
    }
  }
  const values = parseValues(source[field], at(field), question);
  return { id, userId, startTime, endTime, values };
}

function parseValues(
  value: unknown,
  path: string,
  question: CoreQuestion,
): number[] | Float64Array {
  if (question.type === 'binary') {
    if (typeof value !== 'number') fail(path, 'must be a number');
    if (!isProbability(value)) fail(path, 'must be between 0.001 and 0.999');
    return [value];
  }
  if (question.type === 'multiple_choice') return parseCategoryProbabilities(value, path, question);
  if (isContinuousType(question.type)) return parseCdf(value, path, question);
  throw new RangeError(`unknown question type ${question.type}`);
}

function parseCategoryProbabilities(
  value: unknown,
  path: string,
  question: CoreQuestion,
): Float64Array {
  const optionCount = (question.allOptions as string[]).length;
  const entries = requireArray(value, path);
  if (entries.length !== optionCount) {
    fail(path, `must have ${optionCount} entries (one per option, all-options order)`);
  }
  const probabilities = new Float64Array(optionCount);
  let sum = 0;
  for (let index = 0; index < optionCount; index++) {
    const entry = entries[index];
    if (entry === null) {
      if (index === optionCount - 1) fail(indexPath(path, index), 'the catch-all must not be null');
      probabilities[index] = Number.NaN;
      continue;
    }
    if (!isProbability(entry)) {
      fail(indexPath(path, index), 'must be null or a number between 0.001 and 0.999');
    }
    probabilities[index] = entry;
    sum += entry;
  }
  if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) fail(path, 'non-null entries must sum to 1');
  return probabilities;
}

function parseCdf(value: unknown, path: string, question: CoreQuestion): Float64Array {
  const pointCount = (question.inboundOutcomeCount ?? 200) + 1;
  const entries = requireArray(value, path);
  if (entries.length !== pointCount) fail(path, `must have ${pointCount} values (n + 1)`);
  const cdf = new Float64Array(pointCount);
  for (let index = 0; index < pointCount; index++) {
    const entry = entries[index];
    if (typeof entry !== 'number' || !(entry >= 0 && entry <= 1)) {
      fail(indexPath(path, index), 'must be a number between 0 and 1');
    }
    if (index > 0 && entry < cdf[index - 1]) fail(indexPath(path, index), 'must not decrease');
    cdf[index] = entry;
  }
  return cdf;
}
