// Resolution → outcome bucket (docs/maths.md §8): the PMF index every score reads its probability from.
import type { CoreQuestion } from '../types.ts';
import { isContinuousType } from './pmf.ts';
import { parseDateTime, parseDecimalNumber } from './resolution-value.ts';
import { scaledToUnscaled } from './scale.ts';

export const DEFAULT_INBOUND_OUTCOME_COUNT = 200;

/** Resolutions that void a question: no bucket, no scores. */
export function isVoidResolution(resolution: string): boolean {
  return resolution === 'annulled' || resolution === 'ambiguous';
}

/**
 * Bucket of an unscaled location u on a CDF of n + 1 points: u < 0 → 0, u > 1 → n + 1, u = 1 → n,
 * else max(⌊(u·n + 1) − 1e-10⌋, 1), so range_min lands in bucket 1 and range_max in bucket n.
 * Compatibility quirk: on a log scale u(range_max) can come out as 1 + 2⁻⁵² and then maps to
 * n + 1 (probability 0 with a closed upper bound); not special-cased, as in the reference.
 */
export function bucketOfUnscaledLocation(u: number, inboundOutcomeCount: number): number {
  if (u < 0) return 0;
  if (u > 1) return inboundOutcomeCount + 1;
  if (u === 1) return inboundOutcomeCount;
  return Math.max(Math.floor(u * inboundOutcomeCount + 1 - 1e-10), 1);
}

/**
 * The resolution bucket of a (validated) question, or null for annulled / ambiguous.
 * Binary: yes → 1, no → 0. MC: the label's all-options index. Continuous: see above.
 */
export function resolutionBucket(question: CoreQuestion): number | null {
  const resolution = question.resolution;
  if (resolution === undefined) throw new RangeError('question has no resolution');
  if (isVoidResolution(resolution)) return null;
  if (question.type === 'binary') {
    if (resolution === 'yes') return 1;
    if (resolution === 'no') return 0;
    throw new RangeError(`invalid binary resolution: ${resolution}`);
  }
  if (question.type === 'multiple_choice') {
    const index = (question.allOptions ?? []).indexOf(resolution);
    if (index < 0) throw new RangeError(`resolution is not an option: ${resolution}`);
    return index;
  }
  if (!isContinuousType(question.type)) throw new RangeError('unknown question type');
  const inboundOutcomeCount = question.inboundOutcomeCount ?? DEFAULT_INBOUND_OUTCOME_COUNT;
  if (resolution === 'below_lower_bound') return 0;
  if (resolution === 'above_upper_bound') return inboundOutcomeCount + 1;
  const location =
    question.type === 'date' ? parseDateTime(resolution) : parseDecimalNumber(resolution);
  if (location === null) throw new RangeError(`invalid resolution value: ${resolution}`);
  if (question.rangeMin === undefined || question.rangeMax === undefined) {
    throw new RangeError('continuous question without a range');
  }
  const u = scaledToUnscaled(location, {
    rangeMin: question.rangeMin,
    rangeMax: question.rangeMax,
    zeroPoint: question.zeroPoint ?? null,
  });
  return bucketOfUnscaledLocation(u, inboundOutcomeCount);
}
