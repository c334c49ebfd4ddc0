// Which `resolution` strings a question accepts for scoring (docs/maths.md §14.1, syntax of §8).
import { parseDateTime, parseDecimalNumber } from '../locations/resolution-value.ts';
import type { CoreQuestion } from '../types.ts';

/** Resolutions that void a question of any type: no scores at all (§8). */
export const VOIDING_RESOLUTIONS: readonly string[] = ['annulled', 'ambiguous'];

/**
 * Why `resolution` is not acceptable for `question`, or null when it is. The question's
 * type-specific fields (allOptions, range, bounds) must already be validated.
 */
export function resolutionProblem(question: CoreQuestion, resolution: string): string | null {
  if (VOIDING_RESOLUTIONS.includes(resolution)) return null;
  switch (question.type) {
    case 'binary':
      return resolution === 'yes' || resolution === 'no'
        ? null
        : 'must be yes, no, annulled or ambiguous';
    case 'multiple_choice':
      return question.allOptions?.includes(resolution)
        ? null
        : 'must be one of the options, annulled or ambiguous';
    case 'numeric':
    case 'date':
    case 'discrete':
      return continuousResolutionProblem(question, resolution);
  }
}

function continuousResolutionProblem(question: CoreQuestion, resolution: string): string | null {
  const isOpenLower = question.openLowerBound === true;
  const isOpenUpper = question.openUpperBound === true;
  if (resolution === 'below_lower_bound') {
    return isOpenLower ? null : 'below_lower_bound needs an open lower bound';
  }
  if (resolution === 'above_upper_bound') {
    return isOpenUpper ? null : 'above_upper_bound needs an open upper bound';
  }
  const isDate = question.type === 'date';
  const value = isDate ? parseDateTime(resolution) : parseDecimalNumber(resolution);
  if (value === null) {
    return isDate
      ? 'must be an ISO 8601 date or date-time, below_lower_bound, above_upper_bound, annulled or ambiguous'
      : 'must be a decimal number, below_lower_bound, above_upper_bound, annulled or ambiguous';
  }
  if (!isOpenLower && value < (question.rangeMin as number)) {
    return 'must not be below range_min (closed lower bound)';
  }
  if (!isOpenUpper && value > (question.rangeMax as number)) {
    return 'must not be above range_max (closed upper bound)';
  }
  return null;
}
